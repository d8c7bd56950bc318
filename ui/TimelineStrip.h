#pragma once

// The run's timeline under the playback bar: the scenario's scheduled faults as coloured spans
// with their target's name, narration steps as ticks (a pause step as a bar), and a cursor at
// the simulated clock. A presenter sees what is coming next, and moves through the run like a
// video: a click jumps to that moment, ahead or back; a drag shows the time under the pointer
// and jumps where it is let go (going back re-simulates the run, which takes a moment: one
// jump per drag, not one per pixel).

#include "Scenario.h"

#include <QWidget>

#include <optional>
#include <vector>

namespace postoffice::ui {

class TimelineStrip : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineStrip(QWidget *parent = nullptr);

    void setTimeline(double duration_s, std::vector<app::FaultSpec> faults,
                     std::vector<app::NarrationStep> narration);
    void setClock(double t_s);
    double clock() const { return m_clock_s; }
    double duration() const { return m_duration_s; }
    const std::vector<app::FaultSpec> &faults() const { return m_faults; }
    const std::vector<app::NarrationStep> &narration() const { return m_narration; }

    // x position of a time in widget coordinates, and back.
    double xForTime(double t_s) const;
    double timeForX(double x) const;
    // The tooltip text for a point: the faults and narration steps under it.
    QString describeAt(QPointF pos) const;
    // While the cursor is dragged: the time it would jump to.
    std::optional<double> scrubTime() const { return m_scrub_s; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    static QString faultLabel(const app::FaultSpec &fault);
    static QColor faultColour(app::FaultKind kind);

signals:
    void seekRequested(double t_s);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF laneRect(int lane) const;
    int laneCount() const;

    double m_duration_s = 1.0;
    double m_clock_s = 0.0;
    std::vector<app::FaultSpec> m_faults;
    std::vector<int> m_faultLane; // faults that overlap in time go to separate lanes
    std::vector<app::NarrationStep> m_narration;
    std::optional<double> m_scrub_s;
};

} // namespace postoffice::ui
