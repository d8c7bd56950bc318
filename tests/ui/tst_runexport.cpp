// File ▸ Export run…: the live run of a shipped scenario written as CSV, JSON, NDJSON and a copy of
// its SQLite database, read back and compared with the run; errors name the file; a cancelled
// export leaves no half-written file behind.
#include "Gui.h"
#include "LiveRunBinder.h"
#include "MainWindow.h"
#include "RunArchive.h"
#include "RunExporter.h"
#include "RunStore.h"
#include "Simulation.h"
#include "SimulationController.h"

#include <QAction>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace postoffice;
using ui::RunExporter;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void exportsEveryFormatOfTheLiveRun();
    void restartedRunExportsOnlyTheNewRun();
    void unwritableFolderNamesTheFile();
    void writeFailureMidFileNamesItAndLeavesNothing();
    void cancelLeavesNoHalfWrittenFile_data();
    void cancelLeavesNoHalfWrittenFile();

private:
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<ui::LiveRunBinder> m_binder;
};

void TestExport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("PostOfficeTests");
    QCoreApplication::setApplicationName("tst_runexport");
}

void TestExport::init()
{
    m_window = std::make_unique<ui::MainWindow>();
    QString error;
    QVERIFY2(m_window->openFile(ui::resolveScenario("notification-outage"), &error), qPrintable(error));
    m_binder = std::make_unique<ui::LiveRunBinder>(m_window.get());
    QVERIFY(m_binder->archive()->isOk());
}

void TestExport::cleanup()
{
    m_binder.reset();
    m_window.reset();
}

void TestExport::exportsEveryFormatOfTheLiveRun()
{
    QVERIFY(m_window->fileMenu()->actions().contains(m_binder->exportAction()));
    ui::SimulationController *c = m_binder->controller();
    c->advanceTo(120);
    QTemporaryDir dir;
    const QString base = dir.filePath("outage");
    QString error;
    QVERIFY2(m_binder->exportRun(base, RunExporter::allFormats, &error), qPrintable(error));
    QVERIFY(error.isEmpty());

    // CSV: one row per second and metric, every second of the run so far, both architectures.
    const QList<QByteArray> csv = readAll(base + ".csv").split('\n');
    QCOMPARE(csv.value(0), QByteArray("t_s,architecture,node,metric,value"));
    QSet<QByteArray> seconds, architectures;
    qint64 completedAt120 = -1;
    for (const QByteArray &line : csv.mid(1)) {
        if (line.isEmpty())
            continue;
        const QList<QByteArray> f = line.split(',');
        QCOMPARE(f.size(), 5);
        seconds.insert(f[0]);
        architectures.insert(f[1]);
        if (f[0] == "120" && f[1] == "decoupled" && f[3] == "orders_completed")
            completedAt120 = f[4].toLongLong();
    }
    QCOMPARE(seconds.size(), 120);
    QCOMPARE(architectures, (QSet<QByteArray>{"tight", "decoupled"}));
    QVERIFY(completedAt120 > 0);

    // JSON: the run's samples, second by second, and the scenario it ran.
    const QJsonObject json = QJsonDocument::fromJson(readAll(base + ".json")).object();
    QCOMPARE(json["samples"].toArray().size(), 120);
    QCOMPARE(json["samples"].toArray().last().toObject()["t_s"].toInt(), 120);
    QCOMPARE(json["run"].toObject()["scenario"].toString(), c->scenario().name);
    QCOMPARE(json["scenario"].toObject()["name"].toString(), c->scenario().name);

    // NDJSON: one ECS event per line, as many as the run store holds.
    app::RunStore live;
    QVERIFY(live.open(m_binder->archive()->databasePath(), app::RunStore::Mode::ReadOnly));
    const auto liveCounts = live.rowCounts(m_binder->archive()->runId());
    QVERIFY(liveCounts && liveCounts->events > 0);
    const QList<QByteArray> lines = readAll(base + ".events.ndjson").trimmed().split('\n');
    QCOMPARE(qint64(lines.size()), liveCounts->events);
    for (const QByteArray &line : lines) {
        const QJsonObject e = QJsonDocument::fromJson(line).object();
        QVERIFY2(e.contains("@timestamp") && e.contains("message"), line.constData());
    }

    // SQLite: a database `postoffice export --db` reads, with exactly the rows of the live run.
    app::RunStore copy;
    QVERIFY2(copy.open(base + ".sqlite", app::RunStore::Mode::ReadOnly), qPrintable(copy.errorString()));
    const auto runs = copy.runs();
    QVERIFY(runs && runs->size() == 1);
    QCOMPARE(runs->first().flushedSeconds, qint64(120));
    const auto copied = copy.rowCounts(runs->first().id);
    QVERIFY(copied);
    QCOMPARE(copied->nodes, liveCounts->nodes);
    QCOMPARE(copied->lags, liveCounts->lags);
    QCOMPARE(copied->orders, liveCounts->orders);
    QCOMPARE(copied->events, liveCounts->events);
    QCOMPARE(copy.integrityCheck().value_or(QString()), QString("ok"));
}

