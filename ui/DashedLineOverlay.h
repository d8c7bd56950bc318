#pragma once

// Draws a chart's dashed line series on top of its plot, dash by dash.
//
// Qt Charts 6.4 paints a line series with a non-solid pen as one QPainterPath so that the dash
// pattern runs on across points; the raster engine then strokes and fills a path of thousands of
// dashes at once, which for a 600-point noisy series costs ~20× a solid line (measured with
// callgrind in bench_ui: about 25 M instructions per redraw, more than a whole canvas frame).
// This item takes the points instead, cuts the dash pattern itself (continuing across points)
// and draws the "on" stretches as plain line segments with a solid pen. The series it stands in
// for stay in the chart, empty — they keep the axes, the pen and the legend entry (whose marker
// shows the dashed pen) — and fully transparent. Empty, they also spare Qt Charts its per-point
// hit-test outline (a QPainterPathStroker pass on every replace()).

#include <QGraphicsItem>
#include <QList>

class QChart;
class QLineSeries;

namespace postoffice::ui {

class DashedLineOverlay : public QGraphicsItem
{
public:
    explicit DashedLineOverlay(QChart *chart);

    // Takes over drawing of a series with a dashed pen (the series must be in the chart).
    void addSeries(QLineSeries *series);
    void clearSeries();
    const QList<QLineSeries *> &series() const { return m_series; }
    // The points drawn for a series taken over (in its axes' values).
    void setPoints(QLineSeries *series, const QList<QPointF> &points);
    QList<QPointF> points(QLineSeries *series) const;

    // The dashes of a polyline, in the same coordinates: pattern in pen-width units as
    // QPen::dashPattern() gives it, continuing from one segment into the next.
    static QList<QLineF> dashes(const QList<QPointF> &polyline, const QList<qreal> &pattern, qreal width);

    // Follows the chart's plot area (call after a layout change; the chart's refresh does).
    void syncGeometry();

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QChart *m_chart;
    QList<QLineSeries *> m_series;
    QList<QList<QPointF>> m_points; // parallel to m_series
    QRectF m_plot;
};

} // namespace postoffice::ui
