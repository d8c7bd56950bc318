// The chart panel on its own: both architectures on shared axes, rate-limited redraws through
// replace(), peaks kept by decimation, a window that follows the clock, zoom, and export.
#include "ChartsPanel.h"
#include "LiveChart.h"

#include <QImage>
#include <QLineSeries>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>
#include <QWheelEvent>

using postoffice::ui::ChartsPanel;
using postoffice::ui::LiveChart;

class TestCharts : public QObject
{
    Q_OBJECT
private slots:
    void bothArchitecturesShareAxes();
    void redrawIsBatched();
    void decimationKeepsPeaks();
    void windowFollowsClock_data();
    void windowFollowsClock();
    void wheelZooms();
    void exportWritesFile_data();
    void exportWritesFile();
    void exportRejectsUnknownFormat();
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
    QCOMPARE(tp->chart()->series().size(), 4);
    QCOMPARE(tp->series(tp->lineIndex(1, 0))->name(), QString("Decoupled accepted"));
    QCOMPARE(tp->series(tp->lineIndex(1, 1))->name(), QString("Decoupled completed"));
    QCOMPARE(tp->series(tp->lineIndex(1, 1))->pen().style(), Qt::DashLine);
    QCOMPARE(tp->series(tp->lineIndex(1, 1))->pen().color(), tp->series(tp->lineIndex(1, 0))->pen().color());
    QCOMPARE(tp->series(tp->lineIndex(1, 1))->count(), 30);
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

void TestCharts::decimationKeepsPeaks()
{
    LiveChart chart("lag", "records");
    chart.setArchitectures({"decoupled"});
    for (int t = 0; t < 100000; ++t)
        chart.append(0, t, t == 54321 ? 9999 : 10);
    chart.setWindow(0, 100000);
    chart.refresh();
    QLineSeries *s = chart.series(0);
    QVERIFY(s->count() <= LiveChart::maxPointsPerSeries);
    double top = 0;
    for (const QPointF &p : s->points())
        top = std::max(top, p.y());
    QCOMPARE(top, 9999.0);
    // Points stay in time order after decimation.
    const QList<QPointF> pts = s->points();
    for (qsizetype i = 1; i < pts.size(); ++i)
        QVERIFY(pts[i].x() >= pts[i - 1].x());
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
    for (int t = 0; t <= int(clock); ++t)
        panel.append(ChartsPanel::Throughput, 0, t, 1);
    panel.setWindowSeconds(window);
    panel.setClock(clock);
    panel.flush();
    QValueAxis *x = panel.chart(ChartsPanel::Throughput)->timeAxis();
    QCOMPARE(x->min(), axisMin);
    QCOMPARE(x->max(), axisMax);
    QCOMPARE(x->titleText(), axisTitle);
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
    }
}

void TestCharts::exportRejectsUnknownFormat()
{
    LiveChart chart("x", "y");
    QString error;
    QVERIFY(!chart.exportTo("/tmp/chart.bmpx", &error));
    QVERIFY(error.contains("/tmp/chart.bmpx"));
    QVERIFY(error.contains("bmpx"));
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
