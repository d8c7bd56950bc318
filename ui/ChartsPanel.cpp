#include "ChartsPanel.h"

#include "ArchitectureStyle.h"
#include "LiveChart.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace postoffice::ui {

namespace {

struct WindowChoice
{
    const char *label;
    double seconds;
};

constexpr WindowChoice windowChoices[] = {{"1 min", 60}, {"5 min", 300}, {"10 min", 600}, {"30 min", 1800},
                                          {"1 h", 3600}, {"4 h", 14400}, {"whole run", 0}};

} // namespace

ChartsPanel::ChartsPanel(QWidget *parent) : QWidget(parent)
{
    m_charts[Throughput] = new LiveChart(tr("Orders per second"), ChartUnit::Count, this);
    m_charts[LatencyP95] = new LiveChart(tr("Latency p95"), ChartUnit::DurationMs, this);
    m_charts[Failures] = new LiveChart(tr("Failed orders per second"), ChartUnit::Count, this);
    m_charts[Lag] = new LiveChart(tr("Backlog: total consumer lag (records)"), ChartUnit::Count, this);
    // Presenter mode's font at 1280×720 leaves a chart about 370 px: the words that still fit.
    m_charts[Lag]->setCompactWords(tr("Backlog: consumer lag"));

    auto *grid = new QGridLayout;
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    for (int i = 0; i < MetricCount; ++i) {
        grid->addWidget(m_charts[i], i / 2, i % 2);
        connect(m_charts[i], &LiveChart::zoomRequested, this, &ChartsPanel::zoom);
        m_charts[i]->setArchitecturesInLegend(false); // the key above says it once for all four
        // The two rows share the time window: the lower row's ticks say it for both.
        m_charts[i]->setTimeLabelsVisible(i >= 2);
    }

    m_key = new QLabel(this);
    m_key->setObjectName(QStringLiteral("chartsArchitectureKey"));
    m_key->setTextFormat(Qt::RichText);
    applyKeyFont();

    m_windowCombo = new QComboBox(this);
    for (const WindowChoice &c : windowChoices)
        m_windowCombo->addItem(tr(c.label), c.seconds);
    m_windowCombo->setCurrentIndex(2);
    m_windowCombo->setToolTip(tr("Time span shown; the charts follow the simulated clock. "
                                 "Mouse wheel over a chart zooms. Right-click a chart to export it."));
    connect(m_windowCombo, &QComboBox::currentIndexChanged, this,
            [this](int) { setWindowSeconds(m_windowCombo->currentData().toDouble()); });

    auto *top = new QHBoxLayout;
    top->setContentsMargins(4, 2, 4, 0);
    top->addWidget(m_key);
    top->addStretch();
    top->addWidget(new QLabel(tr("Window:"), this));
    top->addWidget(m_windowCombo);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(2);
    outer->addLayout(top);
    outer->addLayout(grid, 1);

    m_redraw = new QTimer(this);
    m_redraw->setInterval(redrawTickMs);
    connect(m_redraw, &QTimer::timeout, this, &ChartsPanel::redrawStep);
}

void ChartsPanel::applyKeyFont()
{
    // As large as the charts' legends, and it follows presenter mode's larger font.
    QFont keyFont = font();
    keyFont.setPointSizeF(keyFont.pointSizeF() * 1.15);
    keyFont.setBold(true);
    m_key->setFont(keyFont);
}

void ChartsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && m_key)
        applyKeyFont();
}

void ChartsPanel::setArchitectures(const QStringList &architectures, int compared)
{
    m_architectures = architectures;
    m_charts[Throughput]->setArchitectures(architectures, {tr("accepted"), tr("all done")});
    // The gap lanes belong to the "all done" lines: a customer is answered every second.
    m_charts[LatencyP95]->setArchitectures(architectures, {tr("customer wait"), tr("all done")},
                                           tr("none done"), tr("nothing fully done"), 1);
    m_charts[LatencyP95]->setCompactWords(QString(), {tr("reply"), tr("all done")});
    m_charts[Failures]->setArchitectures(architectures);
    m_charts[Lag]->setArchitectures(architectures);
    for (LiveChart *c : m_charts)
        c->setComparedArchitectures(compared);
    QStringList entries;
    for (const QString &name : architectures)
        entries << QStringLiteral("<span style=\"color:%1\">&#9473;&#9473;</span>&nbsp;%2")
                       .arg(ArchitectureStyle::color(name).name(),
                            ArchitectureStyle::label(name).toHtmlEscaped());
    m_key->setText(entries.join(QStringLiteral("&nbsp;&nbsp;&nbsp; ")));
    scheduleRedrawAll();
}

