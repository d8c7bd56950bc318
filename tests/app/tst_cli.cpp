// The real `postoffice` binary, driven through QProcess: exit codes and messages, --help on every
// command, run --json, no progress bar when piped (and one on a terminal), export formats, the
// headless fallback without a display, and a run killed with SIGKILL leaving a sound database.

#include "../ProcessRun.h"
#include "RunStore.h"

#include <algorithm>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace postoffice::app;

namespace {

using Result = postoffice::test::ProcessResult;

Result runBinary(const QStringList &args,
                 const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                 int timeoutMs = 240000)
{
    return postoffice::test::runProcess(QStringLiteral(POSTOFFICE_BINARY), args, env, timeoutMs);
}

QString describe(const Result &r)
{
    return r.describe();
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// A scenario file with a small, fast run (the shipped outage scenario, cut short by --duration).
const QString kScenario = QStringLiteral(POSTOFFICE_SOURCE_DIR "/scenarios/notification-outage.json");

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void help_data();
    void help();
    void unknownCommand();
    void validateShipped_data();
    void validateShipped();
    void validateBroken_data();
    void validateBroken();
    void runBadInputWritesNothing_data();
    void runBadInputWritesNothing();
    void runJsonHasTheSummaryKeys();
    void pipedRunHasNoProgressBar();
    void terminalRunHasProgressBar();
    void exportFormats();
    void exportErrors_data();
    void exportErrors();
    void noDisplayRunsDefaultScenarioHeadless();
    void killedRunLeavesSoundDatabase();

private:
    QTemporaryDir m_dir;
};

void TestCli::help_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")}
                            << QStringLiteral("Usage: postoffice [COMMAND]");
    QTest::newRow("help") << QStringList{QStringLiteral("help")} << QStringLiteral("validate SCENARIO");
    QTest::newRow("run") << QStringList{QStringLiteral("run"), QStringLiteral("--help")}
                         << QStringLiteral("Usage: postoffice run [options] scenario");
    QTest::newRow("run -h") << QStringList{QStringLiteral("run"), QStringLiteral("-h")}
                            << QStringLiteral("--duration <S>");
    QTest::newRow("validate") << QStringList{QStringLiteral("validate"), QStringLiteral("--help")}
                              << QStringLiteral("Usage: postoffice validate [options] scenario");
    QTest::newRow("export") << QStringList{QStringLiteral("export"), QStringLiteral("--help")}
                            << QStringLiteral("--ndjson <FILE>");
}

void TestCli::help()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const Result r = runBinary(args);
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QVERIFY2(r.out.contains(expected), qPrintable(describe(r)));
}

