#include "ChartDecimator.h"

#include <QtNumeric>

#include <algorithm>

namespace postoffice::ui {

namespace {

double lowerTime(const std::vector<QPointF> &data, double t)
{
    return double(
        std::lower_bound(data.begin(), data.end(), t, [](const QPointF &p, double v) { return p.x() < v; }) -
        data.begin());
}

} // namespace

QList<QPointF> ChartDecimator::visiblePoints(const std::vector<QPointF> &data, double from_s, double to_s,
                                             double scale, int budget)
{
    // One point either side of the window so lines run to the edges instead of stopping short.
    const auto first = qsizetype(std::max(0.0, lowerTime(data, from_s) - 1));
    const auto last = qsizetype(std::min(double(data.size()), lowerTime(data, to_s) + 1));
    QList<QPointF> out;
    const qsizetype n = last - first;
    if (n <= 0)
        return out;
    if (n <= budget) {
        out.reserve(n);
        for (qsizetype i = first; i < last; ++i)
            out.append(QPointF(data[i].x() / scale, data[i].y()));
        return out;
    }
    const qsizetype buckets = budget / 2;
    out.reserve(buckets * 2);
    for (qsizetype b = 0; b < buckets; ++b) {
        const qsizetype lo = first + n * b / buckets;
        const qsizetype hi = first + n * (b + 1) / buckets;
        if (lo >= hi)
            continue;
        auto [mn, mx] = std::minmax_element(data.begin() + lo, data.begin() + hi,
                                            [](const QPointF &a, const QPointF &c) { return a.y() < c.y(); });
        // Keep time order inside the bucket so the line does not zig-zag backwards.
        const QPointF &a = mn->x() <= mx->x() ? *mn : *mx;
        const QPointF &c = mn->x() <= mx->x() ? *mx : *mn;
        out.append(QPointF(a.x() / scale, a.y()));
        if (&a != &c)
            out.append(QPointF(c.x() / scale, c.y()));
    }
    return out;
}

QList<QPointF> ChartDecimator::breakAtGaps(const QList<QPointF> &points, const std::vector<double> &gaps,
                                           double scale)
{
    // Qt Charts ends a line at a NaN point: two values with undefined seconds between them are
    // not joined, so no slope is drawn through a time when the value did not exist.
    QList<QPointF> out;
    out.reserve(points.size());
    for (qsizetype k = 0; k < points.size(); ++k) {
        if (k > 0) {
            const double a = points[k - 1].x() * scale;
            const double b = points[k].x() * scale;
            const auto it = std::upper_bound(gaps.begin(), gaps.end(), a + 1e-9);
            if (it != gaps.end() && *it < b - 1e-9)
                out.append(QPointF((points[k - 1].x() + points[k].x()) / 2, qQNaN()));
        }
        out.append(points[k]);
    }
    return out;
}

} // namespace postoffice::ui
