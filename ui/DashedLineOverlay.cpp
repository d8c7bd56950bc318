#include "DashedLineOverlay.h"

#include <QChart>
#include <QLineSeries>
#include <QPainter>

namespace postoffice::ui {

DashedLineOverlay::DashedLineOverlay(QChart *chart) : QGraphicsItem(chart), m_chart(chart)
{
    // Above the series, below the legend and captions.
    setZValue(8);
    setAcceptedMouseButtons(Qt::NoButton);
}

void DashedLineOverlay::addSeries(QLineSeries *series)
{
    series->setOpacity(0.0);
    series->clear();
    m_series << series;
    m_points << QList<QPointF>{};
    update();
}

void DashedLineOverlay::clearSeries()
{
    m_series.clear();
    m_points.clear();
    update();
}

void DashedLineOverlay::setPoints(QLineSeries *series, const QList<QPointF> &points)
{
    const qsizetype i = m_series.indexOf(series);
    if (i < 0)
        return;
    m_points[i] = points;
    update();
}

QList<QPointF> DashedLineOverlay::points(QLineSeries *series) const
{
    const qsizetype i = m_series.indexOf(series);
    return i < 0 ? QList<QPointF>{} : m_points[i];
}

QList<QLineF> DashedLineOverlay::dashes(const QList<QPointF> &polyline, const QList<qreal> &pattern,
                                        qreal width)
{
    QList<QLineF> out;
    qreal total = 0;
    for (qreal p : pattern)
        total += p;
    if (polyline.size() < 2 || pattern.size() < 2 || total <= 0 || width <= 0) {
        for (qsizetype i = 1; i < polyline.size(); ++i)
            out << QLineF(polyline[i - 1], polyline[i]);
        return out;
    }
    qsizetype phase = 0;             // index into the pattern: even = dash, odd = gap
    qreal left = pattern[0] * width; // length left in the current phase
    for (qsizetype i = 1; i < polyline.size(); ++i) {
        const QPointF a = polyline[i - 1];
        const QPointF b = polyline[i];
        const qreal length = QLineF(a, b).length();
        qreal at = 0;
        while (at < length) {
            const qreal step = std::min(left, length - at);
            if (phase % 2 == 0) {
                const QPointF from = a + (b - a) * (at / length);
                out << QLineF(from, a + (b - a) * ((at + step) / length));
            }
            at += step;
            left -= step;
            if (left <= 1e-9) {
                phase = (phase + 1) % pattern.size();
                left = pattern[phase] * width;
            }
        }
    }
    return out;
}

void DashedLineOverlay::syncGeometry()
{
    if (m_chart->plotArea() == m_plot)
        return;
    prepareGeometryChange();
    m_plot = m_chart->plotArea();
}

QRectF DashedLineOverlay::boundingRect() const
{
    return m_plot;
}

void DashedLineOverlay::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->save();
    painter->setClipRect(m_plot);
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        QLineSeries *s = m_series[i];
        const QList<QPointF> &data = m_points[i];
        if (!s->isVisible() || data.size() < 2)
            continue;
        // Value axes are linear: three mapped points give the affine map for every point.
        const QPointF o = m_chart->mapToPosition(QPointF(0, 0), s);
        const QPointF ux = m_chart->mapToPosition(QPointF(1, 0), s) - o;
        const QPointF uy = m_chart->mapToPosition(QPointF(0, 1), s) - o;
        QList<QPointF> mapped;
        mapped.reserve(data.size());
        for (const QPointF &p : data)
            mapped << o + ux * p.x() + uy * p.y();
        QPen pen = s->pen();
        const QList<qreal> pattern = pen.dashPattern();
        const qreal width = std::max<qreal>(1.0, pen.widthF());
        pen.setStyle(Qt::SolidLine);
        pen.setCapStyle(Qt::FlatCap);
        painter->setPen(pen);
        painter->drawLines(dashes(mapped, pattern, width));
    }
    painter->restore();
}

} // namespace postoffice::ui
