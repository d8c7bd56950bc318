#pragma once

// The ticks of a chart's time axis for a window of simulated time: a round step (1, 2, 5, 10,
// 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12, 24 h …) with at most `maxIntervals`
// intervals, anchored at 0:00:00 so that ticks fall on multiples of the step whatever the window
// starts at ("2 min, 4 min, 6 min" over 0:00:44–0:10:44, not "44 s, 194 s, 344 s").
// The axis reads in the step's unit (s, min or h), so every step is a whole number of it and no
// two labels print the same. Qt places the ticks itself (QValueAxis::TicksDynamic).

#include <QList>
#include <QString>

class QValueAxis;

namespace postoffice::ui {

class ChartTimeTicks
{
public:
    ChartTimeTicks(double from_s, double to_s, int maxIntervals = 6);

    double step_s() const { return m_step_s; }
    // Seconds per axis unit: 1, 60 or 3600.
    double scale() const { return m_scale; }
    // "s", "min" or "h".
    QString unit() const { return m_unit; }
    // printf format for QValueAxis::setLabelFormat, e.g. "%.0f min".
    QString labelFormat() const { return QStringLiteral("%.0f ") + m_unit; }
    // Tick positions in seconds within the window, and their labels as the axis prints them.
    QList<double> ticks_s() const;
    QStringList labels() const;

    // Range in axis units, dynamic ticks at multiples of the step, the label format.
    void apply(QValueAxis *axis) const;

    // The most intervals whose labels fit side by side in `plotWidth` pixels, when the widest
    // label is `labelWidth` pixels wide (a gap of half a label between neighbours), 2 to 6.
    static int intervalsFitting(double plotWidth, double labelWidth);

private:
    double m_from_s;
    double m_to_s;
    double m_step_s = 1.0;
    double m_scale = 1.0;
    QString m_unit = QStringLiteral("s");
};

} // namespace postoffice::ui