void TestExport::restartedRunExportsOnlyTheNewRun()
{
    ui::SimulationController *c = m_binder->controller();
    c->advanceTo(300);
    c->reset();
    c->advanceTo(30);
    QTemporaryDir dir;
    QString error;
    QVERIFY2(m_binder->exportRun(dir.filePath("again"), RunExporter::Json, &error), qPrintable(error));
    const QJsonObject json = QJsonDocument::fromJson(readAll(dir.filePath("again.json"))).object();
    QCOMPARE(json["samples"].toArray().size(), 30);
    QVERIFY(!QFile::exists(dir.filePath("again.csv")));
}

void TestExport::unwritableFolderNamesTheFile()
{
    m_binder->controller()->advanceTo(10);
    QTemporaryDir dir;
    const QString blocker = dir.filePath("not-a-folder");
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const QString base = blocker + "/run";
    for (RunExporter::Format format : {RunExporter::Csv, RunExporter::Sqlite}) {
        QString error;
        QVERIFY(!m_binder->exportRun(base, format, &error));
        QVERIFY2(error.contains(RunExporter::pathFor(base, format)), qPrintable(error));
    }
}

void TestExport::writeFailureMidFileNamesItAndLeavesNothing()
{
    // A full disk, as near as a test can get without mounting one: a file size limit makes the
    // write fail part way through (EFBIG instead of ENOSPC, the same failed write for Qt).
    m_binder->controller()->advanceTo(1200);
    QVERIFY(m_binder->archive()->flush()); // nothing left for the recorder to write meanwhile
    QTemporaryDir dir;
    const QString base = dir.filePath("full");
    rlimit saved{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto previous = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = saved;
    small.rlim_cur = 64 * 1024;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    QString error;
    const bool ok = m_binder->exportRun(base, RunExporter::Csv, &error);
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previous);
    QVERIFY(!ok);
    QVERIFY2(error.contains(base + ".csv"), qPrintable(error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
}

void TestExport::cancelLeavesNoHalfWrittenFile_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("complete"); // files finished before the cancel
    QTest::newRow("csv") << int(RunExporter::Csv) << 0;
    QTest::newRow("sqlite") << int(RunExporter::Sqlite) << 0;
    QTest::newRow("json after csv") << int(RunExporter::Csv | RunExporter::Json) << 1;
}

void TestExport::cancelLeavesNoHalfWrittenFile()
{
    QFETCH(int, format);
    QFETCH(int, complete);
    m_binder->controller()->advanceTo(60);
    QVERIFY(m_binder->archive()->flush());
    app::RunStore reader;
    QVERIFY(reader.open(m_binder->archive()->databasePath(), app::RunStore::Mode::ReadOnly));
    QTemporaryDir dir;
    const QString base = dir.filePath("cancelled");
    RunExporter exporter(reader, m_binder->archive()->runId());
    // Cancel as soon as the last chosen file has started to be written.
    const RunExporter::Format last =
        format & RunExporter::Json ? RunExporter::Json : RunExporter::Format(format);
    const QString lastPath = RunExporter::pathFor(base, last);
    int lastReports = 0;
    connect(&exporter, &RunExporter::progress, &exporter, [&](int, const QString &label) {
        if (label.contains(QFileInfo(lastPath).fileName()) && ++lastReports == 2)
            exporter.cancel();
    });
    QVERIFY(!exporter.exportTo(base, RunExporter::Formats(format)));
    QVERIFY(exporter.wasCancelled());
    QVERIFY(lastReports >= 2);
    QCOMPARE(exporter.writtenFiles().size(), complete);
    // Only complete files remain: no partial target, no temporary file.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), complete);
    QVERIFY(!QFile::exists(lastPath));
}

QTEST_MAIN(TestExport)
#include "tst_runexport.moc"
