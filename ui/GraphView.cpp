#include "GraphView.h"

#include "ArchitectureStyle.h"
#include "GraphScene.h"
#include "NodeItem.h"
#include "ScenarioDocument.h"
#include "Theme.h"

#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

namespace postoffice::ui {

namespace {

constexpr qreal minZoom = 0.15;
constexpr qreal maxZoom = 4.0;
// Fitting enlarges a small graph up to this much: on a projector the shop's five nodes should fill
// the canvas, but cards much larger than this look bloated next to the panels' text.
constexpr qreal maxFitZoom = 1.6;
constexpr qreal gridStep = 24.0;
constexpr int captionMargin = 8; // viewport pixels between the caption and the canvas's corner

std::optional<app::NodeKind> kindFromName(const QString &name)
{
    for (auto k : {app::NodeKind::Producer, app::NodeKind::Service, app::NodeKind::Topic,
                   app::NodeKind::Broker, app::NodeKind::Stream}) {
        if (Theme::nodeKindName(k) == name)
            return k;
    }
    return std::nullopt;
}

} // namespace

GraphView::GraphView(GraphScene *scene, QWidget *parent) : QGraphicsView(scene, parent), m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setCacheMode(CacheBackground);
    setViewportUpdateMode(SmartViewportUpdate);
    setDragMode(RubberBandDrag);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setAcceptDrops(true);
    setFrameShape(QFrame::NoFrame);
    // Panning is by middle button or Space+drag; scroll bars would only eat projector pixels.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setMinimumSize(minimumCanvas);
}

QString GraphView::nodeKindMimeType()
{
    return QStringLiteral("application/x-postoffice-node-kind");
}

void GraphView::zoomIn()
{
    scaleBy(1.25);
}

void GraphView::zoomOut()
{
    scaleBy(1 / 1.25);
}

void GraphView::setZoom(qreal factor)
{
    factor = std::clamp(factor, minZoom, maxZoom);
    setTransform(QTransform::fromScale(factor, factor));
    zoomSettled();
}

void GraphView::zoomSettled()
{
    for (NodeItem *n : m_scene->nodeItems())
        n->setViewLevelOfDetail(zoom());
    resetCachedContent();
    emit zoomChanged(zoom());
}

void GraphView::scaleBy(qreal factor)
{
    const qreal target = std::clamp(zoom() * factor, minZoom, maxZoom);
    if (qFuzzyCompare(target, zoom()))
        return;
    scale(target / zoom(), target / zoom());
    zoomSettled();
}

void GraphView::fitAll()
{
    const QSizeF vp = viewport()->size();
    if (vp.isEmpty())
        return;
    // The caption takes a strip along the top or the left: whichever costs the graph less.
    const QSizeF cap = QSizeF(captionSize()) + QSizeF(captionMargin, captionMargin);
    // Badges grow as the zoom shrinks and the zoom depends on their size: a few rounds settle it.
    qreal factor = 1.0;
    QRectF content;
    bool belowCaption = true;
    for (int round = 0; round < 3; ++round) {
        content = m_scene->contentRect(factor);
        if (content.isEmpty())
            return;
        const qreal below =
            std::min(vp.width() / content.width(), (vp.height() - cap.height()) / content.height());
        const qreal beside =
            std::min((vp.width() - cap.width()) / content.width(), vp.height() / content.height());
        belowCaption = below >= beside;
        factor = std::clamp(std::max(below, beside), minZoom, maxFitZoom);
    }
    setTransform(QTransform::fromScale(factor, factor));
    const QPointF shift = belowCaption ? QPointF(0, cap.height() / 2) : QPointF(cap.width() / 2, 0);
    centerOn(content.center() - shift / factor);
    zoomSettled();
}

