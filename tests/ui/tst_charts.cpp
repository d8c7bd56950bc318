// The chart panel on its own: both architectures on shared axes, rate-limited redraws through
// replace(), peaks kept by decimation, a window that follows the clock, zoom, and export.
#include "ArchitectureStyle.h"
#include "ChartUnit.h"
#include "ChartsPanel.h"
#include "ClusterChart.h"
#include "DashedLineOverlay.h"
#include "LiveChart.h"

#include <QApplication>
#include <QAreaSeries>
#include <QCategoryAxis>
#include <QGraphicsLayout>
#include <QGraphicsTextItem>
#include <QImage>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>
#include <QWheelEvent>

using postoffice::ui::ChartsPanel;
using postoffice::ui::ChartUnit;
using postoffice::ui::DashedLineOverlay;
using postoffice::ui::LiveChart;

namespace {

// The texts Qt Charts draws (title, tick labels, legend), as they are on screen.
QList<QGraphicsTextItem *> drawnTexts(QChartView &view)
{
    QList<QGraphicsTextItem *> out;
    for (QGraphicsItem *item : view.scene()->items())
        if (auto *text = dynamic_cast<QGraphicsTextItem *>(item); text && text->isVisible())
            out << text;
    return out;
}

// The time axis' tick labels drawn under the plot, left to right.
QStringList drawnTimeLabels(QChartView &chart)
{
    const QRectF plot = chart.chart()->mapRectToScene(chart.chart()->plotArea());
    QLegend *legend = chart.chart()->legend();
    const QRectF legendRect =
        legend->isVisible() ? chart.chart()->mapRectToScene(legend->geometry()) : QRectF();
    QList<QGraphicsTextItem *> below;
    for (QGraphicsTextItem *text : drawnTexts(chart)) {
        const QRectF r = text->sceneBoundingRect();
        if (legendRect.contains(r.center()))
            continue; // a legend under the plot (the cluster window's)
        if (r.top() >= plot.bottom() - 2 && r.center().x() >= plot.left() - 40 &&
            r.center().x() <= plot.right() + 40)
            below << text;
    }
    std::sort(below.begin(), below.end(), [](QGraphicsTextItem *a, QGraphicsTextItem *b) {
        return a->sceneBoundingRect().left() < b->sceneBoundingRect().left();
    });
    QStringList out;
    for (QGraphicsTextItem *text : below)
        out << text->toPlainText();
    return out;
}

} // namespace

class TestCharts : public QObject
{
    Q_OBJECT
private slots:
    void bothArchitecturesShareAxes();
    void redrawIsBatched();
    void oneChartPerRedrawTick();
    void legendShowsLineStyles();
    void dashesContinueAcrossPoints_data();
    void dashesContinueAcrossPoints();
    void latencyMarksSecondsWithoutCompletions();
    void decimationKeepsPeaks();
    void pointBudgetFollowsPlotWidth();
    void unitFormat_data();
    void unitFormat();
    void valueAxisHasRoundTicks_data();
    void valueAxisHasRoundTicks();
    void axisFootReadsZeroOnScreen_data();
    void axisFootReadsZeroOnScreen();
    void latencyPairsCustomerWaitWithAllDone();
    void legendKeepsArchitecturesToTheSharedKey();
    void windowFollowsClock_data();
    void windowFollowsClock();
    void wheelZooms();
    void exportWritesFile_data();
    void exportWritesFile();
    void exportRejectsUnknownFormat();
    void extraArchitecturesGetTheirOwnColour();
    void architecturesReadAsWords_data();
    void architecturesReadAsWords();
    void timeTicksAreRound_data();
    void timeTicksAreRound();
    void presenterChartsFitAt720p();
    void clusterChartTicksAreRound();
};

void TestCharts::bothArchitecturesShareAxes()
{
    ChartsPanel panel;
    panel.setArchitectures({"tight", "decoupled"});
    for (int t = 1; t <= 30; ++t) {
        panel.append(ChartsPanel::Failures, 0, t, 40);
        panel.append(ChartsPanel::Failures, 1, t, 50);
        panel.append(ChartsPanel::Throughput, 1, t, 20);
        panel.append(ChartsPanel::Throughput, 1, t, 5, 1);
    }
    panel.setClock(30);
    panel.flush();
    // Throughput pairs each architecture's accepted orders (solid) with completed ones (dashed).
    LiveChart *tp = panel.chart(ChartsPanel::Throughput);
    QCOMPARE(tp->chart()->series().size(), 4 + 2); // and the legend's two style keys
    QCOMPARE(tp->series(tp->lineIndex(1, 0))->name(), QString("Decoupled"));
    QCOMPARE(tp->series(tp->lineIndex(1, 1))->name(), QString("Decoupled all done"));
    QCOMPARE(tp->series(tp->lineIndex(1, 1))->pen().style(), Qt::CustomDashLine);
    QCOMPARE(tp->series(tp->lineIndex(1, 1))->pen().color(), tp->series(tp->lineIndex(1, 0))->pen().color());
    // The dashed line's points go to the overlay that draws it; Qt Charts' series stays empty.
    QCOMPARE(tp->dashedOverlay()->points(tp->series(tp->lineIndex(1, 1))).size(), 30);
    // (In the axis' unit: the 10-minute window reads in minutes, so 30 s is at 0.5.)
    QCOMPARE(tp->dashedOverlay()->points(tp->series(tp->lineIndex(1, 1))).back(), QPointF(0.5, 5));
    QCOMPARE(tp->series(tp->lineIndex(1, 1))->count(), 0);
    QCOMPARE(tp->lastValue(tp->lineIndex(1, 1)), 5.0);
    LiveChart *c = panel.chart(ChartsPanel::Failures);
    QCOMPARE(c->series(0)->count(), 30);
    QCOMPARE(c->series(1)->count(), 30);
    QCOMPARE(c->series(0)->name(), QString("Tight-coupled"));
    QCOMPARE(c->series(1)->name(), QString("Decoupled"));
    QVERIFY(c->series(0)->pen().color() != c->series(1)->pen().color());
    QCOMPARE(c->series(0)->attachedAxes(), c->series(1)->attachedAxes());
    // The value axis leaves room above the highest line.
    QVERIFY(c->valueAxis()->max() >= 50);
    QVERIFY(c->valueAxis()->max() <= 75);
    QCOMPARE(c->chart()->animationOptions(), QChart::NoAnimation);
}

