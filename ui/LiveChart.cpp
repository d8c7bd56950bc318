#include "LiveChart.h"

#include "ArchitectureStyle.h"
#include "ClockText.h"
#include "DashedLineOverlay.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QContextMenuEvent>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSvgGenerator>
#include <QValueAxis>
#include <QWheelEvent>
#include <QtNumeric>

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

// Short dashes (in pen widths): Qt's DashLine leaves one long dash in a legend marker, which
// reads as solid; this shows two in the marker and stays dashed along a noisy line.
const QList<qreal> companionDashes = {3.0, 2.0};

} // namespace

LiveChart::LiveChart(const QString &title, ChartUnit::Quantity quantity, QWidget *parent)
    : QChartView(parent), m_quantity(quantity), m_unit(ChartUnit::forPeak(quantity, 0.0))
{
    auto *c = new QChart;
    // Live data: animations would lag behind the clock and cost a frame per update.
    c->setAnimationOptions(QChart::NoAnimation);
    c->setTitle(title);
    // On the right, one entry per row: a bottom legend costs a row of plot height and truncates
    // names once there are four entries.
    c->legend()->setAlignment(Qt::AlignRight);
    // Legend entries show a stretch of the line itself, so a dashed line is dashed in the legend
    // too: "accepted" and "completed" stay apart without relying on colour.
    c->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    c->setMargins(QMargins(4, 2, 4, 2));
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setBackgroundRoundness(0);

    m_timeAxis = new QValueAxis;
    m_timeAxis->setLabelFormat(QStringLiteral("%.0f s"));
    m_timeAxis->setTitleText(tr("simulated time (s)"));
    m_valueAxis = new QCategoryAxis;
    // Each tick's label sits on its value (refresh() names them), not between two ticks.
    m_valueAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_valueAxis->setStartValue(0);
    // The units are in the tick labels ("20 s", "10 min", "12k"): axis titles would take the
    // height and width the plot needs to be read from across a room, and get elided.
    m_timeAxis->setTitleVisible(false);
    m_valueAxis->setTitleVisible(false);
    m_valueAxis->setRange(0, 1);
    // Qt Charts elides tick labels to "…" when it thinks they are too wide; a backlog of 12,000
    // records must read as a number, and the axis makes room for it instead.
    m_timeAxis->setTruncateLabels(false);
    m_valueAxis->setTruncateLabels(false);
    c->addAxis(m_timeAxis, Qt::AlignBottom);
    c->addAxis(m_valueAxis, Qt::AlignLeft);
    // QChartView starts with a chart of its own, and setChart() releases it without deleting it.
    QChart *initial = chart();
    setChart(c);
    delete initial;
    applyFonts();
    m_dashed = new DashedLineOverlay(c);
    connect(c, &QChart::plotAreaChanged, this, [this] { m_dashed->syncGeometry(); });
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(minimumChart);
}

QColor LiveChart::keyInk() const
{
    // The style keys are about line styles, not architectures: drawn in the text colour, muted.
    QColor ink = palette().color(QPalette::WindowText);
    ink.setAlphaF(0.75);
    return ink;
}

