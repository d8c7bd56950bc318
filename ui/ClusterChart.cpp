#include "ClusterChart.h"

#include "ChartTimeTicks.h"
#include "Theme.h"

#include <QChart>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
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
    chart->setMargins(QMargins(4, 2, 4, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    // No axis titles: the chart's title names the unit and the time ticks carry theirs, so the
    // plot keeps its height when presenter mode's font makes every line of text taller.
    m_timeAxis = new QValueAxis;
    m_timeAxis->setTitleVisible(false);
    m_timeAxis->setLabelFormat(QStringLiteral("%.0f s"));
    m_valueAxis = new QValueAxis;
    m_valueAxis->setTitleText(valueTitle);
    m_valueAxis->setTitleVisible(false);
    m_valueAxis->setLabelFormat(QStringLiteral("%.0f"));
    // A lag of 12,000 records must read as a number, not as "…": the axis makes room instead.
    m_timeAxis->setTruncateLabels(false);
    m_valueAxis->setTruncateLabels(false);
    m_timeAxis->setRange(0, 60);
    m_valueAxis->setRange(0, 10);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    // QChartView starts with a chart of its own, and setChart() releases it without deleting it.
    QChart *initial = this->chart();
    setChart(chart);
    delete initial;
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(240, 160);
    applyLook();
}

void ClusterChart::applyLook()
{
    const QFont base = font();
    QFont title = base;
    title.setPointSizeF(base.pointSizeF() * 1.1);
    title.setBold(true);
    QFont labels = base;
    labels.setPointSizeF(base.pointSizeF() * 0.95);
    const QPalette pal = palette();
    const QBrush ink = pal.brush(QPalette::WindowText);
    chart()->setTitleFont(title);
    chart()->setTitleBrush(ink);
    // The chart's own theme is light; in the dark palette its white card would glare.
    chart()->setBackgroundBrush(pal.brush(QPalette::Base));
    chart()->setBackgroundPen(Qt::NoPen);
    QColor grid = pal.color(QPalette::WindowText);
    grid.setAlphaF(0.15f);
    for (QValueAxis *axis : {m_timeAxis, m_valueAxis}) {
        axis->setLabelsFont(labels);
        axis->setLabelsBrush(ink);
        axis->setTitleFont(labels);
        axis->setTitleBrush(ink);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
    chart()->legend()->setFont(labels);
    chart()->legend()->setLabelBrush(ink);
}

void ClusterChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        applyLook();
}

void ClusterChart::append(const QString &key, const QString &legend, const QColor &colour, Qt::PenStyle style,
                          double t_s, double value)
{
    auto it = m_lines.find(key);
    if (it == m_lines.end()) {
        Line line;
        line.series = new QLineSeries;
        line.series->setName(legend);
        line.series->setPen(QPen(colour, 2.0, style));
        chart()->addSeries(line.series);
        if (legend.isEmpty())
            for (QLegendMarker *marker : chart()->legend()->markers(line.series))
                marker->setVisible(false);
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
    // Time ticks a trainer can read out (ChartTimeTicks): every 10, 15, 30 s, 1, 2, 5 min…, at most
    // 6 intervals, rather than 17.5 s steps; the axis ends on a tick.
    const double step = ChartTimeTicks(0, tMax).step_s();
    const int intervals = std::max(1, int(std::ceil(tMax / step - 1e-9)));
    ChartTimeTicks(0, intervals * step).apply(m_timeAxis);
    m_timeAxis->setTickCount(intervals + 1); // what Qt would draw without dynamic ticks, for readers
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
