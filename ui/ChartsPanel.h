#pragma once

// The four run charts of DESIGN §9 — orders completed/s, end-to-end p95 latency, failures/s and
// total consumer lag — each with one line per architecture on the same axes.
//
// Feeding is cheap and may happen thousands of times a second (append/setClock only store);
// the charts redraw from a single-shot timer that is started only when not already running, so
// the screen is repainted at most ~10 times per simulated-or-real second whatever the data rate.

#include <QStringList>
#include <QWidget>

#include <array>

class QComboBox;
class QTimer;

namespace postoffice::ui {

class LiveChart;

class ChartsPanel : public QWidget
{
    Q_OBJECT
public:
    enum Metric { Throughput, LatencyP95, Failures, Lag, MetricCount };

    explicit ChartsPanel(QWidget *parent = nullptr);

    void setArchitectures(const QStringList &architectures);
    QStringList architectures() const { return m_architectures; }
    void clear();

    // variant: 0 is the headline line; Throughput has a second one, 1 = orders fully completed.
    void append(Metric metric, int architecture, double t_s, double value, int variant = 0);
    // The time window follows the clock: it ends at t_s and spans windowSeconds().
    void setClock(double t_s);
    double clock() const { return m_clock_s; }
    // 0 means "the whole run so far".
    void setWindowSeconds(double seconds);
    double windowSeconds() const { return m_window_s; }

    LiveChart *chart(Metric metric) const { return m_charts[metric]; }
    // Pushes pending data to the series now (tests, snapshot, export).
    void flush();
    bool redrawPending() const;

    static constexpr int redrawIntervalMs = 100;

private:
    void scheduleRedraw();
    void zoom(double factor);

    std::array<LiveChart *, MetricCount> m_charts{};
    QStringList m_architectures;
    QComboBox *m_windowCombo = nullptr;
    QTimer *m_redraw = nullptr;
    double m_clock_s = 0.0;
    double m_window_s = 600.0;
};

} // namespace postoffice::ui