void TestCharts::redrawIsBatched()
{
    ChartsPanel panel;
    panel.setArchitectures({"tight", "decoupled"});
    panel.flush();
    QSignalSpy replaced(panel.chart(ChartsPanel::Lag)->series(1), &QXYSeries::pointsReplaced);
    for (int t = 0; t < 5000; ++t) {
        panel.append(ChartsPanel::Lag, 1, t * 0.1, t);
        panel.setClock(t * 0.1);
    }
    // Nothing reached the series yet: the data waits for the single-shot redraw timer.
    QVERIFY(panel.redrawPending());
    QCOMPARE(replaced.count(), 0);
    QCOMPARE(panel.chart(ChartsPanel::Lag)->series(1)->count(), 0);
    QTRY_VERIFY(!panel.redrawPending());
    QCOMPARE(replaced.count(), 1);
    QVERIFY(panel.chart(ChartsPanel::Lag)->series(1)->count() > 0);
}

void TestCharts::oneChartPerRedrawTick()
{
    ChartsPanel panel;
    panel.setArchitectures({"tight", "decoupled"});
    panel.flush();
    std::vector<std::unique_ptr<QSignalSpy>> spies;
    for (int m = 0; m < ChartsPanel::MetricCount; ++m)
        spies.push_back(std::make_unique<QSignalSpy>(panel.chart(ChartsPanel::Metric(m))->series(0),
                                                     &QXYSeries::pointsReplaced));
    const auto replacedTotal = [&] {
        int n = 0;
        for (const auto &s : spies)
            n += int(s->count());
        return n;
    };
    for (int t = 1; t <= 10; ++t)
        for (int m = 0; m < ChartsPanel::MetricCount; ++m)
            panel.append(ChartsPanel::Metric(m), 0, t, t);
    panel.setClock(10);
    // Every chart has news, but each tick redraws only the next one in turn.
    for (int tick = 1; tick <= ChartsPanel::MetricCount; ++tick) {
        QVERIFY(panel.redrawStep() != nullptr);
        QCOMPARE(replacedTotal(), tick);
    }
    QVERIFY(!panel.redrawPending());
    // A chart that alone keeps changing still waits for its turn: at most once per cycle.
    panel.append(ChartsPanel::Lag, 0, 11, 1);
    int lagRedraws = 0;
    for (int tick = 0; tick < ChartsPanel::MetricCount; ++tick) {
        panel.append(ChartsPanel::Lag, 0, 12 + tick, 1);
        lagRedraws += panel.redrawStep() == panel.chart(ChartsPanel::Lag);
    }
    QCOMPARE(lagRedraws, 1);
}

void TestCharts::legendShowsLineStyles()
{
    ChartsPanel panel;
    panel.setArchitectures({"tight", "decoupled"});
    panel.show(); // legend entries become visible once the legend is laid out
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    LiveChart *tp = panel.chart(ChartsPanel::Throughput);
    // Legend entries are stretches of the lines themselves, so "all done" is dashed there too.
    QCOMPARE(tp->chart()->legend()->markerShape(), QLegend::MarkerShapeFromSeries);
    for (int a = 0; a < 2; ++a) {
        QCOMPARE(tp->series(tp->lineIndex(a, 0))->pen().style(), Qt::SolidLine);
        QCOMPARE(tp->series(tp->lineIndex(a, 1))->pen().style(), Qt::CustomDashLine);
        QCOMPARE(tp->series(tp->lineIndex(a, 1))->pen().color(),
                 tp->series(tp->lineIndex(a, 0))->pen().color());
    }
    // The style keys: one neutral line per variant, solid then dashed, in the legend.
    const QList<QLineSeries *> keys = tp->variantKeys();
    QCOMPARE(keys.size(), 2);
    QCOMPARE(keys[0]->name(), QString("accepted"));
    QCOMPARE(keys[1]->name(), QString("all done"));
    QCOMPARE(keys[0]->pen().style(), Qt::SolidLine);
    QCOMPARE(keys[1]->pen().style(), Qt::CustomDashLine);
    // The key's dashes are the lines' dashes, short enough to show as dashes in a legend marker.
    QCOMPARE(keys[1]->pen().dashPattern(), tp->series(tp->lineIndex(0, 1))->pen().dashPattern());
    QVERIFY(keys[1]->pen().dashPattern().front() * keys[1]->pen().widthF() <= 8);
    QCOMPARE(keys[0]->count(), 0);
    for (QLineSeries *key : keys) {
        QCOMPARE(tp->chart()->legend()->markers(key).size(), 1);
        QVERIFY(tp->chart()->legend()->markers(key).front()->isVisible());
        QVERIFY(key->pen().color() != postoffice::ui::ArchitectureStyle::color("tight"));
        QVERIFY(key->pen().color() != postoffice::ui::ArchitectureStyle::color("decoupled"));
    }
    // Gap lanes have one shared key, a filled box; the lanes themselves stay out of the legend.
    LiveChart *lat = panel.chart(ChartsPanel::LatencyP95);
    QVERIFY(lat->gapKey());
    QCOMPARE(lat->gapKey()->name(), QString("none done"));
    QCOMPARE(lat->chart()->legend()->markers(lat->gapKey()).front()->shape(), QLegend::MarkerShapeRectangle);
    QVERIFY(!lat->chart()->legend()->markers(lat->gapSeries(0)).front()->isVisible());
    // The dashed lines are drawn by the overlay (cheap dashes), not by Qt Charts' path stroker.
    QCOMPARE(tp->dashedOverlay()->series().size(), 2);
    QVERIFY(tp->dashedOverlay()->series().contains(tp->series(tp->lineIndex(1, 1))));
    QCOMPARE(tp->series(tp->lineIndex(1, 1))->opacity(), 0.0);
    QCOMPARE(tp->series(tp->lineIndex(1, 0))->opacity(), 1.0);
}

