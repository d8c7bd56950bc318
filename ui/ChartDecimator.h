#pragma once

// The points a chart line is handed for its visible window. A run of ten simulated hours holds
// 36,000 samples per line; Qt Charts strokes a hit-test outline through every point it is given,
// so the line gets at most a budget of points (one min/max pair per bucket, which keeps every
// peak: a lag spike must never be averaged away), and a refresh costs the same after one minute
// or ten hours.

#include <QList>
#include <QPointF>

#include <vector>

namespace postoffice::ui {

class ChartDecimator
{
public:
    // The samples of `data` (time-ordered, x in seconds) within [from_s, to_s] and one either
    // side, x divided by `scale`, reduced to about `budget` points when there are more.
    static QList<QPointF> visiblePoints(const std::vector<QPointF> &data, double from_s, double to_s,
                                        double scale, int budget);
    // `points` with a break (a NaN point) wherever one of the undefined seconds `gaps` lies
    // between two neighbours, so that no slope is drawn through a time without a value.
    static QList<QPointF> breakAtGaps(const QList<QPointF> &points, const std::vector<double> &gaps,
                                      double scale);
};

} // namespace postoffice::ui
