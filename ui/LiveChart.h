#pragma once

// One live time-series chart with a line per architecture on shared axes.
//
// Data arrives at simulation speed; the chart keeps it in plain lists and only touches the
// QLineSeries in refresh(), which the owner calls from a rate-limited timer (PlotJuggler's
// habit). refresh() hands each series the visible window in one replace() call, decimated to a
// few hundred points, so a redraw costs the same after one minute or ten hours of simulated time.

#include <QChartView>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <vector>

class QLineSeries;
class QValueAxis;

namespace postoffice::ui {

class LiveChart : public QChartView
{
    Q_OBJECT
public:
    LiveChart(const QString &title, const QString &unit, QWidget *parent = nullptr);

    // One line per architecture, or per (variant, architecture) when variants are given
    // ("accepted", "completed"): line index = variant × architectures + architecture. Every
    // per-line function below takes that index; with one variant it is the architecture's.
    void setArchitectures(const QStringList &architectures, const QStringList &variants = {});
    int lineIndex(int architecture, int variant) const
    {
        return variant * int(m_architectures.size()) + architecture;
    }
    QStringList architectures() const { return m_architectures; }
    void clear();

    // Stores a sample; time in simulated seconds, strictly increasing per architecture.
    void append(int architecture, double t_s, double value);
    // Visible time range in simulated seconds; applied on the next refresh().
    void setWindow(double from_s, double to_s);
    void refresh();

    QLineSeries *series(int architecture) const;
    QValueAxis *timeAxis() const { return m_timeAxis; }
    QValueAxis *valueAxis() const { return m_valueAxis; }
    // Largest value held for an architecture within [from_s, to_s] (for tests and captions).
    double maxValue(int architecture, double from_s, double to_s) const;
    double lastValue(int architecture) const;
    qsizetype storedPoints(int architecture) const;

    // Writes the chart as it is shown; the format follows the suffix (.png or .svg).
    bool exportTo(const QString &path, QString *error = nullptr);

    // Points handed to a series per refresh at most; beyond it min/max pairs per bucket keep
    // peaks (a lag spike must never be averaged away).
    static constexpr int maxPointsPerSeries = 600;

signals:
    // Wheel over the chart: > 1 zooms out (longer window), < 1 zooms in.
    void zoomRequested(double factor);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    QList<QPointF> visiblePoints(const std::vector<QPointF> &data, double scale) const;

    QString m_unit;
    QStringList m_architectures;
    std::vector<std::vector<QPointF>> m_data;
    std::vector<QLineSeries *> m_series;
    QValueAxis *m_timeAxis = nullptr;
    QValueAxis *m_valueAxis = nullptr;
    double m_from_s = 0.0;
    double m_to_s = 60.0;
};

} // namespace postoffice::ui
