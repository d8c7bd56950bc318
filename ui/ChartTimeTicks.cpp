#include "ChartTimeTicks.h"

#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace postoffice::ui {

ChartTimeTicks::ChartTimeTicks(double from_s, double to_s, int maxIntervals)
    : m_from_s(from_s), m_to_s(std::max(to_s, from_s + 1.0))
{
    // Steps a trainer reads out loud; after a day, whole days.
    static constexpr double steps[] = {1,   2,   5,    10,   15,   30,    60,    120,   300,
                                       600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
    const double width = m_to_s - m_from_s;
    const int most = std::max(1, maxIntervals);
    m_step_s = 0.0;
    for (double s : steps)
        if (width / s <= most + 1e-9) {
            m_step_s = s;
            break;
        }
    if (m_step_s == 0.0)
        m_step_s = std::ceil(width / most / 86400.0) * 86400.0;
    m_scale = m_step_s >= 3600.0 ? 3600.0 : m_step_s >= 60.0 ? 60.0 : 1.0;
    m_unit = m_scale == 3600.0 ? QStringLiteral("h")
             : m_scale == 60.0 ? QStringLiteral("min")
                               : QStringLiteral("s");
}

QList<double> ChartTimeTicks::ticks_s() const
{
    QList<double> out;
    // A hair of tolerance so that a window ending on a tick (0:10:00) shows it.
    const double eps = m_step_s * 1e-9;
    for (double k = std::ceil((m_from_s - eps) / m_step_s); k * m_step_s <= m_to_s + eps; k += 1.0)
        out << k * m_step_s;
    return out;
}

QStringList ChartTimeTicks::labels() const
{
    QStringList out;
    for (double t : ticks_s())
        out << QString::asprintf("%.0f ", t / m_scale) + m_unit;
    return out;
}

void ChartTimeTicks::apply(QValueAxis *axis) const
{
    axis->setLabelFormat(labelFormat());
    axis->setRange(m_from_s / m_scale, m_to_s / m_scale);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    axis->setTickInterval(m_step_s / m_scale);
    axis->setMinorTickCount(0);
}

int ChartTimeTicks::intervalsFitting(double plotWidth, double labelWidth)
{
    if (labelWidth <= 0.0 || plotWidth <= 0.0)
        return 6; // not laid out yet
    return std::clamp(int(plotWidth / (labelWidth * 1.5)), 2, 6);
}

} // namespace postoffice::ui
