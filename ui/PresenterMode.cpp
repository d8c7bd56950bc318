#include "PresenterMode.h"

#include "NodeItem.h"
#include "SimulationController.h"

#include <QDockWidget>
#include <QEvent>
#include <QLabel>
#include <QMainWindow>
#include <QTimer>

namespace postoffice::ui {

PresenterMode::PresenterMode(QWidget *window, SimulationController *controller, QObject *parent)
    : QObject(parent), m_window(window), m_controller(controller)
{
    m_caption = new QLabel(window);
    m_caption->setObjectName(QStringLiteral("presenterCaption"));
    m_caption->setWordWrap(true);
    m_caption->setAlignment(Qt::AlignCenter);
    m_caption->setAttribute(Qt::WA_TransparentForMouseEvents);
    // White on near-black reads on any projector and over any canvas colour.
    m_caption->setStyleSheet(QStringLiteral("QLabel#presenterCaption { background: rgba(20, 24, 30, 225);"
                                            " color: white; border-radius: 10px; padding: 14px 22px; }"));
    m_caption->hide();
    window->installEventFilter(this);

    m_hide = new QTimer(this);
    m_hide->setSingleShot(true);
    m_hide->setInterval(captionHoldMs);
    connect(m_hide, &QTimer::timeout, m_caption, &QLabel::hide);

    connect(controller, &SimulationController::eventOccurred, this, &PresenterMode::onEvent);
    connect(controller, &SimulationController::playingChanged, this, [this](bool playing) {
        // A caption that paused the run stays until the trainer resumes, then lingers a while.
        if (playing && m_caption->isVisible())
            m_hide->start();
        else
            m_hide->stop();
    });
    connect(controller, &SimulationController::scenarioLoaded, m_caption, &QLabel::hide);
}

void PresenterMode::setEnabled(bool on)
{
    if (on == m_enabled || !m_window)
        return;
    m_enabled = on;
    if (on) {
        m_normalFont = m_window->font();
        m_normalState = m_window->windowState();
        m_autoPauseBefore = m_controller->autoPause();
        QFont big = m_normalFont;
        big.setPointSizeF(m_normalFont.pointSizeF() * fontScale);
        m_window->setFont(big);
        NodeItem::setMinOnScreenPx(NodeItem::defaultMinOnScreenPx * fontScale);
        m_controller->setAutoPause(true);
        hideSidePanels();
        m_window->showFullScreen();
    } else {
        restoreSidePanels();
        m_window->setFont(m_normalFont);
        NodeItem::setMinOnScreenPx(NodeItem::defaultMinOnScreenPx);
        m_controller->setAutoPause(m_autoPauseBefore);
        m_window->setWindowState(m_normalState);
        m_caption->hide();
    }
    placeCaption();
    emit enabledChanged(on);
}

void PresenterMode::hideSidePanels()
{
    auto *main = qobject_cast<QMainWindow *>(m_window.data());
    if (!main)
        return;
    m_sidePanels.clear();
    for (QDockWidget *dock : main->findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly)) {
        const Qt::DockWidgetArea area = main->dockWidgetArea(dock);
        if ((area == Qt::LeftDockWidgetArea || area == Qt::RightDockWidgetArea) && !dock->isHidden()) {
            m_sidePanels << dock;
            dock->hide();
        }
    }
}

void PresenterMode::restoreSidePanels()
{
    for (const QPointer<QDockWidget> &dock : std::as_const(m_sidePanels))
        if (dock)
            dock->show();
    m_sidePanels.clear();
}

QString PresenterMode::captionText() const
{
    return m_caption->isVisible() ? m_caption->text() : QString();
}

void PresenterMode::showCaption(const QString &text)
{
    QFont f = m_window ? m_window->font() : m_caption->font();
    f.setPointSizeF(f.pointSizeF() * 1.5);
    f.setBold(true);
    m_caption->setFont(f);
    m_caption->setText(text);
    m_caption->show();
    m_caption->raise();
    placeCaption();
    if (m_controller->isPlaying())
        m_hide->start();
}

void PresenterMode::onEvent(const app::SimEvent &event)
{
    if (m_enabled && event.kind == app::SimEventKind::Narration)
        showCaption(event.text);
}

void PresenterMode::placeCaption()
{
    if (!m_window || !m_caption->isVisible())
        return;
    const int width = std::min(m_window->width() - 40, std::max(400, m_window->width() * 2 / 3));
    m_caption->setFixedWidth(width);
    m_caption->adjustSize();
    // Like a subtitle at the foot of the canvases: the charts and event log docked below are what
    // the narration talks about, so the caption must not cover them. Without a main window's
    // central area, the window's lower third.
    int bottom = m_window->height() - m_window->height() / 7;
    if (const auto *main = qobject_cast<QMainWindow *>(m_window.data()); main && main->centralWidget()) {
        QWidget *central = main->centralWidget();
        central->installEventFilter(this); // a dock resized moves the canvas's foot
        bottom = central->geometry().bottom() - 12;
    }
    m_caption->move((m_window->width() - width) / 2, std::max(10, bottom - m_caption->height()));
}

bool PresenterMode::eventFilter(QObject *watched, QEvent *event)
{
    // Watched: the window, and the central area once a caption has been placed over it.
    if (event->type() == QEvent::Resize)
        placeCaption();
    return QObject::eventFilter(watched, event);
}

} // namespace postoffice::ui