void LiveChart::applyFonts()
{
    // Sized for a projector: the charts must be readable from the back of a training room. The
    // sizes follow the widget's font, so presenter mode's larger font reaches the charts too.
    const QFont base = font();
    QFont title = base;
    title.setPointSizeF(base.pointSizeF() * 1.3);
    title.setBold(true);
    chart()->setTitleFont(title);
    QFont labels = base;
    labels.setPointSizeF(base.pointSizeF() * 1.15);
    const QPalette pal = palette();
    const QBrush ink = pal.brush(QPalette::WindowText);
    chart()->setTitleBrush(ink);
    // The chart's own theme is light; in the dark palette its white card would glare.
    chart()->setBackgroundBrush(pal.brush(QPalette::Base));
    chart()->setBackgroundPen(Qt::NoPen);
    QColor grid = pal.color(QPalette::WindowText);
    grid.setAlphaF(0.15);
    for (QAbstractAxis *axis : std::initializer_list<QAbstractAxis *>{m_timeAxis, m_valueAxis}) {
        axis->setLabelsFont(labels);
        axis->setLabelsBrush(ink);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
    chart()->legend()->setFont(labels);
    chart()->legend()->setLabelBrush(ink);
    for (QLineSeries *key : m_variantKeys) {
        QPen pen = key->pen();
        pen.setColor(keyInk());
        key->setPen(pen);
    }
    if (m_gapKey)
        m_gapKey->setBrush(QBrush(keyInk(), Qt::Dense4Pattern));
    for (QGraphicsRectItem *box : m_gapCaptionBoxes) {
        QColor paper = pal.color(QPalette::Base);
        paper.setAlpha(230);
        box->setBrush(paper);
    }
}

void LiveChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        applyFonts();
}

void LiveChart::removeAllSeries()
{
    for (QLineSeries *s : m_series) {
        chart()->removeSeries(s);
        delete s;
    }
    m_series.clear();
    m_dashed->clearSeries();
    for (QAreaSeries *s : m_gapSeries) {
        chart()->removeSeries(s);
        delete s;
    }
    m_gapSeries.clear();
    for (QLineSeries *s : m_variantKeys) {
        chart()->removeSeries(s);
        delete s;
    }
    m_variantKeys.clear();
    if (m_gapKey) {
        chart()->removeSeries(m_gapKey);
        delete m_gapKey;
        m_gapKey = nullptr;
    }
    qDeleteAll(m_gapCaptions); // their boxes are children
    m_gapCaptions.clear();
    m_gapCaptionBoxes.clear();
}