void TestCli::unknownCommand()
{
    const Result r = runBinary({QStringLiteral("frobnicate")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(QStringLiteral("unknown command 'frobnicate'")));
    QVERIFY(r.out.isEmpty());
}

void TestCli::validateShipped_data()
{
    QTest::addColumn<QString>("scenario");
    const QDir dir(QStringLiteral(POSTOFFICE_SOURCE_DIR "/scenarios"));
    for (const QString &file : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        if (file.endsWith(QStringLiteral(".schema.json")))
            continue;
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
        // and by name, from the resources compiled into the binary
        QTest::newRow(qPrintable(file.chopped(5))) << file.chopped(5);
        // and by file name alone, as the GUI accepts it (ScenarioLocator serves both)
        QTest::newRow(qPrintable(QStringLiteral("shipped ") + file)) << file;
    }
}

void TestCli::validateShipped()
{
    QFETCH(QString, scenario);
    const Result r = runBinary({QStringLiteral("validate"), scenario});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QCOMPARE(r.out, QStringLiteral("ok\n"));
}

void TestCli::validateBroken_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(POSTOFFICE_FIXTURES_DIR "/broken"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
    if (files.isEmpty())
        QSKIP("no broken fixtures in tests/fixtures/broken");
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
    QTest::newRow("missing file") << m_dir.filePath(QStringLiteral("does-not-exist.json"));
}

void TestCli::validateBroken()
{
    QFETCH(QString, file);
    const Result r = runBinary({QStringLiteral("validate"), file});
    QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
    QVERIFY2(r.out.isEmpty(), qPrintable(describe(r)));
    // every line on stderr is a problem that names the file
    const QStringList lines = r.err.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(!lines.isEmpty());
    QVERIFY2(lines.first().contains(QFileInfo(file).fileName()), qPrintable(describe(r)));
}

void TestCli::runBadInputWritesNothing_data()
{
    QTest::addColumn<QStringList>("args"); // --json and --db are added
    QTest::addColumn<QString>("message");
    const QString broken = QStringLiteral(POSTOFFICE_FIXTURES_DIR "/broken/negative-rate.json");
    QTest::newRow("broken scenario") << QStringList{broken} << QStringLiteral("negative-rate.json");
    QTest::newRow("no such scenario") << QStringList{QStringLiteral("no-such-scenario")}
                                      << QStringLiteral("no scenario file 'no-such-scenario'");
    QTest::newRow("no scenario") << QStringList{} << QStringLiteral("expects exactly one SCENARIO");
    QTest::newRow("negative duration")
        << QStringList{kScenario, QStringLiteral("--duration"), QStringLiteral("-5")}
        << QStringLiteral("--duration expects a positive number");
    QTest::newRow("bad seed") << QStringList{kScenario, QStringLiteral("--seed"), QStringLiteral("abc")}
                              << QStringLiteral("--seed expects a non-negative integer");
    QTest::newRow("bad speed") << QStringList{kScenario, QStringLiteral("--speed"), QStringLiteral("fast")}
                               << QStringLiteral("--speed expects 'max'");
    QTest::newRow("unknown option") << QStringList{kScenario, QStringLiteral("--colour")}
                                    << QStringLiteral("Unknown option 'colour'");
    QTest::newRow("csv into missing dir")
        << QStringList{kScenario, QStringLiteral("--csv"), QStringLiteral("/nonexistent-dir/x.csv")}
        << QStringLiteral("/nonexistent-dir");
}

void TestCli::runBadInputWritesNothing()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("summary.json"));
    const QString db = dir.filePath(QStringLiteral("runs.sqlite"));
    const Result r = runBinary(QStringList{QStringLiteral("run")} + args +
                               QStringList{QStringLiteral("--json"), json, QStringLiteral("--db"), db});
    QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
    QVERIFY2(r.err.contains(message), qPrintable(describe(r)));
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFile::exists(json));
    QVERIFY(!QFile::exists(db));
}

void TestCli::runJsonHasTheSummaryKeys()
{
    const QString json = m_dir.filePath(QStringLiteral("summary.json"));
    const QString db = m_dir.filePath(QStringLiteral("json-run.sqlite"));
    const Result r =
        runBinary({QStringLiteral("run"), kScenario, QStringLiteral("--duration"), QStringLiteral("900"),
                   QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--json"), json,
                   QStringLiteral("--db"), db, QStringLiteral("--quiet")});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QVERIFY2(r.out.isEmpty(), qPrintable(describe(r))); // --quiet: no table
    const QJsonObject s = readJson(json);
    QCOMPARE(s.value(QStringLiteral("scenario")).toString(), QStringLiteral("Notification outage"));
    QCOMPARE(s.value(QStringLiteral("seed")).toInteger(), 7);
    QCOMPARE(s.value(QStringLiteral("duration_s")).toDouble(), 900.0);
    QVERIFY(s.value(QStringLiteral("events_processed")).toInteger() > 0);
    QVERIFY(s.contains(QStringLiteral("wall_s")));
    const QJsonObject archs = s.value(QStringLiteral("architectures")).toObject();
    QCOMPARE(archs.keys(), (QStringList{QStringLiteral("decoupled"), QStringLiteral("tight")}));
    for (const QString &name : archs.keys()) {
        const QJsonObject a = archs.value(name).toObject();
        const QJsonObject orders = a.value(QStringLiteral("orders")).toObject();
        for (const char *key : {"placed", "completed", "failed", "lost", "in_flight"})
            QVERIFY2(orders.contains(QLatin1String(key)), key);
        QCOMPARE(orders.value(QStringLiteral("placed")).toInteger(),
                 orders.value(QStringLiteral("completed")).toInteger() +
                     orders.value(QStringLiteral("failed")).toInteger() +
                     orders.value(QStringLiteral("lost")).toInteger() +
                     orders.value(QStringLiteral("in_flight")).toInteger());
        for (const char *key : {"mean", "p50", "p95", "p99"})
            QVERIFY2(a.value(QStringLiteral("latency_ms")).toObject().contains(QLatin1String(key)), key);
        QVERIFY(a.value(QStringLiteral("conservation_ok")).toBool());
        QVERIFY(!a.value(QStringLiteral("services")).toObject().isEmpty());
    }
    QVERIFY(archs.value(QStringLiteral("decoupled")).toObject().contains(QStringLiteral("groups")));

    // The same summary is what the store kept for the run.
    RunStore store;
    QVERIFY(store.open(db, RunStore::Mode::ReadOnly));
    const auto info = store.run(store.latestRunId().value_or(0));
    QVERIFY(info);
    QCOMPARE(info->status, RunStore::Status::Finished);
    QCOMPARE(info->seed, 7u);
    QCOMPARE(info->flushedSeconds, 900);
    QCOMPARE(info->summary.value(QStringLiteral("architectures")), s.value(QStringLiteral("architectures")));
}