void TestCharts::dashesContinueAcrossPoints_data()
{
    QTest::addColumn<QList<QPointF>>("polyline");
    QTest::addColumn<int>("dashes");
    QTest::addColumn<double>("inked");
    // Pattern {4, 2} × width 1 over 30 units: 5 dashes of 4 = 20 inked.
    QTest::newRow("one segment") << QList<QPointF>{{0, 0}, {30, 0}} << 5 << 20.0;
    // Same length cut into 1-unit pieces: the pattern runs on (a restart per point would ink all).
    QList<QPointF> fine;
    for (int x = 0; x <= 30; ++x)
        fine << QPointF(x, 0);
    QTest::newRow("many short segments") << fine << 20 << 20.0;
    // Around a corner: 10 along x, 10 along y; dashes at 0–4, 6–10, 12–16, 18–20.
    QTest::newRow("corner") << QList<QPointF>{{0, 0}, {10, 0}, {10, 10}} << 4 << 14.0;
}

void TestCharts::dashesContinueAcrossPoints()
{
    QFETCH(QList<QPointF>, polyline);
    QFETCH(int, dashes);
    QFETCH(double, inked);
    const QList<QLineF> out = DashedLineOverlay::dashes(polyline, {4.0, 2.0}, 1.0);
    double length = 0;
    for (const QLineF &l : out)
        length += l.length();
    QCOMPARE(qRound(length * 1000), qRound(inked * 1000));
    if (polyline.size() == 2)
        QCOMPARE(int(out.size()), dashes);
    QVERIFY(int(out.size()) >= dashes);
}

void TestCharts::latencyMarksSecondsWithoutCompletions()
{
    ChartsPanel panel;
    panel.setArchitectures({"tight", "decoupled"});
    panel.resize(1600, 800); // wide plots: captions name the architecture
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    // Both complete orders until 600 s; then the tight shop completes none, the decoupled
    // shop none from 603 s on.
    for (int t = 1; t <= 660; ++t) {
        panel.append(ChartsPanel::Throughput, 0, t, t <= 600 ? 20 : 0, 1);
        if (t <= 600)
            panel.append(ChartsPanel::LatencyP95, 0, t, 400, 1);
        panel.append(ChartsPanel::Throughput, 1, t, t <= 602 ? 20 : 0, 1);
        if (t <= 602)
            panel.append(ChartsPanel::LatencyP95, 1, t, 900, 1);
        // The customer is answered all along: that line has no gap.
        panel.append(ChartsPanel::LatencyP95, 1, t, 30, 0);
    }
    panel.setClock(660);
    panel.flush();
    LiveChart *lat = panel.chart(ChartsPanel::LatencyP95);
    const int tightDone = lat->lineIndex(0, 1);
    QCOMPARE(lat->gapSince(tightDone), 601.0);
    QCOMPARE(lat->gapSince(lat->lineIndex(1, 1)), 603.0);
    QCOMPARE(lat->gapSince(lat->lineIndex(1, 0)), -1.0);
    QCOMPARE(lat->gapSeries(0)->name(), QString("Tight-coupled: none done"));
    // The lane covers exactly the gap: from 600 s (the second ending at 601) to the clock, in
    // the axis' unit (the 10-minute window reads in minutes).
    const QList<QPointF> lane = lat->gapSeries(0)->upperSeries()->points();
    double laneFrom = 1e9, laneTo = -1e9, laneTop = 0;
    for (const QPointF &p : lane)
        laneTop = std::max(laneTop, p.y());
    for (const QPointF &p : lane)
        if (p.y() == laneTop) {
            laneFrom = std::min(laneFrom, p.x());
            laneTo = std::max(laneTo, p.x());
        }
    QCOMPARE(laneFrom, 600.0 / 60);
    QCOMPARE(laneTo, 660.0 / 60);
    QVERIFY(laneTop > 0 && laneTop < lat->valueAxis()->max() * 0.25);
    const QStringList captions = lat->gapCaptions();
    QCOMPARE(captions.size(), 2);
    QVERIFY2(captions.contains("Tight-coupled: nothing fully done since 0:10:00"),
             qPrintable(captions.join('|')));
    QVERIFY2(captions.contains("Decoupled: nothing fully done since 0:10:02"),
             qPrintable(captions.join('|')));
    // In a narrow plot the colour alone says whose gap it is; the caption keeps its words, or
    // the legend's shorter ones, and stays inside the plot rather than running off its edge.
    panel.resize(560, 400);
    QApplication::processEvents();
    panel.flush();
    QVERIFY2(lat->gapCaptions().contains("nothing fully done since 0:10:00") ||
                 lat->gapCaptions().contains("none done since 0:10:00"),
             qPrintable(lat->gapCaptions().join('|')));
    for (int a = 0; a < 2; ++a)
        QVERIFY2(lat->chart()->plotArea().contains(lat->gapCaptionRect(a)),
                 qPrintable(QStringLiteral("caption %1 outside the plot").arg(a)));
    panel.resize(1600, 800);
    QApplication::processEvents();
    // Completions resume: the gap is over, its caption goes, its lane stays as history.
    panel.append(ChartsPanel::Throughput, 0, 661, 15, 1);
    panel.append(ChartsPanel::LatencyP95, 0, 661, 60000, 1);
    panel.setClock(661);
    panel.flush();
    QCOMPARE(lat->gapSince(tightDone), -1.0);
    // The tight line is broken across the gap (a NaN point), not joined by a slope from 400 ms
    // to 60 s through a time when no latency existed; the values either side stay.
    // (Points in the axis unit: 60,000 ms on an axis that now reads in seconds.)
    const QList<QPointF> drawn = lat->dashedOverlay()->points(lat->series(tightDone));
    int breaks = 0;
    for (const QPointF &p : drawn)
        if (qIsNaN(p.y())) {
            ++breaks;
            QVERIFY(p.x() > 600.0 / 60 && p.x() < 661.0 / 60);
        }
    QCOMPARE(breaks, 1);
    QCOMPARE(lat->valueUnit().suffix(), QString("s"));
    QCOMPARE(drawn.back(), QPointF(661.0 / 60, 60));
    QCOMPARE(lat->gapCaptions().size(), 1);
    QVERIFY(lat->gapSeries(0)->upperSeries()->count() > 2);
    // Charts without a gap meaning have no lanes.
    QCOMPARE(panel.chart(ChartsPanel::Lag)->gapSeries(0), nullptr);
}

