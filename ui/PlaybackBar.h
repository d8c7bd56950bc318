#pragma once

// Play, pause, step, run-until, speed and the simulated clock, with the run's timeline (faults
// and narration) underneath. It only asks: the SimulationController decides and reports back
// through setPlaying/setClock, so the bar can never show a state the run is not in.

#include "Scenario.h"

#include <QWidget>

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
    QString clockText() const;

    static const QList<double> &speedPresets();

signals:
    void playRequested();
    void pauseRequested();
    void stepRequested();
    void runUntilRequested(double t_s);
    void speedRequested(double factor);

private:
    void requestRunUntil();

    QToolButton *m_play = nullptr;
    QToolButton *m_step = nullptr;
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