void TestCli::pipedRunHasNoProgressBar()
{
    const QString db = m_dir.filePath(QStringLiteral("piped.sqlite"));
    const Result r =
        runBinary({QStringLiteral("run"), QStringLiteral("notification-outage"), QStringLiteral("--duration"),
                   QStringLiteral("300"), QStringLiteral("--db"), db});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QVERIFY2(!r.err.contains(u'\r') && !r.err.contains(QStringLiteral("[#")), qPrintable(describe(r)));
    // the side-by-side table: a row per figure, a column per architecture
    const QStringList lines = r.out.split(u'\n');
    const auto header = std::find_if(lines.begin(), lines.end(), [](const QString &l) {
        return l.contains(QStringLiteral("tight")) && l.contains(QStringLiteral("decoupled"));
    });
    QVERIFY2(header != lines.end(), qPrintable(describe(r)));
    // the scenario lists tight first, and so does the table (not alphabetically)
    QCOMPARE(header->simplified(), QStringLiteral("tight decoupled"));
    for (const char *row :
         {"orders placed", "orders completed", "orders failed", "orders lost", "orders in flight",
          "customer answer: accepted", "customer answer: rejected", "customer wait p50 (ms)",
          "customer wait p95 (ms)", "customer wait p99 (ms)", "all effects done p50 (ms)",
          "all effects done p95 (ms)", "all effects done p99 (ms)", "most lagging group", "max lag (records)",
          "drain time (s)", "conservation"})
        QVERIFY2(std::count_if(lines.begin(), lines.end(),
                               [&](const QString &l) { return l.startsWith(QLatin1String(row)); }) == 1,
                 row);
    for (const QString &line : lines)
        QVERIFY2(line.size() <= 80, qPrintable(line));
    QVERIFY(r.err.contains(db));
}

void TestCli::terminalRunHasProgressBar()
{
    // `script` gives the child a pseudo-terminal, as an interactive shell would.
    const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
    if (script.isEmpty())
        QSKIP("util-linux 'script' is not installed: no pseudo-terminal to test with");
    const QString db = m_dir.filePath(QStringLiteral("tty.sqlite"));
    const QString command = QStringLiteral("'%1' run '%2' --duration 300 --db '%3'")
                                .arg(QStringLiteral(POSTOFFICE_BINARY), kScenario, db);
    QProcess p;
    p.start(script, {QStringLiteral("-qec"), command, QStringLiteral("/dev/null")});
    QVERIFY(p.waitForFinished(240000));
    QCOMPARE(p.exitCode(), 0);
    const QString output = QString::fromLocal8Bit(p.readAllStandardOutput());
    QVERIFY2(output.contains(QStringLiteral("\r[")) && output.contains(u'#'), qPrintable(output));
    QVERIFY(output.contains(QStringLiteral("orders placed")));
}

