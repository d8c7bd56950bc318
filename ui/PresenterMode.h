#pragma once

// Presenter mode: the window goes full screen with larger fonts, the scenario's narration appears
// as a caption over the window at its time, and the run pauses where a narration step says
// `pause: true` so the trainer can talk. Presenting is watching: the side panels (palette,
// inspector, faults, topic browser) are for building and injecting, and on a 1280x720 projector
// they take half the width from the canvases, so they step aside. Leaving (F5) restores the
// window as it was, those panels included.

#include "SimEvent.h"

#include <QFont>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QWidget>

class QDockWidget;
class QLabel;
class QTimer;

namespace postoffice::ui {

class SimulationController;

class PresenterMode : public QObject
{
    Q_OBJECT
public:
    PresenterMode(QWidget *window, SimulationController *controller, QObject *parent = nullptr);

    void setEnabled(bool on);
    bool isEnabled() const { return m_enabled; }
    void toggle() { setEnabled(!m_enabled); }

    QLabel *caption() const { return m_caption; }
    // The caption currently shown, empty when none.
    QString captionText() const;
    void showCaption(const QString &text);

    static constexpr double fontScale = 1.45;
    static constexpr int captionHoldMs = 15000; // after the run resumes

signals:
    void enabledChanged(bool on);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onEvent(const app::SimEvent &event);
    void placeCaption();
    void hideSidePanels();
    void restoreSidePanels();

    QPointer<QWidget> m_window;
    SimulationController *m_controller;
    QLabel *m_caption = nullptr;
    QTimer *m_hide = nullptr;
    QFont m_normalFont;
    Qt::WindowStates m_normalState;
    bool m_enabled = false;
    bool m_autoPauseBefore = false;
    QList<QPointer<QDockWidget>> m_sidePanels; // hidden on entering, shown again on leaving
};

} // namespace postoffice::ui
