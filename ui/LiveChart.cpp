#include "LiveChart.h"

#include "ArchitectureStyle.h"

#include <QContextMenuEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QImage>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSvgGenerator>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace postoffice::ui {

namespace {

double lowerTime(const std::vector<QPointF> &data, double t)
{
    return double(
        std::lower_bound(data.begin(), data.end(), t, [](const QPointF &p, double v) { return p.x() < v; }) -
        data.begin());
}

} // namespace

LiveChart::LiveChart(const QString &title, const QString &unit, QWidget *parent)
    : QChartView(parent), m_unit(unit)
{
    auto *c = new QChart;
    // Live data: animations would lag behind the clock and cost a frame per update.
    c->setAnimationOptions(QChart::NoAnimation);
    c->setTitle(title);
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    titleFont.setBold(true);
    c->setTitleFont(titleFont);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 2, 4, 2));
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setBackgroundRoundness(0);

    m_timeAxis = new QValueAxis;
    m_timeAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_timeAxis->setTitleText(tr("simulated time (s)"));
    m_valueAxis = new QValueAxis;
    m_valueAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_valueAxis->setTitleText(unit);
    m_valueAxis->setRange(0, 1);
    c->addAxis(m_timeAxis, Qt::AlignBottom);
    c->addAxis(m_valueAxis, Qt::AlignLeft);
    setChart(c);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(280, 180);
}

void LiveChart::setArchitectures(const QStringList &architectures, const QStringList &variants)
{
    for (QLineSeries *s : m_series) {
        chart()->removeSeries(s);
        delete s;
    }
    m_series.clear();
    m_architectures = architectures;
    const QStringList kinds = variants.isEmpty() ? QStringList{QString()} : variants;
    m_data.assign(size_t(architectures.size() * kinds.size()), {});
    // The first variant is the headline (solid, thick); further ones are its companions
    // (dashed, thinner) in the same architecture colour.
    for (int v = 0; v < kinds.size(); ++v) {
        for (const QString &name : architectures) {
            auto *s = new QLineSeries;
            s->setName(kinds[v].isEmpty() ? ArchitectureStyle::label(name)
                                          : ArchitectureStyle::label(name) + QLatin1Char(' ') + kinds[v]);
            QPen pen(ArchitectureStyle::color(name));
            pen.setWidthF(v == 0 ? 2.5 : 1.6);
            if (v > 0)
                pen.setStyle(Qt::DashLine);
            s->setPen(pen);
            chart()->addSeries(s);
            s->attachAxis(m_timeAxis);
            s->attachAxis(m_valueAxis);
            m_series.push_back(s);
        }
    }
}

void LiveChart::clear()
{
    for (auto &d : m_data)
        d.clear();
    for (QLineSeries *s : m_series)
        s->clear();
}

void LiveChart::append(int architecture, double t_s, double value)
{
    if (architecture < 0 || architecture >= int(m_data.size()) || !std::isfinite(value))
        return;
    m_data[architecture].emplace_back(t_s, value);
}

void LiveChart::setWindow(double from_s, double to_s)
{
    m_from_s = from_s;
    m_to_s = std::max(to_s, from_s + 1.0);
}

QList<QPointF> LiveChart::visiblePoints(const std::vector<QPointF> &data, double scale) const
{
    // One point either side of the window so lines run to the edges instead of stopping short.
    const auto first = qsizetype(std::max(0.0, lowerTime(data, m_from_s) - 1));
    const auto last = qsizetype(std::min(double(data.size()), lowerTime(data, m_to_s) + 1));
    QList<QPointF> out;
    const qsizetype n = last - first;
    if (n <= 0)
        return out;
    if (n <= maxPointsPerSeries) {
        out.reserve(n);
        for (qsizetype i = first; i < last; ++i)
            out.append(QPointF(data[i].x() / scale, data[i].y()));
        return out;
    }
    const qsizetype buckets = maxPointsPerSeries / 2;
    out.reserve(buckets * 2);
    for (qsizetype b = 0; b < buckets; ++b) {
        const qsizetype lo = first + n * b / buckets;
        const qsizetype hi = first + n * (b + 1) / buckets;
        if (lo >= hi)
            continue;
        auto [mn, mx] = std::minmax_element(data.begin() + lo, data.begin() + hi,
                                            [](const QPointF &a, const QPointF &c) { return a.y() < c.y(); });
        // Keep time order inside the bucket so the line does not zig-zag backwards.
        const QPointF &a = mn->x() <= mx->x() ? *mn : *mx;
        const QPointF &c = mn->x() <= mx->x() ? *mx : *mn;
        out.append(QPointF(a.x() / scale, a.y()));
        if (&a != &c)
            out.append(QPointF(c.x() / scale, c.y()));
    }
    return out;
}