void TestCharts::decimationKeepsPeaks()
{
    LiveChart chart("lag");
    chart.setArchitectures({"decoupled"});
    for (int t = 0; t < 100000; ++t)
        chart.append(0, t, t == 54321 ? 9999 : 10);
    chart.setWindow(0, 100000);
    chart.refresh();
    QLineSeries *s = chart.series(0);
    QVERIFY(s->count() <= LiveChart::maxPointsPerSeries);
    QVERIFY(s->count() <= chart.pointBudget());
    double top = 0;
    for (const QPointF &p : s->points())
        top = std::max(top, p.y());
    QCOMPARE(top * chart.valueUnit().divisor(), 9999.0);
    // Points stay in time order after decimation.
    const QList<QPointF> pts = s->points();
    for (qsizetype i = 1; i < pts.size(); ++i)
        QVERIFY(pts[i].x() >= pts[i - 1].x());
}

void TestCharts::pointBudgetFollowsPlotWidth()
{
    // A series gets about one point per pixel of plot width: more would draw the same picture.
    LiveChart narrow("lag");
    LiveChart wide("lag");
    narrow.setArchitectures({"decoupled"});
    narrow.resize(420, 300);
    wide.resize(1400, 300);
    narrow.show();
    wide.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wide));
    QTRY_VERIFY(wide.chart()->plotArea().width() > 1000);
    QVERIFY(narrow.chart()->plotArea().width() < 400);
    QCOMPARE(wide.pointBudget(), LiveChart::maxPointsPerSeries);
    QCOMPARE(narrow.pointBudget(),
             std::max(LiveChart::minPointsPerSeries, int(narrow.chart()->plotArea().width())));
    QApplication::processEvents(); // lay out the legend the series brought
    for (int t = 0; t < 3600; ++t)
        narrow.append(0, t, t == 1234 ? 500 : 1);
    narrow.setWindow(0, 3600);
    // The first refresh sets the axes, whose new labels change the plot width on the next
    // layout; live charts refresh ten times a second, so the budget follows on the next one.
    narrow.refresh();
    QApplication::processEvents();
    narrow.refresh();
    QApplication::processEvents();
    QVERIFY2(narrow.series(0)->count() <= narrow.pointBudget(),
             qPrintable(QString("%1 > %2").arg(narrow.series(0)->count()).arg(narrow.pointBudget())));
    QVERIFY(narrow.series(0)->count() < LiveChart::maxPointsPerSeries);
    QCOMPARE(narrow.maxValue(0, 0, 3600), 500.0);
    double top = 0;
    for (const QPointF &p : narrow.series(0)->points())
        top = std::max(top, p.y());
    QCOMPARE(top, 500.0);
}

void TestCharts::unitFormat_data()
{
    QTest::addColumn<int>("quantity");
    QTest::addColumn<double>("peak");
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("label");
    const int ms = ChartUnit::DurationMs;
    const int count = ChartUnit::Count;
    QTest::newRow("fast answer") << ms << 180.0 << 40.0 << 0 << "40 ms";
    QTest::newRow("just under 2 s") << ms << 1999.0 << 1500.0 << 0 << "1500 ms";
    QTest::newRow("2 s reads in s") << ms << 2000.0 << 2500.0 << 1 << "2.5 s";
    QTest::newRow("timeout") << ms << 30000.0 << 30000.0 << 0 << "30 s";
    QTest::newRow("under 2 min") << ms << 119000.0 << 90000.0 << 0 << "90 s";
    QTest::newRow("ten-minute backlog") << ms << 600000.0 << 600000.0 << 0 << "10 min";
    QTest::newRow("half a minute on a min axis") << ms << 3000000.0 << 30000.0 << 1 << "0.5 min";
    QTest::newRow("long run") << ms << 5 * 3600000.0 << 3600000.0 * 2.5 << 1 << "2.5 h";
    QTest::newRow("few orders") << count << 40.0 << 25.0 << 0 << "25";
    QTest::newRow("four digits") << count << 9999.0 << 9500.0 << 0 << "9500";
    QTest::newRow("backlog in k") << count << 12000.0 << 12000.0 << 0 << "12k";
    QTest::newRow("k with a fraction") << count << 12000.0 << 2500.0 << 1 << "2.5k";
    QTest::newRow("millions") << count << 25e6 << 2e7 << 0 << "20M";
    QTest::newRow("fractions") << count << 0.3 << 0.25 << 2 << "0.25";
    // The foot of an axis reads "0" in every unit, never "0k", "0 ms" or "0.0 s".
    QTest::newRow("zero records") << count << 40.0 << 0.0 << 0 << "0";
    QTest::newRow("zero on a k axis") << count << 12000.0 << 0.0 << 0 << "0";
    QTest::newRow("zero on a k axis with tenths") << count << 12000.0 << 0.0 << 1 << "0";
    QTest::newRow("zero on an M axis") << count << 25e6 << 0.0 << 0 << "0";
    QTest::newRow("zero ms") << ms << 180.0 << 0.0 << 0 << "0";
    QTest::newRow("zero s with tenths") << ms << 7000.0 << 0.0 << 1 << "0";
    QTest::newRow("zero min") << ms << 600000.0 << 0.0 << 0 << "0";
    QTest::newRow("zero h with hundredths") << ms << 5 * 3600000.0 << 0.0 << 2 << "0";
    // Not zero at the precision shown: the unit stays.
    QTest::newRow("a tenth of a second") << ms << 7000.0 << 100.0 << 1 << "0.1 s";
}

void TestCharts::unitFormat()
{
    QFETCH(int, quantity);
    QFETCH(double, peak);
    QFETCH(double, value);
    QFETCH(int, decimals);
    QFETCH(QString, label);
    const ChartUnit unit = ChartUnit::forPeak(ChartUnit::Quantity(quantity), peak);
    QCOMPARE(unit.format(value, decimals), label);
}

