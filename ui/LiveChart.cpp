#include "LiveChart.h"

#include "ArchitectureStyle.h"
#include "ChartDecimator.h"
#include "ChartExporter.h"
#include "ChartTimeTicks.h"
#include "ChartValueTicks.h"
#include "ClockText.h"
#include "DashedLineOverlay.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QContextMenuEvent>
#include <QEvent>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QResizeEvent>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace postoffice::ui {

namespace {

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
    m_title = title;
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
    m_lanes.attach(c, m_timeAxis, m_valueAxis);
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
    QColor paper = pal.color(QPalette::Base);
    paper.setAlpha(230);
    m_lanes.applyInk(keyInk(), paper);
    m_lanes.applyFont(base);
}

void LiveChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange) {
        applyFonts();
        fitWords();
    }
}

void LiveChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    fitWords();
}

void LiveChart::setCompactWords(const QString &title, const QStringList &variants)
{
    m_compactTitle = title;
    m_compactVariants = variants;
    fitWords();
}

void LiveChart::fitWords()
{
    // Qt Charts elides a title wider than the chart and legend labels wider than its share of
    // the width (about 0.38 of the chart beside the plot), and cuts off rows taller than the
    // plot: "Backlog: total consumer l…", "custom…". Shorter words are chosen before that.
    const double width = size().width();
    const double height = size().height();
    const QFontMetricsF titleMetrics(chart()->titleFont());
    const QFontMetricsF legendMetrics(chart()->legend()->font());
    const QFontMetricsF tickMetrics(m_timeAxis->labelsFont());
    const double chartMargins = 4 + 4 + 12; // QChart margins and the title's padding
    const bool titleFits =
        m_compactTitle.isEmpty() || titleMetrics.horizontalAdvance(m_title) <= width - chartMargins;

    QStringList names;
    for (int v = 0; v < m_variants.size() && !m_variantKeys.isEmpty(); ++v)
        names << m_variants[v];
    const double markerWidth = legendMetrics.height() * 2.5; // a stretch of line and the gaps
    const double rowHeight = legendMetrics.height() + 6;
    const double legendWidth = width * 0.38;
    const double legendHeight =
        height - titleMetrics.height() * 1.4 - (m_timeLabels ? tickMetrics.height() * 1.3 : 0.0) - 8;
    const auto fits = [&](const QStringList &words, int rows) {
        for (const QString &w : words)
            if (legendMetrics.horizontalAdvance(w) + markerWidth > legendWidth)
                return false;
        return rows * rowHeight <= legendHeight;
    };
    const int gapRows = m_lanes.key() ? 1 : 0;
    const bool legendFits =
        m_compactVariants.size() != names.size() || fits(names, int(names.size()) + gapRows);
    m_compact = !titleFits || !legendFits;
    const QStringList words = !legendFits ? m_compactVariants : names;
    const QString title = titleFits ? m_title : m_compactTitle;
    if (chart()->title() != title)
        chart()->setTitle(title);
    for (int v = 0; v < m_variantKeys.size() && v < words.size(); ++v)
        if (m_variantKeys[v]->name() != words[v])
            m_variantKeys[v]->setName(words[v]);
    const bool gapKey = legendFits || !m_lanes.key() || fits(words, int(words.size()) + gapRows);
    if (gapKey != m_gapKeyShown) {
        m_gapKeyShown = gapKey;
        applyLegend();
    }
}

void LiveChart::removeAllSeries()
{
    for (QLineSeries *s : m_series) {
        chart()->removeSeries(s);
        delete s;
    }
    m_series.clear();
    m_dashed->clearSeries();
    m_lanes.removeAll();
    for (QLineSeries *s : m_variantKeys) {
        chart()->removeSeries(s);
        delete s;
    }
    m_variantKeys.clear();
}

void LiveChart::setArchitectures(const QStringList &architectures, const QStringList &variants,
                                 const QString &gapLabel, const QString &gapCaption, int gapVariant)
{
    removeAllSeries();
    m_architectures = architectures;
    m_variants = variants;
    m_gapCaption = gapCaption.isEmpty() ? gapLabel : gapCaption;
    m_gapLabel = gapLabel;
    const QStringList kinds = variants.isEmpty() ? QStringList{QString()} : variants;
    m_gapVariant = std::clamp(gapVariant, 0, int(kinds.size()) - 1);
    m_data.assign(size_t(architectures.size() * kinds.size()), {});
    m_gaps.assign(m_data.size(), {});
    // Lanes first: Qt Charts paints series in the order they were added, and a customer-wait
    // line in milliseconds runs along the bottom of a minutes axis, where the lanes are.
    if (!gapLabel.isEmpty())
        m_lanes.addLanes(architectures, gapLabel, font());
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
    if (!gapLabel.isEmpty())
        m_lanes.addKey(gapLabel);
    applyFonts(); // inks of the keys and caption boxes
    applyLegend();
    fitWords();
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
        (m_architecturesInLegend && !m_architectures.isEmpty()) || !m_variantKeys.isEmpty() || m_lanes.key();
    legend->setVisible(any);
    for (size_t line = 0; line < m_series.size(); ++line)
        for (QLegendMarker *marker : legend->markers(m_series[line]))
            marker->setVisible(line < size_t(m_architectures.size()) && m_architecturesInLegend);
    for (QAreaSeries *lane : m_lanes.lanes())
        for (QLegendMarker *marker : legend->markers(lane))
            marker->setVisible(false);
    for (QLineSeries *key : m_variantKeys)
        for (QLegendMarker *marker : legend->markers(key))
            marker->setVisible(true);
    if (m_lanes.key())
        for (QLegendMarker *marker : legend->markers(m_lanes.key()))
            marker->setVisible(m_gapKeyShown);
}

