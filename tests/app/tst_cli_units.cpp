// The command line's parts on their own: the progress bar's text and its silence when disabled,
// the summary table's text (column order, widths, absent figures, 80 columns for 2-4
// architectures), and scenario name resolution.

#include "ProgressBar.h"
#include "ScenarioLocator.h"
#include "SummaryTable.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace postoffice::app;

namespace {

QByteArray written(FILE *f)
{
    std::fflush(f);
    const long size = std::ftell(f);
    std::rewind(f);
    QByteArray bytes(size, '\0');
    const size_t read = std::fread(bytes.data(), 1, size_t(size), f);
    bytes.resize(qsizetype(read));
    return bytes;
}

ArchitectureSummary architecture(const QString &name)
{
    ArchitectureSummary a;
    a.name = name;
    a.placed = 1000;
    a.completed = 990;
    a.failed = 7;
    a.lost = 0;
    a.in_flight = 3;
    a.latency.count = 990;
    a.latency.p50 = 12.34;
    a.latency.p95 = 80.0;
    a.latency.p99 = 150.5;
    a.conservation_ok = true;
    ServiceSummary s1, s2;
    s1.failed = 4;
    s2.failed = 5;
    a.services = {s1, s2};
    return a;
}

} // namespace

class TestCliUnits : public QObject
{
    Q_OBJECT

private slots:
    void progressRender_data();
    void progressRender();
    void disabledProgressWritesNothing();
    void enabledProgressRedrawsInPlace();
    void summaryTable();
    void summaryTableFitsEightyColumns_data();
    void summaryTableFitsEightyColumns();
    void resolveScenario();
};

void TestCliUnits::progressRender_data()
{
    QTest::addColumn<double>("fraction");
    QTest::addColumn<QString>("expected");
    QTest::newRow("start") << 0.0 << QStringLiteral("[..........]   0%  t=0 s");
    QTest::newRow("half") << 0.5 << QStringLiteral("[#####.....]  50%  t=0 s");
    QTest::newRow("almost") << 0.999 << QStringLiteral("[#########.]  99%  t=0 s");
    QTest::newRow("done") << 1.0 << QStringLiteral("[##########] 100%  t=0 s");
    QTest::newRow("beyond") << 7.0 << QStringLiteral("[##########] 100%  t=0 s");
    QTest::newRow("nan") << std::nan("") << QStringLiteral("[..........]   0%  t=0 s");
}

void TestCliUnits::progressRender()
{
    QFETCH(double, fraction);
    QFETCH(QString, expected);
    QCOMPARE(ProgressBar::render(fraction, QStringLiteral("t=0 s"), 10), expected);
}

void TestCliUnits::disabledProgressWritesNothing()
{
    FILE *f = std::tmpfile();
    QVERIFY(f);
    {
        ProgressBar bar(f, false);
        bar.update(0.5, QStringLiteral("x"), true);
        bar.finish();
    }
    QCOMPARE(written(f), QByteArray());
    std::fclose(f);
}

void TestCliUnits::enabledProgressRedrawsInPlace()
{
    FILE *f = std::tmpfile();
    QVERIFY(f);
    {
        ProgressBar bar(f, true);
        bar.update(0.25, QStringLiteral("a long detail"), true);
        bar.update(0.5, QStringLiteral("short"), true);
        bar.update(0.75, QStringLiteral("skipped"), false); // within 100 ms of the last draw
    }
    const QByteArray out = written(f);
    std::fclose(f);
    QVERIFY(!out.contains('\n')); // one line, redrawn with carriage returns
    QCOMPARE(out.count('\r'), 4); // two draws, then the clearing finish: "\r   \r"
    QVERIFY(out.contains("a long detail"));
    QVERIFY(out.contains("short"));
    QVERIFY(!out.contains("skipped"));
    QVERIFY(out.endsWith('\r'));
}

