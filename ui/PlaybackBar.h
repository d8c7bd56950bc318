#pragma once

// Play, pause, step, run-until, speed and the simulated clock, with the run's timeline (faults
// and narration) underneath. It only asks: the SimulationController decides and reports back
// through setPlaying/setClock, so the bar can never show a state the run is not in.

#include "Scenario.h"
#include "SimEvent.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace postoffice::ui {

class TimelineStrip;

class PlaybackBar : public QWidget
{
    Q_OBJECT
public:
    explicit PlaybackBar(QWidget *parent = nullptr);

    void setScenario(const app::Scenario &scenario, double duration_s);
    void setClock(double t_s);
    void setPlaying(bool playing);
    // 0 = as fast as possible; the nearest preset is shown.
    void setSpeed(double factor);
    double speed() const;

    TimelineStrip *timeline() const { return m_timeline; }
    // The kinds of event the previous/next event buttons stop at (chosen in the next button's
    // menu; all of SimulationController::eventsOfInterest() at first).
    std::vector<app::SimEventKind> eventKinds() const;
    void setEventKindChecked(app::SimEventKind kind, bool checked);
    QString clockText() const;

    static const QList<double> &speedPresets();

signals:
    void playRequested();
    void pauseRequested();
    void stepRequested();
    void previousEventRequested();
    void nextEventRequested();
    void runUntilRequested(double t_s);
    // Jump to t_s, ahead or back (the timeline was clicked or dragged).
    void seekRequested(double t_s);
    void speedRequested(double factor);

private:
    void requestRunUntil();

    QToolButton *m_play = nullptr;
    QToolButton *m_step = nullptr;
    QToolButton *m_previousEvent = nullptr;
    QToolButton *m_nextEvent = nullptr;
    std::vector<std::pair<app::SimEventKind, QAction *>> m_kindActions;
    QLineEdit *m_until = nullptr;
    QToolButton *m_runUntil = nullptr;
    QComboBox *m_speed = nullptr;
    QLabel *m_clock = nullptr;
    TimelineStrip *m_timeline = nullptr;
    double m_duration_s = 0.0;
    double m_clock_s = 0.0;
    bool m_playing = false;
};

} // namespace postoffice::ui