void TestCharts::valueAxisHasRoundTicks_data()
{
    QTest::addColumn<int>("quantity");
    QTest::addColumn<double>("peak");
    QTest::addColumn<double>("axisMax");
    QTest::addColumn<int>("ticks");
    QTest::addColumn<QString>("suffix");
    const int ms = ChartUnit::DurationMs;
    const int count = ChartUnit::Count;
    QTest::newRow("orders/s") << count << 40.0 << 50.0 << 6 << "";
    QTest::newRow("just under a round top") << count << 50.0 << 60.0 << 4 << "";
    QTest::newRow("a few failures: whole steps") << count << 7.0 << 8.0 << 5 << "";
    QTest::newRow("a few seconds: half steps are fine") << ms << 7000.0 << 7.5 << 4 << "s";
    QTest::newRow("backlog of 12,000") << count << 12000.0 << 15.0 << 4 << "k";
    QTest::newRow("customer wait in ms") << ms << 1500.0 << 2000.0 << 5 << "ms";
    QTest::newRow("timeouts in s") << ms << 30000.0 << 40.0 << 5 << "s";
    QTest::newRow("ten-minute latency") << ms << 600000.0 << 12.0 << 7 << "min";
    QTest::newRow("fractions") << count << 0.3 << 0.4 << 5 << "";
    QTest::newRow("nothing yet") << count << 0.0 << 5.0 << 6 << "";
}

void TestCharts::valueAxisHasRoundTicks()
{
    QFETCH(int, quantity);
    QFETCH(double, peak);
    QFETCH(double, axisMax);
    QFETCH(int, ticks);
    QFETCH(QString, suffix);
    LiveChart chart("x", ChartUnit::Quantity(quantity));
    chart.setArchitectures({"tight"});
    chart.append(0, 1, peak);
    chart.setWindow(0, 60);
    chart.refresh();
    QCOMPARE(chart.valueUnit().suffix(), suffix);
    QCOMPARE(chart.valueAxis()->min(), 0.0);
    QCOMPARE(chart.valueAxis()->max(), axisMax);
    // One named tick per step, each on its value.
    const QStringList labels = chart.valueAxis()->categoriesLabels();
    QCOMPARE(labels.size(), ticks);
    // The line is drawn in the axis unit.
    QCOMPARE(chart.series(0)->points().front().y(), peak / chart.valueUnit().divisor());
    // Every tick label shows its exact value in the unit, and is short enough to read from across a
    // room (no "600000"); the foot reads a plain "0" whatever the unit.
    const double step = axisMax / (ticks - 1);
    QCOMPARE(labels.front(), QString("0"));
    QCOMPARE(chart.valueAxis()->endValue(labels.front()), 0.0);
    for (int k = 1; k < ticks; ++k) {
        const QString &label = labels[k];
        QCOMPARE(chart.valueAxis()->endValue(label), k * step);
        QVERIFY2(label.endsWith(suffix), qPrintable(label));
        QCOMPARE(label.chopped(suffix.size()).trimmed().toDouble(), k * step);
        QVERIFY2(label.size() <= 7, qPrintable(label));
    }
}

void TestCharts::axisFootReadsZeroOnScreen_data()
{
    QTest::addColumn<int>("quantity");
    QTest::addColumn<double>("peak");
    QTest::addColumn<QString>("topLabel");
    QTest::addColumn<QString>("zeroWithUnit");
    const int ms = ChartUnit::DurationMs;
    const int count = ChartUnit::Count;
    QTest::newRow("backlog in k") << count << 12000.0 << "15k"
                                  << "0k";
    QTest::newRow("millions") << count << 25e6 << "30M"
                              << "0M";
    QTest::newRow("customer wait in ms") << ms << 1500.0 << "2000 ms"
                                         << "0 ms";
    QTest::newRow("a few seconds") << ms << 7000.0 << "7.5 s"
                                   << "0.0 s";
    QTest::newRow("timeouts in s") << ms << 30000.0 << "40 s"
                                   << "0 s";
    QTest::newRow("ten-minute latency") << ms << 600000.0 << "12 min"
                                        << "0 min";
}

void TestCharts::axisFootReadsZeroOnScreen()
{
    // What Qt Charts draws, not what the model says: the tick texts left of the plot.
    QFETCH(int, quantity);
    QFETCH(double, peak);
    QFETCH(QString, topLabel);
    QFETCH(QString, zeroWithUnit);
    LiveChart chart("x", ChartUnit::Quantity(quantity));
    chart.resize(640, 360);
    chart.setArchitectures({"decoupled"});
    chart.append(0, 1, peak);
    chart.setWindow(0, 60);
    chart.refresh();
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QApplication::processEvents();
    const qreal plotLeft = chart.chart()->mapToScene(chart.chart()->plotArea().topLeft()).x();
    QStringList shown;
    for (QGraphicsItem *item : chart.scene()->items())
        if (auto *text = dynamic_cast<QGraphicsTextItem *>(item);
            text && text->isVisible() && text->sceneBoundingRect().right() <= plotLeft)
            shown << text->toPlainText();
    QVERIFY2(shown.contains(topLabel), qPrintable(shown.join(" | ")));
    QVERIFY2(shown.contains("0"), qPrintable(shown.join(" | ")));
    QVERIFY2(!shown.contains(zeroWithUnit), qPrintable(shown.join(" | ")));
}

void TestCharts::latencyPairsCustomerWaitWithAllDone()
{
    ChartsPanel panel;
    panel.setArchitectures({"tight", "decoupled"});
    LiveChart *lat = panel.chart(ChartsPanel::LatencyP95);
    QCOMPARE(lat->variants(), QStringList({"customer wait", "all done"}));
    // One solid customer-wait line and one dashed all-done line per architecture, same colour.
    for (int a = 0; a < 2; ++a) {
        QLineSeries *wait = lat->series(lat->lineIndex(a, 0));
        QLineSeries *done = lat->series(lat->lineIndex(a, 1));
        QVERIFY(wait && done);
        QCOMPARE(wait->pen().style(), Qt::SolidLine);
        QCOMPARE(done->pen().style(), Qt::CustomDashLine);
        QCOMPARE(wait->pen().color(), done->pen().color());
    }
    // The decoupled customer is answered in 30 ms while its orders take 20 min to be all done.
    for (int t = 1; t <= 120; ++t) {
        panel.append(ChartsPanel::LatencyP95, 1, t, 30, 0);
        panel.append(ChartsPanel::LatencyP95, 1, t, 1200000, 1);
    }
    panel.setClock(120);
    panel.flush();
    QCOMPARE(lat->series(lat->lineIndex(1, 0))->count(), 120);
    QCOMPARE(lat->dashedOverlay()->points(lat->series(lat->lineIndex(1, 1))).size(), 120);
    QCOMPARE(lat->valueUnit().suffix(), QString("min"));
    QCOMPARE(lat->series(lat->lineIndex(1, 0))->points().back().y(), 30.0 / 60000.0);
    QCOMPARE(lat->dashedOverlay()->points(lat->series(lat->lineIndex(1, 1))).back().y(), 20.0);
}

