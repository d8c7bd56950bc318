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

    // Adds a point to the line `key` (created on first use with the colour and pen style given;
    // its legend entry reads `key`). Undefined values (NaN) are skipped.
    void append(const QString &key, const QColor &colour, Qt::PenStyle style, double t_s, double value);
    void refresh();
    void clear();

    QStringList lines() const;
    qsizetype storedPoints(const QString &key) const;
    double lastValue(const QString &key) const;
    QLineSeries *series(const QString &key) const;
    QValueAxis *valueAxis() const { return m_valueAxis; }

    static constexpr int maxPointsPerLine = 600;

private:
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