void LiveChart::setArchitectures(const QStringList &architectures, const QStringList &variants,
                                 const QString &gapLabel, const QString &gapCaption, int gapVariant)
{
    removeAllSeries();
    m_architectures = architectures;
    m_variants = variants;
    m_gapCaption = gapCaption.isEmpty() ? gapLabel : gapCaption;
    const QStringList kinds = variants.isEmpty() ? QStringList{QString()} : variants;
    m_gapVariant = std::clamp(gapVariant, 0, int(kinds.size()) - 1);
    m_data.assign(size_t(architectures.size() * kinds.size()), {});
    m_gaps.assign(m_data.size(), {});
    // Lanes first: Qt Charts paints series in the order they were added, and a customer-wait
    // line in milliseconds runs along the bottom of a minutes axis, where the lanes are.
    if (!gapLabel.isEmpty()) {
        for (const QString &name : architectures) {
            // The lane's outlines are rebuilt by refresh(); parented to the area, they go with it.
            auto *area = new QAreaSeries;
            area->setUpperSeries(new QLineSeries(area));
            area->setLowerSeries(new QLineSeries(area));
            area->setName(ArchitectureStyle::label(name) + QStringLiteral(": ") + gapLabel);
            area->setPen(Qt::NoPen);
            // Stippled, so that a lane reads as "no value here" and not as a line at some level.
            area->setBrush(QBrush(ArchitectureStyle::color(name), Qt::Dense4Pattern));
            chart()->addSeries(area);
            area->attachAxis(m_timeAxis);
            area->attachAxis(m_valueAxis);
            m_gapSeries.push_back(area);
            // A caption on a light box so that it stays readable over grid and lines.
            auto *caption = new QGraphicsSimpleTextItem(chart());
            QFont f = font();
            f.setPointSizeF(f.pointSizeF() * 1.1);
            f.setBold(true);
            caption->setFont(f);
            caption->setBrush(ArchitectureStyle::color(name).darker(115));
            caption->setZValue(20);
            caption->hide();
            auto *box = new QGraphicsRectItem(caption);
            box->setFlag(QGraphicsItem::ItemStacksBehindParent);
            box->setPen(QPen(ArchitectureStyle::color(name), 1.5));
            m_gapCaptions.push_back(caption);
            m_gapCaptionBoxes.push_back(box);
        }
    }
    // The first variant is the headline (solid, thick); further ones are its companions
    // (dashed, thinner) in the same architecture colour. The headline line carries the
    // architecture's legend entry; the style keys below say what solid and dashed mean.
    for (int v = 0; v < kinds.size(); ++v) {
        for (const QString &name : architectures) {
            auto *s = new QLineSeries;
            s->setName(v == 0 ? ArchitectureStyle::label(name)
                              : ArchitectureStyle::label(name) + QLatin1Char(' ') + kinds[v]);
            QPen pen(ArchitectureStyle::color(name));
            pen.setWidthF(v == 0 ? 2.5 : 2.0);
            if (v > 0)
                pen.setDashPattern(companionDashes);
            s->setPen(pen);
            chart()->addSeries(s);
            s->attachAxis(m_timeAxis);
            s->attachAxis(m_valueAxis);
            if (v > 0)
                m_dashed->addSeries(s);
            m_series.push_back(s);
        }
    }
    if (kinds.size() > 1) {
        for (int v = 0; v < kinds.size(); ++v) {
            // Empty: it only puts "—— customer wait" / "- - all done" into the legend.
            auto *key = new QLineSeries;
            key->setName(kinds[v]);
            QPen pen(keyInk());
            pen.setWidthF(v == 0 ? 2.5 : 2.0);
            if (v > 0)
                pen.setDashPattern(companionDashes);
            key->setPen(pen);
            chart()->addSeries(key);
            key->attachAxis(m_timeAxis);
            key->attachAxis(m_valueAxis);
            m_variantKeys << key;
        }
    }
    if (!gapLabel.isEmpty()) {
        // One key for every lane: the lanes' colours already say whose they are.
        m_gapKey = new QAreaSeries;
        m_gapKey->setUpperSeries(new QLineSeries(m_gapKey));
        m_gapKey->setName(gapLabel);
        m_gapKey->setPen(Qt::NoPen);
        chart()->addSeries(m_gapKey);
        m_gapKey->attachAxis(m_timeAxis);
        m_gapKey->attachAxis(m_valueAxis);
        for (QLegendMarker *marker : chart()->legend()->markers(m_gapKey))
            marker->setShape(QLegend::MarkerShapeRectangle);
    }
    applyFonts(); // inks of the keys and caption boxes
    applyLegend();
}

void LiveChart::setComparedArchitectures(int count)
{
    const int archs = int(m_architectures.size());
    const int kinds = archs > 0 ? int(m_series.size()) / archs : 0;
    for (int v = 0; v < kinds; ++v)
        for (int a = 0; a < archs; ++a) {
            QLineSeries *s = m_series[size_t(lineIndex(a, v))];
            QPen pen = s->pen();
            const double width = v == 0 ? 2.5 : 2.0;
            pen.setWidthF(a >= archs - count ? width * 0.5 : width);
            s->setPen(pen);
        }
}

void LiveChart::setArchitecturesInLegend(bool shown)
{
    m_architecturesInLegend = shown;
    applyLegend();
}

void LiveChart::setTimeLabelsVisible(bool shown)
{
    m_timeLabels = shown;
    m_timeAxis->setLabelsVisible(shown);
}

void LiveChart::applyLegend()
{
    QLegend *legend = chart()->legend();
    // The legend first: a marker shown while its legend is hidden stays hidden.
    const bool any =
        (m_architecturesInLegend && !m_architectures.isEmpty()) || !m_variantKeys.isEmpty() || m_gapKey;
    legend->setVisible(any);
    for (size_t line = 0; line < m_series.size(); ++line)
        for (QLegendMarker *marker : legend->markers(m_series[line]))
            marker->setVisible(line < size_t(m_architectures.size()) && m_architecturesInLegend);
    for (QAreaSeries *lane : m_gapSeries)
        for (QLegendMarker *marker : legend->markers(lane))
            marker->setVisible(false);
    for (QLineSeries *key : m_variantKeys)
        for (QLegendMarker *marker : legend->markers(key))
            marker->setVisible(true);
    if (m_gapKey)
        for (QLegendMarker *marker : legend->markers(m_gapKey))
            marker->setVisible(true);
}

