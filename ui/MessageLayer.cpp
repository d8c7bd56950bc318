#include "MessageLayer.h"

#include <QPainter>
#include <QPainterPath>

#include <QtMath>

#include <algorithm>

namespace postoffice::ui {

namespace {

constexpr double dotRadius = 5.0;
// A dot is never smaller than this on screen (device pixels across): a fitted projector view of a
// wide graph would otherwise shrink messages to specks.
constexpr qreal minDotPixels = 8.0;

// The dot in scene units: a 12-unit square sprite holding a 10-unit disc with a 1-unit rim.
constexpr qreal spriteUnits = 2 * dotRadius + 2;

// A dot sprite for `pixelsPerUnit` device pixels per scene unit, shown at device pixel ratio dpr.
QPixmap renderSprite(const QColor &colour, qreal pixelsPerUnit, qreal dpr)
{
    const int side = std::max(2, qCeil(spriteUnits * pixelsPerUnit));
    QPixmap pixmap(side, side);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(side / spriteUnits, side / spriteUnits);
    p.setPen(QPen(colour.darker(160), 1.0));
    p.setBrush(colour);
    p.drawEllipse(QRectF(1, 1, spriteUnits - 2, spriteUnits - 2));
    p.end();
    pixmap.setDevicePixelRatio(dpr);
    return pixmap;
}

} // namespace

MessageLayer::MessageLayer()
{
    // Above edges and nodes, never selectable: it only shows what the engine does.
    setZValue(50);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void MessageLayer::setEdgePath(int index, const QPolygonF &path)
{
    if (index < 0)
        return;
    if (index >= int(m_paths.size()))
        m_paths.resize(index + 1);
    EdgePath &e = m_paths[index];
    if (e.points == path)
        return; // unchanged: no geometry change, no repaint of the whole layer
    e.points = path;
    e.cumulative.assign(path.size(), 0.0);
    for (qsizetype i = 1; i < path.size(); ++i)
        e.cumulative[i] = e.cumulative[i - 1] + QLineF(path[i - 1], path[i]).length();
    prepareGeometryChange();
    m_bounds = QRectF();
    for (const EdgePath &p : m_paths)
        m_bounds |= p.points.boundingRect();
    m_bounds.adjust(-24, -24, 24, 24);
}

void MessageLayer::clearEdges()
{
    prepareGeometryChange();
    m_paths.clear();
    m_dots.clear();
    m_bands.clear();
    m_bounds = QRectF();
}

QPointF MessageLayer::pointAt(int edge, double fraction) const
{
    if (edge < 0 || edge >= int(m_paths.size()) || m_paths[edge].points.isEmpty())
        return {};
    const EdgePath &e = m_paths[edge];
    if (e.points.size() == 1)
        return e.points.front();
    const double target = std::clamp(fraction, 0.0, 1.0) * e.cumulative.back();
    const auto it = std::lower_bound(e.cumulative.begin() + 1, e.cumulative.end(), target);
    const qsizetype i = std::min<qsizetype>(it - e.cumulative.begin(), e.points.size() - 1);
    const double segment = e.cumulative[i] - e.cumulative[i - 1];
    const double t = segment > 0 ? (target - e.cumulative[i - 1]) / segment : 0.0;
    return e.points[i - 1] + (e.points[i] - e.points[i - 1]) * t;
}

void MessageLayer::setPalette(const std::vector<QColor> &colours)
{
    m_colours = colours;
    m_sprites.clear();
    // Twice the size, shown at half: crisp on HiDPI and when a rotated or sheared view needs
    // the general (transformed) path.
    for (const QColor &c : colours)
        m_sprites.push_back(renderSprite(c, 2.0, 2.0));
    m_deviceSprites.clear();
    m_deviceScale = 0.0;
}

void MessageLayer::setFrame(std::vector<Dot> dots, std::vector<Band> bands)
{
    m_dots = std::move(dots);
    m_bands = std::move(bands);
}

QRectF MessageLayer::boundingRect() const
{
    return m_bounds;
}

void MessageLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    for (const Band &b : m_bands) {
        if (b.edge < 0 || b.edge >= int(m_paths.size()))
            continue;
        QColor c = b.colour;
        c.setAlpha(150);
        painter->setPen(QPen(c, b.width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->drawPolyline(m_paths[b.edge].points);
    }
    // Sprites are blitted without antialiasing: they already are.
    painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
    const QTransform t = painter->worldTransform();
    if (t.type() > QTransform::TxScale || t.m11() <= 0 || !qFuzzyCompare(t.m11(), t.m22())) {
        const QPointF half(spriteUnits / 2, spriteUnits / 2);
        for (const Dot &d : m_dots) {
            if (d.colour < 0 || d.colour >= int(m_sprites.size()))
                continue;
            painter->drawPixmap(pointAt(d.edge, d.progress) - half, m_sprites[d.colour]);
        }
        painter->restore();
        return;
    }
    // The usual view (zoom and pan only): sprites pre-rendered at the view's scale are copied
    // 1:1 at whole device pixels — a plain blend of a few hundred pixels per dot, instead of a
    // scaled pixmap draw per dot (a third of the canvas frame before).
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const qreal pixelsPerUnit = std::max(t.m11() * dpr, minDotPixels * dpr / spriteUnits);
    if (pixelsPerUnit != m_deviceScale) {
        m_deviceSprites.clear();
        for (const QColor &c : m_colours)
            m_deviceSprites.push_back(renderSprite(c, pixelsPerUnit, dpr));
        m_deviceScale = pixelsPerUnit;
    }
    painter->resetTransform();
    const qreal half = spriteUnits / 2 * pixelsPerUnit / dpr;
    for (const Dot &d : m_dots) {
        if (d.colour < 0 || d.colour >= int(m_deviceSprites.size()))
            continue;
        const QPointF at = t.map(pointAt(d.edge, d.progress));
        painter->drawPixmap(
            QPointF(std::round((at.x() - half) * dpr) / dpr, std::round((at.y() - half) * dpr) / dpr),
            m_deviceSprites[d.colour]);
    }
    painter->restore();
}

} // namespace postoffice::ui
