#pragma once

// One chart of the cluster view: a line per topic or group over the watch's time (seconds since
// it started), kept for the whole session — lag history is what users of Kafka UIs ask for.
// Points are stored in plain lists and handed to each series with one replace() per refresh
// (no animations), thinned to at most maxPointsPerLine with every bucket's peak kept, so a
// session of hours redraws at the cost of a minute.

#include <QChartView>
#include <QHash>
#include <QPointF>
#include <QString>

#include <vector>

class QLineSeries;
class QValueAxis;

namespace postoffice::ui {

class ClusterChart : public QChartView
{
    Q_OBJECT
public:
    ClusterChart(const QString &title, const QString &valueTitle, QWidget *parent = nullptr);

    // Adds a point to the line `key`, created on first use with the colour, pen style and legend
    // entry given (none when `legend` is empty: a dashed line beside a solid one of the same colour
    // needs no entry of its own, and a legend too wide for the chart would be cut short).
    // Undefined values (NaN) are skipped.
    void append(const QString &key, const QString &legend, const QColor &colour, Qt::PenStyle style,
                double t_s, double value);
    void refresh();
    void clear();

    QStringList lines() const;
    qsizetype storedPoints(const QString &key) const;
    double lastValue(const QString &key) const;
    QLineSeries *series(const QString &key) const;
    QValueAxis *valueAxis() const { return m_valueAxis; }
    QValueAxis *timeAxis() const { return m_timeAxis; }

    static constexpr int maxPointsPerLine = 600;

protected:
    // Fonts follow the widget's (presenter mode's larger font reaches the chart) and colours the
    // palette (the dark theme's), as the simulator's charts do.
    void changeEvent(QEvent *event) override;

private:
    void applyLook();

    struct Line
    {
        QLineSeries *series = nullptr;
        std::vector<QPointF> points;
    };
    QHash<QString, Line> m_lines;
    QStringList m_order;
    QValueAxis *m_timeAxis = nullptr;
    QValueAxis *m_valueAxis = nullptr;
};

} // namespace postoffice::ui