void LiveChart::clear()
{
    for (auto &d : m_data)
        d.clear();
    for (auto &g : m_gaps)
        g.clear();
    for (QGraphicsSimpleTextItem *c : m_gapCaptions)
        c->hide();
    for (QLineSeries *s : m_series)
        s->clear();
}

void LiveChart::append(int architecture, double t_s, double value)
{
    if (architecture < 0 || architecture >= int(m_data.size()) || !std::isfinite(value))
        return;
    m_data[architecture].emplace_back(t_s, value);
}

void LiveChart::appendGap(int line, double t_s)
{
    if (line < 0 || line >= int(m_gaps.size()))
        return;
    m_gaps[line].push_back(t_s);
}

double LiveChart::gapSince(int line) const
{
    if (line < 0 || line >= int(m_gaps.size()) || m_gaps[line].empty())
        return -1.0;
    const std::vector<double> &g = m_gaps[line];
    if (!m_data[line].empty() && m_data[line].back().x() > g.back())
        return -1.0; // a value came after the last gap: the gap is over
    // Walk back over consecutive seconds to where this gap began.
    size_t i = g.size() - 1;
    while (i > 0 && g[i] - g[i - 1] <= 1.0 + 1e-9)
        --i;
    return g[i];
}

QStringList LiveChart::gapCaptions() const
{
    QStringList out;
    for (QGraphicsSimpleTextItem *c : m_gapCaptions)
        if (c->isVisible())
            out << c->text();
    return out;
}

void LiveChart::refreshGaps(double scale, double top)
{
    if (m_gapSeries.empty())
        return;
    // Lanes stacked at the bottom of the plot, one per architecture, each 8 % of the axis high.
    const double laneHeight = 0.08 * top;
    // Seconds closer than a pixel or so merge into one run, so the polygon stays small.
    const double join = std::max(1.0 + 1e-9, (m_to_s - m_from_s) / (maxPointsPerSeries / 4));
    QPointF captionAt = chart()->plotArea().topRight() + QPointF(-8, 6);
    for (int a = 0; a < int(m_gapSeries.size()); ++a) {
        const int line = lineIndex(a, m_gapVariant);
        const double low = laneHeight * 1.15 * double(a);
        const double high = low + laneHeight;
        const std::vector<double> &g = m_gaps[size_t(line)];
        QList<QPointF> upper{{m_from_s / scale, low}};
        const auto first = std::lower_bound(g.begin(), g.end(), m_from_s - 1.0);
        const auto last = std::lower_bound(g.begin(), g.end(), m_to_s + 1.0);
        for (auto it = first; it != last;) {
            const double start = *it;
            double end = *it;
            for (++it; it != last && *it - end <= join; ++it)
                end = *it;
            // A sample at second t covers (t − 1, t].
            upper << QPointF((start - 1.0) / scale, low) << QPointF((start - 1.0) / scale, high)
                  << QPointF(end / scale, high) << QPointF(end / scale, low);
        }
        upper << QPointF(m_to_s / scale, low);
        m_gapSeries[size_t(a)]->upperSeries()->replace(upper);
        m_gapSeries[size_t(a)]->lowerSeries()->replace({{m_from_s / scale, low}, {m_to_s / scale, low}});

        QGraphicsSimpleTextItem *caption = m_gapCaptions[size_t(a)];
        const double since = gapSince(line);
        const double latest = g.empty() ? 0.0 : g.back();
        const bool show = since >= 0.0 && latest - since + 1.0 >= gapCaptionSeconds;
        caption->setVisible(show);
        if (!show)
            continue;
        const QString when = ClockText::format(std::max(0.0, since - 1.0));
        caption->setText(
            tr("%1: %2 since %3").arg(ArchitectureStyle::label(m_architectures[a]), m_gapCaption, when));
        // A narrow plot gets the caption without the architecture's name: its colour says whose.
        if (caption->boundingRect().width() + 20 > chart()->plotArea().width())
            caption->setText(tr("%1 since %2").arg(m_gapCaption, when));
        // Top right of the plot: during a gap that is where the lines have stopped.
        const QRectF box = caption->boundingRect().adjusted(-6, -2, 6, 2);
        m_gapCaptionBoxes[size_t(a)]->setRect(box);
        caption->setPos(captionAt - QPointF(box.right(), 0));
        captionAt.ry() += box.height() + 2;
    }
}

