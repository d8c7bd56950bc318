#include "ChartValueTicks.h"

#include <cmath>

namespace postoffice::ui {

ChartValueTicks::ChartValueTicks(ChartUnit::Quantity quantity, const ChartUnit &unit, double peak)
{
    const double divisor = unit.divisor();
    // Nothing yet (or no failures at all): a 0–5 axis of whole numbers, not "0.25 orders/s".
    const double wanted = peak <= 0.0 ? 5.0 : peak / divisor * 1.05;
    for (int n : {4, 5, 3, 6}) {
        const double raw = wanted / n;
        const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
        for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
            // Counts of whole things step by whole numbers: 0, 2, 4, 6, 8 failures, not 2.5.
            if (m == 2.5 && magnitude == 1.0 && quantity == ChartUnit::Count && divisor == 1.0)
                continue;
            if (m * magnitude < raw * (1 - 1e-9))
                continue;
            if (m_top == 0.0 || n * m * magnitude < m_top) {
                m_step = m * magnitude;
                m_top = n * m_step;
                m_intervals = n;
            }
            break;
        }
    }
    const bool whole = std::abs(m_step - std::round(m_step)) < 1e-9;
    const bool tenths = std::abs(m_step * 10 - std::round(m_step * 10)) < 1e-9;
    const int decimals = whole ? 0 : tenths ? 1 : 2;
    // The steps are exact at `decimals`, so the labels differ as QCategoryAxis needs them to.
    for (int k = 0; k <= m_intervals; ++k)
        m_labels << unit.label(k * m_step, decimals);
}

} // namespace postoffice::ui
