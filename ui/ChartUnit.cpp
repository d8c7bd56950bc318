#include "ChartUnit.h"

#include <cmath>

namespace postoffice::ui {

ChartUnit::ChartUnit(double divisor, const QString &suffix, bool spaced)
    : m_divisor(divisor), m_suffix(suffix), m_spaced(spaced)
{}

ChartUnit ChartUnit::forPeak(Quantity quantity, double peak)
{
    const double top = std::isfinite(peak) ? std::abs(peak) : 0.0;
    if (quantity == DurationMs) {
        // Below 2 s, milliseconds are what people compare ("40 ms" vs "900 ms"); up to two minutes
        // seconds ("90 s"); a backlog drains over minutes; a long run's worst case over hours.
        if (top < 2'000.0)
            return {1.0, QStringLiteral("ms"), true};
        if (top < 120'000.0)
            return {1'000.0, QStringLiteral("s"), true};
        if (top < 3 * 3'600'000.0)
            return {60'000.0, QStringLiteral("min"), true};
        return {3'600'000.0, QStringLiteral("h"), true};
    }
    // Four digits still read at a glance; five ("12000") do not.
    if (top < 10'000.0)
        return {};
    if (top < 10'000'000.0)
        return {1'000.0, QStringLiteral("k"), false};
    return {1'000'000.0, QStringLiteral("M"), false};
}

QString ChartUnit::label(double axisValue, int decimals) const
{
    // Whatever rounds to zero at the precision shown is the axis's foot: a bare "0", not "0.0 s".
    if (std::abs(axisValue) < 0.5 * std::pow(10.0, -decimals))
        return QStringLiteral("0");
    QString text = QString::number(axisValue, 'f', decimals);
    if (!m_suffix.isEmpty())
        text += (m_spaced ? QStringLiteral(" ") : QString()) + m_suffix;
    return text;
}

} // namespace postoffice::ui