void LiveChart::setWindow(double from_s, double to_s)
{
    m_from_s = from_s;
    m_to_s = std::max(to_s, from_s + 1.0);
}

QList<QPointF> LiveChart::breakAtGaps(const QList<QPointF> &points, const std::vector<double> &gaps,
                                      double scale)
{
    // Qt Charts ends a line at a NaN point: two values with undefined seconds between them are
    // not joined, so no slope is drawn through a time when the value did not exist.
    QList<QPointF> out;
    out.reserve(points.size());
    for (qsizetype k = 0; k < points.size(); ++k) {
        if (k > 0) {
            const double a = points[k - 1].x() * scale;
            const double b = points[k].x() * scale;
            const auto it = std::upper_bound(gaps.begin(), gaps.end(), a + 1e-9);
            if (it != gaps.end() && *it < b - 1e-9)
                out.append(QPointF((points[k - 1].x() + points[k].x()) / 2, qQNaN()));
        }
        out.append(points[k]);
    }
    return out;
}

int LiveChart::pointBudget() const
{
    // One min/max pair per two pixels of plot width draws the same picture as every sample
    // (peaks included) — and Qt Charts strokes a hit-test outline through every point it is
    // given (QPainterPathStroker in LineChartItem::updateGeometry, most of a refresh's cost).
    const int width = int(chart()->plotArea().width());
    return std::clamp(width, minPointsPerSeries, maxPointsPerSeries);
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
    const int budget = pointBudget();
    if (n <= budget) {
        out.reserve(n);
        for (qsizetype i = first; i < last; ++i)
            out.append(QPointF(data[i].x() / scale, data[i].y()));
        return out;
    }
    const qsizetype buckets = budget / 2;
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
    m_timeAxis->setLabelFormat(minutes ? QStringLiteral("%.0f min") : QStringLiteral("%.0f s"));
    m_timeAxis->setRange(m_from_s / scale, m_to_s / scale);

    std::vector<QList<QPointF>> lines(m_series.size());
    double peak = 0.0;
    const auto takeVisible = [&] {
        for (size_t i = 0; i < m_series.size(); ++i) {
            lines[i] = visiblePoints(m_data[i], scale);
            if (i < m_gaps.size() && !m_gaps[i].empty())
                lines[i] = breakAtGaps(lines[i], m_gaps[i], scale);
            for (const QPointF &p : lines[i])
                peak = std::max(peak, p.y()); // NaN breaks compare false: ignored
        }
    };
    const int budget = pointBudget();
    takeVisible();
    // The unit follows the highest line shown; the points are handed over in that unit.
    m_unit = ChartUnit::forPeak(m_quantity, peak * 1.05);
    const double divisor = m_unit.divisor();
    // Headroom above the highest line; ticks at round steps (1, 2, 2.5, 5 × 10^n) with 3 to 6
    // intervals, whichever fits the data most tightly, so every label is a number people read.
    // Nothing yet (or no failures at all): a 0–5 axis of whole numbers, not "0.25 orders/s".
    const double wanted = peak <= 0.0 ? 5.0 : peak / divisor * 1.05;
    double step = 0.0;
    int intervals = 4;
    double top = 0.0;
    for (int n : {4, 5, 3, 6}) {
        const double raw = wanted / n;
        const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
        for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
            // Counts of whole things step by whole numbers: 0, 2, 4, 6, 8 failures, not 2.5.
            if (m == 2.5 && magnitude == 1.0 && m_quantity == ChartUnit::Count && divisor == 1.0)
                continue;
            if (m * magnitude < raw * (1 - 1e-9))
                continue;
            if (top == 0.0 || n * m * magnitude < top) {
                step = m * magnitude;
                top = n * step;
                intervals = n;
            }
            break;
        }
    }
    m_valueAxis->setRange(0, top);
    const bool whole = std::abs(step - std::round(step)) < 1e-9;
    const bool tenths = std::abs(step * 10 - std::round(step * 10)) < 1e-9;
    const int decimals = whole ? 0 : tenths ? 1 : 2;
    // One named tick per step, the foot ("0") a category of no width so that its label sits on 0.
    // The steps are exact at `decimals`, so the labels differ as QCategoryAxis needs them to.
    QStringList labels;
    for (int k = 0; k <= intervals; ++k)
        labels << m_unit.label(k * step, decimals);
    if (labels != m_valueAxis->categoriesLabels()) {
        for (const QString &old : m_valueAxis->categoriesLabels())
            m_valueAxis->remove(old);
        for (int k = 0; k <= intervals; ++k)
            m_valueAxis->append(labels[k], k * step);
        // New labels lay the chart out anew at once: wider ones narrow the plot, and the lines
        // are taken again for the narrower budget (decimation keeps the peak, so the axis stays).
        if (pointBudget() != budget)
            takeVisible();
    }
    for (size_t i = 0; i < m_series.size(); ++i) {
        if (divisor != 1.0)
            for (QPointF &p : lines[i])
                p.ry() /= divisor;
        if (m_dashed->series().contains(m_series[i]))
            m_dashed->setPoints(m_series[i], lines[i]);
        else
            m_series[i]->replace(lines[i]);
    }
    refreshGaps(scale, top);
    m_dashed->syncGeometry();
    m_dashed->update();
}

