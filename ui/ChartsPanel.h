#pragma once

// The four run charts of DESIGN §9 — orders per second, latency p95, failures/s and total
// consumer lag — each with one line per architecture on the same axes. Orders and latency pair
// what the customer sees (solid: accepted, customer wait) with when every effect of the order is
// done (dashed): in a decoupled shop the two part during an outage, which is the lesson.
// One key above the charts says which colour is which architecture, so each chart's own legend
// keeps only its line styles and a short chart keeps its plot.
//
// Feeding is cheap and may happen thousands of times a second (append/setClock only store);
// the charts redraw from a timer that is started only when not already running and stops once
// nothing is left to draw (PlotJuggler's habit). Each tick redraws at most ONE chart, in turn, so
// every chart is repainted at most ~10 times a second and no animation frame pays for all four
// at once (a chart redraw costs about as much as a whole canvas frame).

#include <QStringList>
#include <QWidget>

#include <array>

class QComboBox;
class QLabel;
class QTimer;

namespace postoffice::ui {

class LiveChart;

class ChartsPanel : public QWidget
{
    Q_OBJECT
public:
    enum Metric { Throughput, LatencyP95, Failures, Lag, MetricCount };

    explicit ChartsPanel(QWidget *parent = nullptr);

    // The last `compared` architectures are compared runs (drawn thinner, over the live lines).
    void setArchitectures(const QStringList &architectures, int compared = 0);
    QStringList architectures() const { return m_architectures; }
    void clear();

    // variant: 0 is the headline line (what the customer sees); Throughput and LatencyP95 have a
    // second one, 1 = orders with every effect done ("all done"). A second with no order all
    // done is marked on the latency chart's "all done" lines as such.
    void append(Metric metric, int architecture, double t_s, double value, int variant = 0);
    // The time window follows the clock: it ends at t_s and spans windowSeconds().
    void setClock(double t_s);
    double clock() const { return m_clock_s; }
    // 0 means "the whole run so far".
    void setWindowSeconds(double seconds);
    double windowSeconds() const { return m_window_s; }

    LiveChart *chart(Metric metric) const { return m_charts[metric]; }
    // The shared colour key above the charts.
    QLabel *architectureKey() const { return m_key; }
    // Pushes pending data to the series of every chart now (tests, snapshot, export).
    void flush();
    bool redrawPending() const;
    // One tick of the redraw timer: the next chart in turn is redrawn if its data changed.
    // Returns that chart, or null if it had nothing new.
    LiveChart *redrawStep();

    // Each chart is redrawn at most once per interval; the timer ticks MetricCount times in it.
    static constexpr int redrawIntervalMs = 100;
    static constexpr int redrawTickMs = redrawIntervalMs / MetricCount;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyKeyFont();
    void scheduleRedraw(int metric);
    void scheduleRedrawAll();
    void refreshChart(int metric);
    void zoom(double factor);

    std::array<LiveChart *, MetricCount> m_charts{};
    QStringList m_architectures;
    QComboBox *m_windowCombo = nullptr;
    QLabel *m_key = nullptr;
    QTimer *m_redraw = nullptr;
    std::array<bool, MetricCount> m_dirty{};
    int m_nextChart = 0;
    double m_clock_s = 0.0;
    double m_window_s = 600.0;
};

} // namespace postoffice::ui
