#include "PaletteTile.h"

#include "GraphView.h"
#include "Theme.h"

#include <QApplication>
#include <QDrag>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>

namespace postoffice::ui {

PaletteTile::PaletteTile(app::NodeKind kind, QWidget *parent) : QToolButton(parent), m_kind(kind)
{
    QString name = Theme::nodeKindName(kind);
    if (kind == app::NodeKind::Stream)
        name = QStringLiteral("stream processor");
    name[0] = name[0].toUpper();
    setText(name);
    setIcon(kindIcon(kind));
    setIconSize(QSize(28, 28));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(tr("Click to add a %1 to the canvas, or drag it onto the canvas.").arg(name.toLower()));
    setAutoRaise(true);
}

QIcon PaletteTile::kindIcon(app::NodeKind kind)
{
    QPixmap pm(56, 56);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(Theme::nodeKindColor(kind));
    p.drawEllipse(QRectF(2, 2, 52, 52));
    QFont f;
    f.setPixelSize(28);
    f.setBold(true);
    p.setFont(f);
    p.setPen(Qt::white);
    p.drawText(QRectF(0, 0, 56, 56), Qt::AlignCenter, QString(Theme::nodeKindLetter(kind)));
    return QIcon(pm);
}

void PaletteTile::mousePressEvent(QMouseEvent *event)
{
    m_pressPos = event->position().toPoint();
    QToolButton::mousePressEvent(event);
}

void PaletteTile::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton) ||
        (event->position().toPoint() - m_pressPos).manhattanLength() < QApplication::startDragDistance()) {
        QToolButton::mouseMoveEvent(event);
        return;
    }
    setDown(false); // a drag is not a click
    auto *mime = new QMimeData;
    mime->setData(GraphView::nodeKindMimeType(), Theme::nodeKindName(m_kind).toUtf8());
    auto *drag = new QDrag(this);
    drag->setMimeData(mime);
    drag->setPixmap(kindIcon(m_kind).pixmap(40, 40));
    drag->setHotSpot(QPoint(20, 20));
    drag->exec(Qt::CopyAction);
}

} // namespace postoffice::ui
