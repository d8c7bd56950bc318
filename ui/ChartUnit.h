#pragma once

// The unit a chart's value axis reads in, chosen from the largest value shown, so that every tick
// label is a short number a room can read: a ten-minute latency reads "10 min", not "600000", and
// a backlog of 12,000 records "12k". The data stays in its stored unit (ms, records); the chart
// divides by divisor() when it hands points to the axis.
//
// Zero reads "0" in every unit: "0k" or "0 ms" at the foot of an axis makes a room wonder what
// a thousand of nothing is. A printf label format cannot say that (QValueAxis prints every tick
// with one format), so the chart names its ticks with label() on a QCategoryAxis.

#include <QString>

namespace postoffice::ui {

class ChartUnit
{
public:
    enum Quantity {
        Count,      // orders/s, records: plain, then k, then M
        DurationMs, // stored in milliseconds: ms below 2 s, then s, min, h
    };

    ChartUnit() = default;
    // The unit for an axis whose top is `peak`, in the stored unit.
    static ChartUnit forPeak(Quantity quantity, double peak);

    double divisor() const { return m_divisor; }
    // "ms", "s", "min", "h", "k", "M", or empty for plain counts.
    QString suffix() const { return m_suffix; }
    // A tick at `axisValue` (already divided by divisor()) with `decimals` digits after the point:
    // the number, then the unit ("2.5 s", "12k"); "0" for anything that reads as zero.
    QString label(double axisValue, int decimals) const;
    // A stored value as its tick label would read it ("2.5 s", "12k", "0").
    QString format(double stored, int decimals) const { return label(stored / m_divisor, decimals); }

private:
    ChartUnit(double divisor, const QString &suffix, bool spaced);

    double m_divisor = 1.0;
    QString m_suffix;
    bool m_spaced = false; // "2 s" but "12k"
};

} // namespace postoffice::ui