void ChartsPanel::clear()
{
    for (LiveChart *c : m_charts)
        c->clear();
    m_clock_s = 0.0;
    scheduleRedrawAll();
}

void ChartsPanel::append(Metric metric, int architecture, double t_s, double value, int variant)
{
    if (metric < 0 || metric >= MetricCount || architecture < 0 || architecture >= m_architectures.size())
        return;
    m_charts[metric]->append(m_charts[metric]->lineIndex(architecture, variant), t_s, value);
    // End-to-end latency is a property of completed orders: a second in which none completed has
    // none. The latency chart says so instead of going blank (the tight shop during an outage:
    // every order fails; the decoupled one: orders wait in the backlog).
    if (metric == Throughput && variant == 1 && value <= 0.0)
        m_charts[LatencyP95]->appendGap(m_charts[LatencyP95]->lineIndex(architecture, 1), t_s);
    scheduleRedraw(metric);
    if (metric == Throughput && variant == 1)
        scheduleRedraw(LatencyP95);
}

void ChartsPanel::setClock(double t_s)
{
    if (t_s == m_clock_s)
        return;
    m_clock_s = t_s;
    scheduleRedrawAll(); // the window follows the clock
}

void ChartsPanel::setWindowSeconds(double seconds)
{
    m_window_s = std::max(0.0, seconds);
    const int index = m_windowCombo->findData(m_window_s);
    if (index >= 0 && index != m_windowCombo->currentIndex()) {
        const QSignalBlocker block(m_windowCombo);
        m_windowCombo->setCurrentIndex(index);
    }
    scheduleRedrawAll();
}

void ChartsPanel::zoom(double factor)
{
    // Step through the preset windows so the axis keeps round numbers.
    int index = m_windowCombo->currentIndex();
    index += factor > 1.0 ? 1 : -1;
    index = std::clamp(index, 0, m_windowCombo->count() - 1);
    setWindowSeconds(m_windowCombo->itemData(index).toDouble());
}

void ChartsPanel::refreshChart(int metric)
{
    const double to = std::max(m_clock_s, m_window_s > 0 ? m_window_s : 60.0);
    const double from = m_window_s > 0 ? std::max(0.0, to - m_window_s) : 0.0;
    m_charts[metric]->setWindow(from, m_window_s > 0 ? from + m_window_s : std::max(to, 60.0));
    m_charts[metric]->refresh();
    m_dirty[metric] = false;
}

void ChartsPanel::flush()
{
    m_redraw->stop();
    for (int i = 0; i < MetricCount; ++i)
        refreshChart(i);
}

LiveChart *ChartsPanel::redrawStep()
{
    // Turns are taken whether or not a chart is dirty, so a chart that alone keeps changing is
    // still redrawn only once per redrawIntervalMs.
    const int metric = m_nextChart;
    m_nextChart = (m_nextChart + 1) % MetricCount;
    LiveChart *redrawn = nullptr;
    if (m_dirty[metric]) {
        refreshChart(metric);
        redrawn = m_charts[metric];
    }
    if (std::none_of(m_dirty.begin(), m_dirty.end(), [](bool d) { return d; }))
        m_redraw->stop();
    return redrawn;
}

bool ChartsPanel::redrawPending() const
{
    return m_redraw->isActive();
}

void ChartsPanel::scheduleRedraw(int metric)
{
    m_dirty[metric] = true;
    if (!m_redraw->isActive())
        m_redraw->start();
}

void ChartsPanel::scheduleRedrawAll()
{
    for (int i = 0; i < MetricCount; ++i)
        scheduleRedraw(i);
}

} // namespace postoffice::ui