QSize GraphView::captionSize() const
{
    QFont font = this->font();
    font.setPointSizeF(13);
    font.setBold(true);
    const QFontMetrics fm(font);
    return QSize(fm.horizontalAdvance(ArchitectureStyle::label(m_scene->architecture())) + 28,
                 fm.height() + 10);
}

const QPixmap &GraphView::caption()
{
    const QString arch = m_scene->architecture();
    const qreal dpr = devicePixelRatioF();
    const QString key = arch + ArchitectureStyle::color(arch).name() + QString::number(dpr);
    if (key == m_captionKey)
        return m_caption;
    const QSize size = captionSize();
    m_caption = QPixmap(size * dpr);
    m_caption.setDevicePixelRatio(dpr);
    m_caption.fill(Qt::transparent);
    QPainter p(&m_caption);
    QFont font = this->font();
    font.setPointSizeF(13);
    font.setBold(true);
    p.setFont(font);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(ArchitectureStyle::color(arch));
    p.drawRoundedRect(QRect(QPoint(0, 0), size), 6, 6);
    p.setPen(Qt::white);
    p.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, ArchitectureStyle::label(arch));
    p.end();
    m_captionKey = key;
    return m_caption;
}

void GraphView::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, Theme::canvasBackground());
    // Grid lines only while they are far enough apart to be a texture, not a fog.
    if (gridStep * zoom() < 8)
        return;
    const bool drawMinor = zoom() >= 0.6;
    const qreal left = std::floor(rect.left() / gridStep) * gridStep;
    const qreal top = std::floor(rect.top() / gridStep) * gridStep;
    QVector<QLineF> minor, major;
    for (qreal x = left; x < rect.right(); x += gridStep)
        (qRound(x / gridStep) % 5 == 0 ? major : minor).append(QLineF(x, rect.top(), x, rect.bottom()));
    for (qreal y = top; y < rect.bottom(); y += gridStep)
        (qRound(y / gridStep) % 5 == 0 ? major : minor).append(QLineF(rect.left(), y, rect.right(), y));
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(QPen(Theme::gridLine(), 0));
    if (drawMinor)
        painter->drawLines(minor);
    painter->setPen(QPen(Theme::gridLine().darker(Theme::mode() == Theme::Mode::Dark ? 70 : 106), 0));
    painter->drawLines(major);
}

void GraphView::drawForeground(QPainter *painter, const QRectF &)
{
    // Caption in viewport coordinates: which architecture this canvas shows. A cached pixmap:
    // the view repaints every frame during a run and shaping the text each time showed up.
    painter->save();
    painter->resetTransform();
    painter->drawPixmap(QPoint(captionMargin, captionMargin), caption());
    painter->restore();
}

void GraphView::wheelEvent(QWheelEvent *event)
{
    const qreal steps = event->angleDelta().y() / 120.0;
    if (qFuzzyIsNull(steps)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    scaleBy(std::pow(1.15, steps));
    event->accept();
}

void GraphView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (m_spaceHeld && event->button() == Qt::LeftButton)) {
        m_panning = true;
        m_panLast = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void GraphView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint p = event->position().toPoint();
        const QPoint d = p - m_panLast;
        m_panLast = p;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void GraphView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void GraphView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void GraphView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void GraphView::dragEnterEvent(QDragEnterEvent *event)
{
    // Anything but a palette item (e.g. a scenario file) is left to the main window.
    if (event->mimeData()->hasFormat(nodeKindMimeType()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void GraphView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(nodeKindMimeType()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void GraphView::dropEvent(QDropEvent *event)
{
    const auto kind = kindFromName(QString::fromUtf8(event->mimeData()->data(nodeKindMimeType())));
    if (!kind) {
        event->ignore();
        return;
    }
    const QPointF pos = mapToScene(event->position().toPoint());
    m_scene->document()->addNode(*kind, QPointF(std::round(pos.x()), std::round(pos.y())));
    event->acceptProposedAction();
}

void GraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    resetCachedContent();
}

} // namespace postoffice::ui