QLineSeries *LiveChart::series(int architecture) const
{
    return architecture >= 0 && architecture < int(m_series.size()) ? m_series[architecture] : nullptr;
}

QAreaSeries *LiveChart::gapSeries(int architecture) const
{
    return architecture >= 0 && architecture < int(m_gapSeries.size()) ? m_gapSeries[size_t(architecture)]
                                                                       : nullptr;
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
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("svg") && suffix != QLatin1String("png")) {
        if (error)
            *error = tr("%1: unknown chart format \"%2\" (use .png or .svg)").arg(path, suffix);
        return false;
    }
    // An exported chart stands alone, without the shared key that says which colour is which:
    // its own legend names the architectures for as long as the export takes.
    const bool named = m_architecturesInLegend;
    setArchitecturesInLegend(true);
    m_timeAxis->setLabelsVisible(true);
    chart()->legend()->layout()->activate();
    chart()->layout()->invalidate();
    chart()->layout()->activate();
    refresh();
    const QSize size = this->size().expandedTo(QSize(800, 450));
    bool ok = true;
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(chart()->title());
        QPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            chart()->scene()->render(&painter, QRectF(QPointF(0, 0), size), chart()->sceneBoundingRect());
            painter.end();
        } else if (error) {
            *error = tr("%1: cannot write SVG").arg(path);
        }
    } else {
        QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(2.0);
        image.fill(palette().color(QPalette::Base));
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        chart()->scene()->render(&painter, QRectF(QPointF(0, 0), size), chart()->sceneBoundingRect());
        painter.end();
        ok = image.save(path, "PNG");
        if (!ok && error)
            *error = tr("%1: cannot write PNG").arg(path);
    }
    m_timeAxis->setLabelsVisible(m_timeLabels);
    if (!named)
        setArchitecturesInLegend(false);
    chart()->layout()->invalidate();
    return ok;
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
