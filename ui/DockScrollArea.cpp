#include "DockScrollArea.h"

#include <QScrollBar>
#include <QStyle>

namespace postoffice::ui {

DockScrollArea::DockScrollArea(QWidget *panel, QWidget *parent) : QScrollArea(parent)
{
    setObjectName(panel->objectName() + QStringLiteral("Scroll"));
    setFrameShape(QFrame::NoFrame);
    setWidgetResizable(true); // as tall as the dock when there is room: the panel lays out as before
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setWidget(panel);
}

QSize DockScrollArea::minimumSizeHint() const
{
    // Width: the panel's minimum plus room for the scroll bar that appears when it is short.
    const int bar = style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
    const int width = widget() ? widget()->minimumSizeHint().expandedTo(widget()->minimumSize()).width() : 0;
    return QSize(width + bar + frameWidth() * 2, minimumHeight);
}

QSize DockScrollArea::sizeHint() const
{
    // QScrollArea caps its hint at a few dozen lines: the panel's own hint is what the dock
    // should start at.
    if (!widget())
        return QScrollArea::sizeHint();
    const int bar = style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
    const QSize panel = widget()->sizeHint().expandedTo(widget()->minimumSizeHint());
    return QSize(panel.width() + bar + frameWidth() * 2, panel.height() + frameWidth() * 2);
}

} // namespace postoffice::ui
