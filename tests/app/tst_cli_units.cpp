// The command line's parts on their own: the progress bar's text and its silence when disabled,
// the summary table's layout and how it shows absent figures, and scenario name resolution.

#include "Cli.h"
#include "ProgressBar.h"
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
    ArchitectureSummary decoupled = architecture(QStringLiteral("decoupled"));
    GroupSummary small{QStringLiteral("analytics"), 40, 0, 3.0};
    GroupSummary big{QStringLiteral("notification"), 12000, 500, std::nullopt};
    decoupled.groups = {small, big};
    decoupled.conservation_ok = false;
    summary.architectures = {tight, decoupled};

    const QStringList lines = SummaryTable::format(summary).split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(lines[0].contains(QStringLiteral("Outage")) && lines[0].contains(QStringLiteral("seed 9")));
    auto row = [&](const QString &label) {
        for (const QString &l : lines)
            if (l.startsWith(label))
                return l.mid(label.size()).simplified().split(u' ');
        return QStringList();
    };
    QCOMPARE(lines[1].simplified(), QStringLiteral("tight decoupled"));
    QCOMPARE(row(QStringLiteral("orders placed")),
             (QStringList{QStringLiteral("1000"), QStringLiteral("1000")}));
    QCOMPARE(row(QStringLiteral("orders in flight")),
             (QStringList{QStringLiteral("3"), QStringLiteral("3")}));
    QCOMPARE(row(QStringLiteral("service failures")),
             (QStringList{QStringLiteral("9"), QStringLiteral("9")}));
    QCOMPARE(row(QStringLiteral("latency p50 (ms)")),
             (QStringList{QStringLiteral("12.3"), QStringLiteral("12.3")}));
    QCOMPARE(row(QStringLiteral("latency p99 (ms)")),
             (QStringList{QStringLiteral("150.5"), QStringLiteral("150.5")}));
    // the group with the largest backlog; none at all in tight
    QCOMPARE(row(QStringLiteral("max lag (records)")),
             (QStringList{QStringLiteral("-"), QStringLiteral("12000"), QStringLiteral("(notification)")}));
    QCOMPARE(row(QStringLiteral("drain time (s)")),
             (QStringList{QStringLiteral("-"), QStringLiteral("not"), QStringLiteral("drained")}));
    QCOMPARE(row(QStringLiteral("conservation")),
             (QStringList{QStringLiteral("ok"), QStringLiteral("VIOLATED")}));
    // columns line up: every line as wide as the header's columns demand
    for (const QString &l : lines.mid(1))
        QCOMPARE(l.size(), lines[1].size());
}

void TestCliUnits::resolveScenario()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("mine.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QCOMPARE(Cli::resolveScenario(file), file); // a file wins
    QCOMPARE(Cli::resolveScenario(QStringLiteral("nope")),
             QStringLiteral("nope")); // unchanged: caller reports it
}

QTEST_GUILESS_MAIN(TestCliUnits)
#include "tst_cli_units.moc"