void LiveChart::refresh()
{
    // Long windows read better in minutes; the stored data stays in seconds.
    const double width = m_to_s - m_from_s;
    const bool minutes = width > 900.0;
    const double scale = minutes ? 60.0 : 1.0;
    m_timeAxis->setTitleText(minutes ? tr("simulated time (min)") : tr("simulated time (s)"));
    m_timeAxis->setRange(m_from_s / scale, m_to_s / scale);

    double top = 0.0;
    for (size_t i = 0; i < m_series.size(); ++i) {
        const QList<QPointF> pts = visiblePoints(m_data[i], scale);
        for (const QPointF &p : pts)
            top = std::max(top, p.y());
        m_series[i]->replace(pts);
    }
    // Headroom above the highest line, rounded so the tick labels are readable numbers.
    top = top <= 0.0 ? 1.0 : top * 1.1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(top)));
    const double step = top / magnitude <= 2 ? 0.25 : top / magnitude <= 5 ? 0.5 : 1.0;
    top = std::ceil(top / (magnitude * step)) * magnitude * step;
    m_valueAxis->setRange(0, top);
    m_valueAxis->setLabelFormat(top < 10 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    m_valueAxis->setTickCount(5);
}

QLineSeries *LiveChart::series(int architecture) const
{
    return architecture >= 0 && architecture < int(m_series.size()) ? m_series[architecture] : nullptr;
}

double LiveChart::maxValue(int architecture, double from_s, double to_s) const
{
    double best = 0.0;
    if (architecture < 0 || architecture >= int(m_data.size()))
        return best;
    for (const QPointF &p : m_data[architecture])
        if (p.x() >= from_s && p.x() <= to_s)
            best = std::max(best, p.y());
    return best;
}

double LiveChart::lastValue(int architecture) const
{
    if (architecture < 0 || architecture >= int(m_data.size()) || m_data[architecture].empty())
        return 0.0;
    return m_data[architecture].back().y();
}

qsizetype LiveChart::storedPoints(int architecture) const
{
    return architecture >= 0 && architecture < int(m_data.size()) ? qsizetype(m_data[architecture].size())
                                                                  : 0;
}

bool LiveChart::exportTo(const QString &path, QString *error)
{
    refresh();
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize size = this->size().expandedTo(QSize(800, 450));
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(chart()->title());
        QPainter painter;
        if (!painter.begin(&svg)) {
            if (error)
                *error = tr("%1: cannot write SVG").arg(path);
            return false;
        }
        chart()->scene()->render(&painter, QRectF(QPointF(0, 0), size), chart()->sceneBoundingRect());
        painter.end();
        return true;
    }
    if (suffix != QLatin1String("png")) {
        if (error)
            *error = tr("%1: unknown chart format \"%2\" (use .png or .svg)").arg(path, suffix);
        return false;
    }
    QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2.0);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    chart()->scene()->render(&painter, QRectF(QPointF(0, 0), size), chart()->sceneBoundingRect());
    painter.end();
    if (!image.save(path, "PNG")) {
        if (error)
            *error = tr("%1: cannot write PNG").arg(path);
        return false;
    }
    return true;
}

void LiveChart::wheelEvent(QWheelEvent *event)
{
    const int steps = event->angleDelta().y();
    if (steps == 0)
        return QChartView::wheelEvent(event);
    emit zoomRequested(steps > 0 ? 0.5 : 2.0);
    event->accept();
}

void LiveChart::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *png = menu.addAction(tr("Export chart as PNG…"));
    QAction *svg = menu.addAction(tr("Export chart as SVG…"));
    QAction *chosen = menu.exec(event->globalPos());
    if (!chosen)
        return;
    const bool isSvg = chosen == svg;
    Q_UNUSED(png);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export chart"),
        chart()->title() + (isSvg ? QStringLiteral(".svg") : QStringLiteral(".png")),
        isSvg ? tr("SVG image (*.svg)") : tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::warning(this, tr("Export chart"), error);
}

} // namespace postoffice::ui