void TestCharts::legendKeepsArchitecturesToTheSharedKey()
{
    ChartsPanel panel;
    panel.setArchitectures({"tight", "decoupled", "decoupled-3"});
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    // The key above the charts names every architecture in its colour, once.
    const QString key = panel.architectureKey()->text();
    for (const QString name : {"tight", "decoupled", "decoupled-3"}) {
        QVERIFY2(key.contains(postoffice::ui::ArchitectureStyle::label(name)), qPrintable(key));
        QVERIFY2(key.contains(postoffice::ui::ArchitectureStyle::color(name).name()), qPrintable(key));
    }
    // So the charts' own legends keep only their style keys; a chart with none has no legend
    // and its plot takes the width.
    for (int m = 0; m < ChartsPanel::MetricCount; ++m) {
        LiveChart *c = panel.chart(ChartsPanel::Metric(m));
        QVERIFY(!c->architecturesInLegend());
        for (int a = 0; a < 3; ++a)
            QVERIFY(!c->chart()->legend()->markers(c->series(a)).front()->isVisible());
        QCOMPARE(c->chart()->legend()->isVisible(),
                 m == ChartsPanel::Throughput || m == ChartsPanel::LatencyP95);
    }
    // Presenter mode's larger font reaches the key and the charts' legends.
    const qreal keySize = panel.architectureKey()->font().pointSizeF();
    const qreal legendSize = panel.chart(ChartsPanel::Throughput)->chart()->legend()->font().pointSizeF();
    QFont big = panel.font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    panel.setFont(big);
    QVERIFY(panel.architectureKey()->font().pointSizeF() > keySize * 1.4);
    QVERIFY(panel.chart(ChartsPanel::Throughput)->chart()->legend()->font().pointSizeF() > legendSize * 1.4);
    // A chart on its own names its architectures.
    LiveChart alone("lag");
    alone.setArchitectures({"tight", "decoupled"});
    alone.show();
    QVERIFY(QTest::qWaitForWindowExposed(&alone));
    QVERIFY(alone.chart()->legend()->isVisible());
    QVERIFY(alone.chart()->legend()->markers(alone.series(1)).front()->isVisible());
    QCOMPARE(alone.chart()->legend()->markers(alone.series(1)).front()->label(), QString("Decoupled"));
}

void TestCharts::windowFollowsClock_data()
{
    QTest::addColumn<double>("window");
    QTest::addColumn<double>("clock");
    QTest::addColumn<double>("axisMin");
    QTest::addColumn<double>("axisMax");
    QTest::addColumn<QString>("axisTitle");
    QTest::newRow("1 min, early") << 60.0 << 20.0 << 0.0 << 60.0 << "simulated time (s)";
    QTest::newRow("1 min, later") << 60.0 << 500.0 << 440.0 << 500.0 << "simulated time (s)";
    QTest::newRow("1 h in minutes") << 3600.0 << 7200.0 << 60.0 << 120.0 << "simulated time (min)";
    QTest::newRow("whole run") << 0.0 << 7200.0 << 0.0 << 120.0 << "simulated time (min)";
}

void TestCharts::windowFollowsClock()
{
    QFETCH(double, window);
    QFETCH(double, clock);
    QFETCH(double, axisMin);
    QFETCH(double, axisMax);
    QFETCH(QString, axisTitle);
    ChartsPanel panel;
    panel.setArchitectures({"tight", "decoupled"});
    panel.resize(1600, 800); // room for six time ticks
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    for (int t = 0; t <= int(clock); ++t)
        panel.append(ChartsPanel::Throughput, 0, t, 1);
    panel.setWindowSeconds(window);
    panel.setClock(clock);
    panel.flush();
    QValueAxis *x = panel.chart(ChartsPanel::Throughput)->timeAxis();
    QCOMPARE(x->min(), axisMin);
    QCOMPARE(x->max(), axisMax);
    QCOMPARE(x->titleText(), axisTitle);
    // The unit is on every tick label (the axis title is hidden to leave room for the plot).
    QVERIFY(x->labelFormat().endsWith(axisTitle.contains("min") ? " min" : " s"));
    // Only the visible stretch (plus one point either side) is handed to the series.
    const qsizetype shown = panel.chart(ChartsPanel::Throughput)->series(0)->count();
    QVERIFY(shown <= LiveChart::maxPointsPerSeries);
    if (window > 0 && window < clock)
        QVERIFY(shown <= qsizetype(window) + 2);
}

void TestCharts::wheelZooms()
{
    ChartsPanel panel;
    panel.setArchitectures({"tight"});
    panel.resize(800, 600);
    panel.show();
    panel.setWindowSeconds(600);
    LiveChart *c = panel.chart(ChartsPanel::Failures);
    const QPointF at(c->width() / 2.0, c->height() / 2.0);
    QWheelEvent in(at, c->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                   Qt::NoScrollPhase, false);
    QApplication::sendEvent(c->viewport(), &in);
    QCOMPARE(panel.windowSeconds(), 300.0);
    QWheelEvent out(at, c->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                    Qt::NoScrollPhase, false);
    QApplication::sendEvent(c->viewport(), &out);
    QApplication::sendEvent(c->viewport(), &out);
    QCOMPARE(panel.windowSeconds(), 1800.0);
}

void TestCharts::exportWritesFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("png") << "lag.png";
    QTest::newRow("svg") << "lag.svg";
}