void TestCli::exportFormats()
{
    const QString db = m_dir.filePath(QStringLiteral("export.sqlite"));
    for (const char *seed : {"1", "2"}) {
        const Result r = runBinary({QStringLiteral("run"), kScenario, QStringLiteral("--duration"),
                                    QStringLiteral("120"), QStringLiteral("--seed"), QLatin1String(seed),
                                    QStringLiteral("--db"), db, QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    }
    const QString csv = m_dir.filePath(QStringLiteral("latest.csv"));
    const QString json = m_dir.filePath(QStringLiteral("latest.json"));
    const QString ndjson = m_dir.filePath(QStringLiteral("latest.ndjson"));
    const Result r = runBinary({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--csv"),
                                csv, QStringLiteral("--json"), json, QStringLiteral("--ndjson"), ndjson});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QVERIFY2(r.err.isEmpty(), qPrintable(describe(r))); // piped: no progress bar

    // JSON: the latest run (seed 2) by default, with every second and the §8 summary.
    const QJsonObject root = readJson(json);
    QCOMPARE(root.value(QStringLiteral("run")).toObject().value(QStringLiteral("seed")).toInteger(), 2);
    QCOMPARE(root.value(QStringLiteral("samples")).toArray().size(), 120);
    QCOMPARE(root.value(QStringLiteral("summary")).toObject().value(QStringLiteral("seed")).toInteger(), 2);

    // CSV: tidy, five fields, every second present, placed orders never decrease.
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readLine().trimmed(), QByteArray("t_s,architecture,node,metric,value"));
    QSet<qint64> seconds;
    QMap<QString, qint64> lastPlaced;
    while (!f.atEnd()) {
        const QList<QByteArray> fields = f.readLine().trimmed().split(',');
        QCOMPARE(fields.size(), 5);
        seconds.insert(fields[0].toLongLong());
        if (fields[3] == "orders_placed") {
            const QString arch = QString::fromUtf8(fields[1]);
            QVERIFY(fields[4].toLongLong() >= lastPlaced.value(arch));
            lastPlaced[arch] = fields[4].toLongLong();
        }
    }
    QCOMPARE(seconds.size(), 120);
    QCOMPARE(lastPlaced.keys(), (QStringList{QStringLiteral("decoupled"), QStringLiteral("tight")}));

    // NDJSON: one JSON object per line with the ECS fields (narration at least is in every run).
    QFile n(ndjson);
    QVERIFY(n.open(QIODevice::ReadOnly));
    int lines = 0;
    while (!n.atEnd()) {
        const QJsonDocument doc = QJsonDocument::fromJson(n.readLine());
        QVERIFY(doc.isObject());
        const QJsonObject o = doc.object();
        QVERIFY(o.contains(QStringLiteral("@timestamp")));
        QVERIFY(o.value(QStringLiteral("event")).toObject().contains(QStringLiteral("action")));
        QVERIFY(o.value(QStringLiteral("labels")).toObject().contains(QStringLiteral("architecture")));
        QVERIFY(o.contains(QStringLiteral("message")));
        ++lines;
    }
    QCOMPARE(lines, root.value(QStringLiteral("events")).toArray().size());

    // --run picks an older run.
    const QString first = m_dir.filePath(QStringLiteral("first.json"));
    const Result r1 =
        runBinary({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--run"),
                   QStringLiteral("1"), QStringLiteral("--json"), first});
    QVERIFY2(r1.exitCode == 0, qPrintable(describe(r1)));
    QCOMPARE(
        readJson(first).value(QStringLiteral("run")).toObject().value(QStringLiteral("seed")).toInteger(), 1);
}

void TestCli::exportErrors_data()
{
    QTest::addColumn<QStringList>("args"); // "DB" stands for a good database, "GARBAGE" for a text file
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString out = QStringLiteral("OUT");
    QTest::newRow("no db") << QStringList{QStringLiteral("--csv"), out} << 2
                           << QStringLiteral("--db FILE is required");
    QTest::newRow("no output") << QStringList{QStringLiteral("--db"), QStringLiteral("DB")} << 2
                               << QStringLiteral("nothing to write");
    QTest::newRow("missing db") << QStringList{QStringLiteral("--db"), QStringLiteral("MISSING"),
                                               QStringLiteral("--csv"), out}
                                << 2 << QStringLiteral("no such file");
    QTest::newRow("garbage db") << QStringList{QStringLiteral("--db"), QStringLiteral("GARBAGE"),
                                               QStringLiteral("--csv"), out}
                                << 2 << QStringLiteral("not a PostOffice run database");
    QTest::newRow("no such run") << QStringList{QStringLiteral("--db"),  QStringLiteral("DB"),
                                                QStringLiteral("--run"), QStringLiteral("999"),
                                                QStringLiteral("--csv"), out}
                                 << 2 << QStringLiteral("has no run 999");
    QTest::newRow("bad run id") << QStringList{QStringLiteral("--db"),  QStringLiteral("DB"),
                                               QStringLiteral("--run"), QStringLiteral("x"),
                                               QStringLiteral("--csv"), out}
                                << 2 << QStringLiteral("--run expects a positive run id");
}

void TestCli::exportErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("runs.sqlite"));
    const QString garbage = dir.filePath(QStringLiteral("garbage.sqlite"));
    const QString out = dir.filePath(QStringLiteral("out.csv"));
    {
        RunStore store; // a valid, empty run database
        QVERIFY(store.open(db));
    }
    QFile g(garbage);
    QVERIFY(g.open(QIODevice::WriteOnly) && g.write(QByteArray(8192, 'x')) == 8192);
    g.close();
    for (QString &a : args) {
        if (a == QLatin1String("DB"))
            a = db;
        else if (a == QLatin1String("GARBAGE"))
            a = garbage;
        else if (a == QLatin1String("MISSING"))
            a = dir.filePath(QStringLiteral("missing.sqlite"));
        else if (a == QLatin1String("OUT"))
            a = out;
    }
    const Result r = runBinary(QStringList{QStringLiteral("export")} + args);
    QVERIFY2(r.exitCode == exitCode, qPrintable(describe(r)));
    QVERIFY2(r.err.contains(message), qPrintable(describe(r)));
    QVERIFY(!QFile::exists(out));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("missing.sqlite"))));
}