void LiveChart::clear()
{
    for (auto &d : m_data)
        d.clear();
    for (auto &g : m_gaps)
        g.clear();
    m_lanes.hideCaptions();
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
    return m_lanes.captions();
}

void LiveChart::refreshGaps(double scale, double top)
{
    if (m_lanes.size() == 0)
        return;
    // Seconds closer than a pixel or so merge into one run, so the polygon stays small.
    const ChartGapLanes::Window window{m_from_s, m_to_s, scale, top,
                                       std::max(1.0 + 1e-9, (m_to_s - m_from_s) / (maxPointsPerSeries / 4))};
    QPointF captionAt = chart()->plotArea().topRight() + QPointF(-8, 6);
    int sharedLane = -1; // the caption shown without its architecture's name, if any
    QString sharedText;
    for (int a = 0; a < m_lanes.size(); ++a) {
        const int line = lineIndex(a, m_gapVariant);
        const std::vector<double> &g = m_gaps[size_t(line)];
        m_lanes.drawLane(a, g, window);
        const double since = gapSince(line);
        const double latest = g.empty() ? 0.0 : g.back();
        // A gap shorter than gapCaptionSeconds is ordinary jitter at low traffic: lane only.
        if (since < 0.0 || latest - since + 1.0 < gapCaptionSeconds) {
            m_lanes.hideCaption(a);
            continue;
        }
        const QString when = ClockText::format(std::max(0.0, since - 1.0));
        const QString text =
            tr("%1: %2 since %3").arg(ArchitectureStyle::label(m_architectures[a]), m_gapCaption, when);
        const QString shortText = tr("%1 since %2").arg(m_gapCaption, when);
        // Two architectures in the same gap since the same second, in a plot too narrow for their
        // names: one caption in a neutral ink says it for both (the lanes' colours say whose) —
        // two identical boxes would take the height of a short plot for nothing.
        if (sharedLane >= 0 && sharedText == shortText) {
            m_lanes.hideCaption(a);
            m_lanes.setCaptionInk(sharedLane, keyInk());
            continue;
        }
        // The legend's words ("none done") when the caption's own do not fit.
        const QString tiny = tr("%1 since %2").arg(m_gapLabel, when);
        captionAt = m_lanes.showCaption(a, {text, shortText, tiny}, captionAt);
        if (sharedLane < 0 && m_lanes.captionText(a) != text) {
            sharedLane = a;
            sharedText = shortText;
        }
    }
}

QRectF LiveChart::gapCaptionRect(int architecture) const
{
    return architecture >= 0 && architecture < m_lanes.size() ? m_lanes.captionRect(architecture) : QRectF();
}

void LiveChart::setWindow(double from_s, double to_s)
{
    m_from_s = from_s;
    m_to_s = std::max(to_s, from_s + 1.0);
}

int LiveChart::pointBudget() const
{
    // One min/max pair per two pixels of plot width draws the same picture as every sample
    // (peaks included) — and Qt Charts strokes a hit-test outline through every point it is
    // given (QPainterPathStroker in LineChartItem::updateGeometry, most of a refresh's cost).
    const int width = int(chart()->plotArea().width());
    return std::clamp(width, minPointsPerSeries, maxPointsPerSeries);
}

void LiveChart::refresh()
{
    // Round time ticks (ChartTimeTicks) in the step's unit; the stored data stays in seconds. As
    // many as fit side by side: presenter mode's font on a narrow chart gets fewer, not overlaps.
    const QFontMetricsF metrics(m_timeAxis->labelsFont());
    const ChartTimeTicks timeTicks(
        m_from_s, m_to_s,
        ChartTimeTicks::intervalsFitting(chart()->plotArea().width(),
                                         metrics.horizontalAdvance(QStringLiteral("000 min"))));
    const double scale = timeTicks.scale();
    m_timeAxis->setTitleText(tr("simulated time (%1)").arg(timeTicks.unit()));
    timeTicks.apply(m_timeAxis);

    std::vector<QList<QPointF>> lines(m_series.size());
    double peak = 0.0;
    const auto takeVisible = [&] {
        const int points = pointBudget(); // the plot may have narrowed since the last take
        for (size_t i = 0; i < m_series.size(); ++i) {
            lines[i] = ChartDecimator::visiblePoints(m_data[i], m_from_s, m_to_s, scale, points);
            if (i < m_gaps.size() && !m_gaps[i].empty())
                lines[i] = ChartDecimator::breakAtGaps(lines[i], m_gaps[i], scale);
            for (const QPointF &p : lines[i])
                peak = std::max(peak, p.y()); // NaN breaks compare false: ignored
        }
    };
    const int budget = pointBudget();
    takeVisible();
    // The unit follows the highest line shown; the points are handed over in that unit.
    m_unit = ChartUnit::forPeak(m_quantity, peak * 1.05);
    const double divisor = m_unit.divisor();
    const ChartValueTicks ticks(m_quantity, m_unit, peak);
    const double top = ticks.top();
    m_valueAxis->setRange(0, top);
    // One named tick per step, the foot ("0") a category of no width so that its label sits on 0.
    const QStringList &labels = ticks.labels();
    if (labels != m_valueAxis->categoriesLabels()) {
        for (const QString &old : m_valueAxis->categoriesLabels())
            m_valueAxis->remove(old);
        for (int k = 0; k <= ticks.intervals(); ++k)
            m_valueAxis->append(labels[k], k * ticks.step());
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
    return architecture >= 0 && architecture < m_lanes.size() ? m_lanes.lanes()[size_t(architecture)]
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
    return ChartExporter::write(*this, path, error);
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
    ChartExporter::offer(*this, event->globalPos());
}

} // namespace postoffice::ui