void TestCharts::exportWritesFile()
{
    QFETCH(QString, name);
    QTemporaryDir dir;
    ChartsPanel panel;
    panel.setArchitectures({"tight", "decoupled"});
    for (int t = 0; t < 120; ++t) {
        panel.append(ChartsPanel::Lag, 0, t, 0);
        panel.append(ChartsPanel::Lag, 1, t, t * t);
    }
    panel.setClock(120);
    panel.resize(1000, 700);
    panel.show(); // as in the app: export is offered on a chart on screen
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QString path = dir.filePath(name);
    QString error;
    QVERIFY2(panel.chart(ChartsPanel::Lag)->exportTo(path, &error), qPrintable(error));
    if (name.endsWith(".png")) {
        QImage image(path);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800);
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, "exported chart looks blank");
    } else {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray svg = f.readAll();
        QVERIFY(svg.contains("<svg"));
        QVERIFY(svg.contains("<path") || svg.contains("<polyline"));
        QVERIFY(svg.contains("Backlog"));
        // Exported alone, the chart names its architectures (the panel's key is not in it).
        QVERIFY(svg.contains("Decoupled"));
    }
    // Back in the panel, the shared key names them again.
    QVERIFY(!panel.chart(ChartsPanel::Lag)
                 ->chart()
                 ->legend()
                 ->markers(panel.chart(ChartsPanel::Lag)->series(1))
                 .front()
                 ->isVisible());
}

void TestCharts::exportRejectsUnknownFormat()
{
    LiveChart chart("x");
    QString error;
    QVERIFY(!chart.exportTo("/tmp/chart.bmpx", &error));
    QVERIFY(error.contains("/tmp/chart.bmpx"));
    QVERIFY(error.contains("bmpx"));
}

void TestCharts::extraArchitecturesGetTheirOwnColour()
{
    // consumer-scaling shows tight, decoupled, decoupled-3 and decoupled-7 on the same axes.
    const QStringList names = {"tight", "decoupled", "decoupled-3", "decoupled-7", "decoupled-9"};
    QSet<QRgb> seen;
    for (const QString &name : names)
        seen.insert(postoffice::ui::ArchitectureStyle::color(name).rgb());
    QCOMPARE(seen.size(), int(names.size()));
    QCOMPARE(postoffice::ui::ArchitectureStyle::color("decoupled-7"),
             postoffice::ui::ArchitectureStyle::color("decoupled-7"));
}

void TestCharts::architecturesReadAsWords_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("label");
    QTest::newRow("tight") << "tight"
                           << "Tight-coupled";
    QTest::newRow("decoupled") << "decoupled"
                               << "Decoupled";
    QTest::newRow("consumer-scaling") << "decoupled-3"
                                      << "Decoupled 3";
    QTest::newRow("broker-failure") << "decoupled-acks1"
                                    << "Decoupled acks1";
    QTest::newRow("underscore") << "fan_out"
                                << "Fan out";
    QTest::newRow("empty") << ""
                           << "";
}

void TestCharts::architecturesReadAsWords()
{
    QFETCH(QString, id);
    QFETCH(QString, label);
    QCOMPARE(postoffice::ui::ArchitectureStyle::label(id), label);
}

void TestCharts::timeTicksAreRound_data()
{
    QTest::addColumn<double>("from");
    QTest::addColumn<double>("to");
    QTest::addColumn<int>("width");
    // The windows of the Window: combo and of zooming, following the clock to odd moments.
    QTest::newRow("first second of a run") << 0.0 << 1.0 << 640;
    QTest::newRow("two seconds") << 0.0 << 2.0 << 640;
    QTest::newRow("1 min at 0:08:20") << 440.0 << 500.0 << 640;
    QTest::newRow("1 min, narrow") << 440.0 << 500.0 << 260;
    QTest::newRow("5 min at 0:07:17") << 137.0 << 437.0 << 640;
    QTest::newRow("10 min at 0:10:44") << 44.0 << 644.0 << 640;
    QTest::newRow("10 min at 0:10:44, narrow") << 44.0 << 644.0 << 320;
    QTest::newRow("30 min at 0:47:13") << 1033.0 << 2833.0 << 900;
    QTest::newRow("1 h at 2:00:00") << 3600.0 << 7200.0 << 640;
    QTest::newRow("4 h at 5:13:20") << 4400.0 << 18800.0 << 640;
    QTest::newRow("whole run of 3 h") << 0.0 << 10800.0 << 640;
    QTest::newRow("whole run of 3 h, narrow") << 0.0 << 10800.0 << 260;
}