void TestCli::noDisplayRunsDefaultScenarioHeadless()
{
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.insert(QStringLiteral("HOME"), home.path()); // the default run database goes here, not in ~
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    const Result r = runBinary({}, env);
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    const QStringList errLines = r.err.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(!errLines.isEmpty() && errLines.first().contains(QStringLiteral("no display")) &&
                 errLines.first().contains(QStringLiteral("notification-outage")),
             qPrintable(describe(r)));
    QCOMPARE(r.err.count(QStringLiteral("no display")), 1);
    QVERIFY2(r.out.contains(QStringLiteral("orders placed")), qPrintable(describe(r)));
    QVERIFY(QFile::exists(home.filePath(QStringLiteral("data/postoffice/runs.sqlite"))));
}

void TestCli::killedRunLeavesSoundDatabase()
{
    const QString db = m_dir.filePath(QStringLiteral("killed.sqlite"));
    QProcess p;
    p.start(QStringLiteral(POSTOFFICE_BINARY),
            {QStringLiteral("run"), kScenario, QStringLiteral("--duration"), QStringLiteral("864000"),
             QStringLiteral("--db"), db, QStringLiteral("--quiet")});
    QVERIFY(p.waitForStarted());

    // Wait until a few batches are on disk, reading through a second connection as a user would.
    qint64 seen = 0;
    for (int i = 0; i < 1200 && seen < 300; ++i) {
        QTest::qWait(50);
        QVERIFY2(p.state() == QProcess::Running, p.readAllStandardError().constData());
        RunStore reader;
        if (reader.open(db, RunStore::Mode::ReadOnly, 100))
            if (const auto runs = reader.runs(); runs && !runs->isEmpty())
                seen = runs->last().flushedSeconds;
    }
    QVERIFY2(seen >= 300, "the run never flushed 300 seconds");
    p.kill(); // SIGKILL: no handler runs, no last flush
    QVERIFY(p.waitForFinished());
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);

    RunStore store;
    QVERIFY2(store.open(db), qPrintable(store.errorString())); // even for writing
    QCOMPARE(store.integrityCheck().value_or(QString()), QStringLiteral("ok"));
    const auto runs = store.runs();
    QVERIFY(runs && runs->size() == 1);
    const RunStore::RunInfo run = runs->first();
    QCOMPARE(run.status, RunStore::Status::Running); // nobody could mark it: it was killed
    QVERIFY(run.flushedSeconds >= seen);
    QVERIFY(run.flushedSeconds < 864000);

    // Seconds 1..flushed_s, each complete (the same rows as every other), nothing later.
    qint64 expectedT = 1;
    std::optional<std::size_t> rowsPerSecond;
    bool ok = store.forEachSecond(run.id, [&](const RunStore::Second &s) {
        const std::size_t rows = s.nodes.size() + s.lags.size() + s.orders.size();
        if (!rowsPerSecond)
            rowsPerSecond = rows;
        if (s.t_s != expectedT || rows != *rowsPerSecond || s.orders.size() != 2)
            return false;
        ++expectedT;
        return true;
    });
    QVERIFY2(ok, qPrintable(QStringLiteral("second %1 is incomplete or out of order").arg(expectedT)));
    QCOMPARE(expectedT - 1, run.flushedSeconds);
    QVERIFY(rowsPerSecond.value_or(0) > 2);

    // And the killed run exports like any other.
    const QString csv = m_dir.filePath(QStringLiteral("killed.csv"));
    const Result r =
        runBinary({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--csv"), csv});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QVERIFY(QFileInfo(csv).size() > 0);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