void TestCliUnits::summaryTable()
{
    RunSummary summary;
    summary.scenario = QStringLiteral("Outage");
    summary.seed = 9;
    summary.duration_s = 600;
    ArchitectureSummary tight = architecture(QStringLiteral("tight"));
    tight.response_latency = {1000, 300.0, 250.0, 900.5, 1800.0};
    tight.accepted = 993;
    tight.rejected = 7;
    ArchitectureSummary decoupled = architecture(QStringLiteral("decoupled"));
    decoupled.response_latency = {1000, 5.0, 4.96, 6.0, 9.24};
    decoupled.accepted = 1000;
    decoupled.rejected = 0;
    GroupSummary small{QStringLiteral("analytics"), 40, 0, 3.0};
    GroupSummary big{QStringLiteral("notification"), 12034, 500, std::nullopt};
    decoupled.groups = {small, big};
    decoupled.conservation_ok = false;
    summary.architectures = {tight, decoupled}; // the scenario's order, not alphabetical

    // Columns as wide as their widest cell ("notification"), numbers right-aligned, the group
    // with the largest backlog on its own row so that no cell spills into the next.
    const QString expected = QStringLiteral("Outage (seed 9, 600 s simulated)\n"
                                            "                            tight     decoupled\n"
                                            "\n"
                                            "orders placed                1000          1000\n"
                                            "orders completed              990           990\n"
                                            "orders failed                   7             7\n"
                                            "orders lost                     0             0\n"
                                            "orders in flight                3             3\n"
                                            "service failures                9             9\n"
                                            "\n"
                                            "customer answer: accepted     993          1000\n"
                                            "customer answer: rejected       7             0\n"
                                            "customer wait p50 (ms)      250.0           5.0\n"
                                            "customer wait p95 (ms)      900.5           6.0\n"
                                            "customer wait p99 (ms)     1800.0           9.2\n"
                                            "\n"
                                            "all effects done p50 (ms)    12.3          12.3\n"
                                            "all effects done p95 (ms)    80.0          80.0\n"
                                            "all effects done p99 (ms)   150.5         150.5\n"
                                            "\n"
                                            "most lagging group              -  notification\n"
                                            "max lag (records)               -         12034\n"
                                            "drain time (s)                  -   not drained\n"
                                            "\n"
                                            "conservation                   ok      VIOLATED\n");
    QCOMPARE(SummaryTable::format(summary), expected);
}

void TestCliUnits::summaryTableFitsEightyColumns_data()
{
    // The shipped scenarios' shapes: their architecture and group names.
    QTest::addColumn<QStringList>("architectures");
    QTest::addColumn<QString>("group");
    QTest::newRow("2") << QStringList{"tight", "decoupled"} << QStringLiteral("orders-per-minute");
    QTest::newRow("3") << QStringList{"tight", "decoupled", "decoupled-acks1"}
                       << QStringLiteral("notification");
    QTest::newRow("4") << QStringList{"tight", "decoupled", "decoupled-3", "decoupled-7"}
                       << QStringLiteral("fulfillment");
}

void TestCliUnits::summaryTableFitsEightyColumns()
{
    // Figures as large as a shop-day gives: hours of lag in the latency, six-digit counts.
    QFETCH(QStringList, architectures);
    QFETCH(QString, group);
    RunSummary summary;
    summary.scenario = QStringLiteral("Consumer scaling");
    summary.duration_s = 86400;
    for (const QString &name : architectures) {
        ArchitectureSummary a = architecture(name);
        a.placed = 8640000;
        a.latency = {8640000, 1.0e6, 1234567.8, 5400000.0, 7200000.5};
        a.response_latency = {8640000, 20.0, 12.5, 88.25, 3012.5};
        a.groups = {{group, 1234567, 0, 86399.0}};
        summary.architectures.push_back(a);
    }
    const QStringList lines = SummaryTable::format(summary).split(u'\n');
    const QStringList header = lines[1].simplified().split(u' ');
    QCOMPARE(header, architectures); // in the given order
    for (const QString &line : lines)
        QVERIFY2(line.size() <= 80, qPrintable(QStringLiteral("%1 columns: %2").arg(line.size()).arg(line)));
    // Every non-blank line ends where the last column ends: nothing spills over.
    for (const QString &line : lines.mid(1))
        if (!line.isEmpty())
            QCOMPARE(line.size(), lines[1].size());
}

void TestCliUnits::resolveScenario()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("mine.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QCOMPARE(ScenarioLocator::resolve(file), file); // a file wins
    QCOMPARE(ScenarioLocator::resolve(QStringLiteral("nope")),
             QStringLiteral("nope")); // unchanged: caller reports it
    QCOMPARE(ScenarioLocator::resolve(QString()), QString());
    QCOMPARE(ScenarioLocator::resolve(dir.path()), dir.path()); // a folder is not a scenario
    // A path that does not exist is never swapped for a shipped scenario of the same base name.
    QCOMPARE(ScenarioLocator::resolve(QStringLiteral("some/where/baseline.json")),
             QStringLiteral("some/where/baseline.json"));
    // Run from the build folder (nothing installed beside it), the shipped scenarios are the
    // source tree's: they are found by name, and never saved over.
    const QString shipped = QStringLiteral(POSTOFFICE_SOURCE_DIR "/scenarios/baseline.json");
    QCOMPARE(ScenarioLocator::shippedPath(QStringLiteral("baseline")), shipped);
    QVERIFY(ScenarioLocator::shippedNames().contains(QStringLiteral("baseline")));
    QVERIFY(!ScenarioLocator::shippedNames().contains(QStringLiteral("scenario.schema")));
    QCOMPARE(ScenarioLocator::resolve(QStringLiteral("baseline")), shipped);
    QCOMPARE(ScenarioLocator::resolve(QStringLiteral("baseline.json")), shipped);
    QVERIFY(ScenarioLocator::isShipped(shipped));
    QVERIFY(ScenarioLocator::isShipped(QStringLiteral(":/scenarios/baseline.json")));
    QVERIFY(!ScenarioLocator::isShipped(file));
}

QTEST_GUILESS_MAIN(TestCliUnits)
#include "tst_cli_units.moc"