void TestCharts::timeTicksAreRound()
{
    // A trainer reads the time axis out loud: "two minutes, four minutes", never "44 s, 194 s",
    // and never the same label twice ("0 s 0 s 1 s 1 s" at the start of a run).
    QFETCH(double, from);
    QFETCH(double, to);
    QFETCH(int, width);
    LiveChart chart("Orders per second");
    chart.setArchitectures({"tight", "decoupled"});
    chart.resize(width, 240);
    const double every = std::max(1.0, std::floor((to - from) / 300));
    for (double t = from; t <= to; t += every)
        chart.append(0, t, 20);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setWindow(from, to);
    chart.refresh();
    QApplication::processEvents();
    chart.refresh(); // as the live timer does, now that the plot has its width
    QApplication::processEvents();
    const QStringList labels = drawnTimeLabels(chart);
    QVERIFY2(labels.size() >= 2, qPrintable(labels.join(" | ")));
    QVERIFY2(QSet<QString>(labels.begin(), labels.end()).size() == labels.size(),
             qPrintable(labels.join(" | ")));
    static const QRegularExpression tick(QStringLiteral("^(\\d+) (s|min|h)$"));
    QList<double> at_s;
    for (const QString &label : labels) {
        const QRegularExpressionMatch m = tick.match(label);
        QVERIFY2(m.hasMatch(), qPrintable(labels.join(" | ")));
        const double unit = m.captured(2) == "h" ? 3600 : m.captured(2) == "min" ? 60 : 1;
        at_s << m.captured(1).toDouble() * unit;
    }
    // The step as read off the labels: a round one, the same all along, every tick a multiple.
    const double step = at_s[1] - at_s[0];
    static const QList<double> roundSteps = {1,   2,   5,    10,   15,   30,    60,    120,   300,
                                             600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
    QVERIFY2(roundSteps.contains(step), qPrintable(labels.join(" | ")));
    for (int i = 0; i < at_s.size(); ++i)
        QVERIFY2(std::fmod(at_s[i], step) == 0.0 && at_s[i] >= from - 1e-6 && at_s[i] <= to + 1e-6 &&
                     (i == 0 || at_s[i] - at_s[i - 1] == step),
                 qPrintable(QStringLiteral("a tick every %1 s over %2–%3 s: %4")
                                .arg(step)
                                .arg(from)
                                .arg(to)
                                .arg(labels.join(" | "))));
    // Qt places them: the axis' own interval is that step.
    QCOMPARE(chart.timeAxis()->tickType(), QValueAxis::TicksDynamic);
    const QString format = chart.timeAxis()->labelFormat();
    const double unit = format.endsWith(" h") ? 3600 : format.endsWith(" min") ? 60 : 1;
    QCOMPARE(chart.timeAxis()->tickInterval() * unit, step);
    // Every tick the window holds is labelled (no round value skipped at either end).
    QCOMPARE(labels.size(), qsizetype(std::floor(to / step + 1e-9) - std::ceil(from / step - 1e-9) + 1));
}

void TestCharts::presenterChartsFitAt720p()
{
    // Presenter mode on a 1280×720 projector: the charts dock gets about 750 × 280 px and the
    // font is 1.45 × larger. A minute into the notification outage neither shop has had an order
    // fully done: every word the charts show must be whole and inside the chart.
    ChartsPanel panel;
    QFont big = panel.font();
    big.setPointSizeF(big.pointSizeF() * 1.45);
    panel.setFont(big);
    panel.setArchitectures({"tight", "decoupled"});
    panel.resize(752, 280);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    for (int t = 1; t <= 700; ++t)
        for (int a = 0; a < 2; ++a) {
            panel.append(ChartsPanel::Throughput, a, t, 20);
            panel.append(ChartsPanel::Throughput, a, t, t <= 600 ? 20 : 0, 1);
            panel.append(ChartsPanel::LatencyP95, a, t, 30);
            if (t <= 600)
                panel.append(ChartsPanel::LatencyP95, a, t, 400, 1);
            panel.append(ChartsPanel::Failures, a, t, a == 0 && t > 600 ? 20 : 0);
            panel.append(ChartsPanel::Lag, a, t, a == 1 && t > 600 ? (t - 600) * 20 : 5);
        }
    panel.setClock(700);
    panel.flush();
    QApplication::processEvents();
    panel.flush();
    QApplication::processEvents();
    for (int m = 0; m < ChartsPanel::MetricCount; ++m) {
        LiveChart *c = panel.chart(ChartsPanel::Metric(m));
        const QFontMetricsF titleMetrics(c->chart()->titleFont());
        QVERIFY2(titleMetrics.horizontalAdvance(c->chart()->title()) <= c->chart()->size().width() - 8,
                 qPrintable(c->chart()->title()));
        const QRectF legend = c->chart()->mapRectToScene(c->chart()->legend()->geometry());
        for (QGraphicsTextItem *text : drawnTexts(*c)) {
            // Qt Charts elides what it thinks too wide ("custom...", "Backlog: total consumer l...").
            QVERIFY2(!text->toPlainText().contains(QStringLiteral("...")) &&
                         !text->toPlainText().contains(QChar(0x2026)),
                     qPrintable(text->toPlainText()));
            // A legend row taller than the legend is cut off at its foot ("none do").
            const QRectF r = text->sceneBoundingRect();
            if (c->chart()->legend()->isVisible() && legend.contains(r.center()))
                QVERIFY2(legend.adjusted(-1, -1, 1, 1).contains(r),
                         qPrintable(QStringLiteral("\"%1\" cut off by the legend").arg(text->toPlainText())));
        }
    }
    QCOMPARE(panel.chart(ChartsPanel::Lag)->chart()->title(), QString("Backlog: consumer lag"));
    // One caption says it for both shops (the same gap since the same second), inside the plot.
    LiveChart *lat = panel.chart(ChartsPanel::LatencyP95);
    QCOMPARE(lat->gapCaptions().size(), 1);
    QVERIFY2(lat->gapCaptions().front().endsWith("since 0:10:00"), qPrintable(lat->gapCaptions().front()));
    QVERIFY2(lat->chart()->plotArea().contains(lat->gapCaptionRect(0)),
             qPrintable(QStringLiteral("caption at %1,%2 %3×%4 in a plot at %5,%6 %7×%8")
                            .arg(lat->gapCaptionRect(0).x())
                            .arg(lat->gapCaptionRect(0).y())
                            .arg(lat->gapCaptionRect(0).width())
                            .arg(lat->gapCaptionRect(0).height())
                            .arg(lat->chart()->plotArea().x())
                            .arg(lat->chart()->plotArea().y())
                            .arg(lat->chart()->plotArea().width())
                            .arg(lat->chart()->plotArea().height())));
    // Given the room, the full words come back.
    panel.resize(1600, 600);
    QApplication::processEvents();
    panel.flush();
    QCOMPARE(panel.chart(ChartsPanel::Lag)->chart()->title(),
             QString("Backlog: total consumer lag (records)"));
    QCOMPARE(lat->variantKeys().front()->name(), QString("customer wait"));
    QVERIFY(lat->chart()->legend()->markers(lat->gapKey()).front()->isVisible());
}

void TestCharts::clusterChartTicksAreRound()
{
    // The cluster window's charts share the time ticks: twelve minutes of watching read
    // "0 min, 2 min … 12 min", ending on a tick.
    postoffice::ui::ClusterChart chart("Consumer lag", "records");
    chart.resize(640, 300);
    for (int t = 0; t <= 700; ++t)
        chart.append("orders/notification", "notification", Qt::blue, Qt::SolidLine, t, t % 50);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.refresh();
    QApplication::processEvents();
    QCOMPARE(chart.timeAxis()->tickType(), QValueAxis::TicksDynamic);
    const QStringList labels = drawnTimeLabels(chart);
    QCOMPARE(labels, QStringList({"0 min", "2 min", "4 min", "6 min", "8 min", "10 min", "12 min"}));
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
