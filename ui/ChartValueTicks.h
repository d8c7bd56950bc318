#pragma once

// The ticks of a chart's value axis for the highest value shown: headroom above it, steps of
// 1, 2, 2.5 or 5 × 10^n with 3 to 6 intervals, whichever fits the data most tightly, so that
// every label is a number people read at a glance ("0, 5, 10, 15, 20 s", never "0, 4.2, 8.4").

#include "ChartUnit.h"

#include <QStringList>

namespace postoffice::ui {

class ChartValueTicks
{
public:
    // `peak` is in the stored unit; `unit` is the one the axis reads in (ChartUnit::forPeak).
    ChartValueTicks(ChartUnit::Quantity quantity, const ChartUnit &unit, double peak);

    double step() const { return m_step; } // in the axis' unit
    int intervals() const { return m_intervals; }
    double top() const { return m_top; } // intervals × step
    // One per tick from 0 to top, exact at the fewest decimals the step needs.
    const QStringList &labels() const { return m_labels; }

private:
    double m_step = 0.0;
    int m_intervals = 4;
    double m_top = 0.0;
    QStringList m_labels;
};

} // namespace postoffice::ui
