#include "ClusterChart.h"

#include "Theme.h"

#include <QChart>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <cmath>

namespace postoffice::ui {

ClusterChart::ClusterChart(const QString &title, const QString &valueTitle, QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTitle(title);
    QFont titleFont = chart->titleFont();
    titleFont.setPixelSize(13);
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setMargins(QMargins(4, 2, 4, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont legendFont = chart->legend()->font();
    legendFont.setPixelSize(11);
    chart->legend()->setFont(legendFont);
    m_timeAxis = new QValueAxis;
    m_timeAxis->setTitleText(QStringLiteral("seconds watched"));
    m_timeAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_valueAxis = new QValueAxis;
    m_valueAxis->setTitleText(valueTitle);
    m_valueAxis->setLabelFormat(QStringLiteral("%.0f"));
    for (QValueAxis *axis : {m_timeAxis, m_valueAxis}) {
        QFont f = axis->labelsFont();
        f.setPixelSize(11);
        axis->setLabelsFont(f);
        f.setPixelSize(11);
        axis->setTitleFont(f);
    }
    m_timeAxis->setRange(0, 60);
    m_valueAxis->setRange(0, 10);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(240, 160);
}

void ClusterChart::append(const QString &key, const QColor &colour, Qt::PenStyle style, double t_s,
                          double value)
{
    auto it = m_lines.find(key);
    if (it == m_lines.end()) {
        Line line;
        line.series = new QLineSeries;
        line.series->setName(key);
        line.series->setPen(QPen(colour, 2.0, style));
        chart()->addSeries(line.series);
        line.series->attachAxis(m_timeAxis);
        line.series->attachAxis(m_valueAxis);
        it = m_lines.insert(key, line);
        m_order << key;
    }
    if (!std::isfinite(value))
        return;
    it->points.emplace_back(t_s, value);
}

void ClusterChart::refresh()
{
    double tMax = 60, vMax = 0;
    for (const Line &line : std::as_const(m_lines)) {
        QList<QPointF> shown;
        const std::vector<QPointF> &p = line.points;
        if (qsizetype(p.size()) <= maxPointsPerLine) {
            shown = QList<QPointF>(p.begin(), p.end());
        } else {
            // Keep each bucket's peak: a lag spike must never be thinned away.
            const size_t bucket = (p.size() + maxPointsPerLine - 1) / maxPointsPerLine;
            for (size_t i = 0; i < p.size(); i += bucket) {
                QPointF peak = p[i];
                for (size_t k = i; k < std::min(p.size(), i + bucket); ++k)
                    if (p[k].y() > peak.y())
                        peak = QPointF(p[k].x(), p[k].y());
                shown << peak;
            }
            shown << p.back();
        }
        for (const QPointF &q : p) {
            tMax = std::max(tMax, q.x());
            vMax = std::max(vMax, q.y());
        }
        line.series->replace(shown);
    }
    m_timeAxis->setRange(0, std::ceil(tMax / 10.0) * 10.0);
    const double top = vMax <= 0 ? 10 : vMax * 1.15;
    m_valueAxis->setRange(0, top);
    m_valueAxis->setLabelFormat(top < 5 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    m_valueAxis->applyNiceNumbers();
}

void ClusterChart::clear()
{
    for (Line &line : m_lines) {
        chart()->removeSeries(line.series);
        delete line.series;
    }
    m_lines.clear();
    m_order.clear();
}

QStringList ClusterChart::lines() const
{
    return m_order;
}

qsizetype ClusterChart::storedPoints(const QString &key) const
{
    const auto it = m_lines.find(key);
    return it == m_lines.end() ? 0 : qsizetype(it->points.size());
}

double ClusterChart::lastValue(const QString &key) const
{
    const auto it = m_lines.find(key);
    return it == m_lines.end() || it->points.empty() ? std::nan("") : it->points.back().y();
}

QLineSeries *ClusterChart::series(const QString &key) const
{
    const auto it = m_lines.find(key);
    return it == m_lines.end() ? nullptr : it->series;
}

} // namespace postoffice::ui
