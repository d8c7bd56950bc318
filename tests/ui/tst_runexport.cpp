// File ▸ Export run…: the live run of a shipped scenario written as CSV, JSON, NDJSON and a copy of
// its SQLite database, read back and compared with the run; errors name the file; a cancelled
// export leaves no half-written file behind.
#include "Gui.h"
#include "LiveRunBinder.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "ModalDriver.h"
#include "RunArchive.h"
#include "RunExporter.h"
#include "RunStore.h"
#include "Simulation.h"
#include "SimulationController.h"

#include <QAction>
#include <QFileInfo>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QLineEdit>
#include <QMenu>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace postoffice;
using ui::RunExporter;

namespace {

// A folder for the file dialog to browse: beside the test binary, not in /tmp, whose neighbours
// (other programs' FIFOs) could block Qt 6.4's file dialog while it sniffs file types.
QString dialogFolderTemplate()
{
    return QCoreApplication::applicationDirPath() + "/runexport-XXXXXX";
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QAction *fileMenuAction(ui::MainWindow &window, const QString &text)
{
    for (QAction *a : window.fileMenu()->actions())
        if (a->text() == text)
            return a;
    return nullptr;
}

// Answers File ▸ Export Run…'s file dialog with `path` and the name filter that mentions
// `pattern`; records the path the dialog ends up with.
uitest::ModalDriver::Handler saveAs(const QString &path, const QString &pattern, QStringList *chosen)
{
    return [=](QWidget *modal) {
        auto *dialog = qobject_cast<QFileDialog *>(modal);
        if (!dialog)
            return false;
        for (const QString &filter : dialog->nameFilters())
            if (filter.contains(pattern))
                dialog->selectNameFilter(filter);
        dialog->selectFile(path);
        // selectFile() leaves the name alone while its field has the keyboard focus, which the
        // dialog takes whenever it is activated before this runs; type the name as a user would.
        if (auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit")))
            name->setText(QFileInfo(path).fileName());
        *chosen = dialog->selectedFiles();
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog's own accept(), as its Save button

        return true;
    };
}

// Takes the text of the next message box and closes it.
uitest::ModalDriver::Handler readMessage(QString *text)
{
    return [=](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        if (!box)
            return false;
        *text = box->text();
        box->accept();
        return true;
    };
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
    void exportMenuWritesTheChosenCsv();
    void exportMenuRefusedFolderSaysWhichFile();
    void exportMenuWithoutARunDatabaseSaysWhy();
    void pausedRunExportsItsSummarySoFar();
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
    // Qt's file dialog lists the folders it remembers, and Qt 6.4 sniffs every file's content
    // there (a FIFO or /proc/kmsg blocks it): start each run with no memory of earlier ones.
    QSettings(QSettings::UserScope, "QtProject").remove("FileDialog");
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

void TestExport::exportMenuWritesTheChosenCsv()
{
    m_binder->controller()->advanceTo(45);
    QTemporaryDir dir(dialogFolderTemplate());
    const QString path = dir.filePath("from-menu.csv");
    QAction *action = fileMenuAction(*m_window, "&Export Run…");
    QVERIFY(action);
    QCOMPARE(action, m_binder->exportAction());
    uitest::ModalDriver driver;
    QStringList chosen;
    driver.expect(saveAs(path, "*.csv", &chosen));
    action->trigger(); // returns once the dialog is answered and the export done
    QVERIFY(driver.allHandled());
    QVERIFY2(driver.unexpected().isEmpty(), qPrintable(driver.unexpected().join('\n')));
    QCOMPARE(chosen, QStringList{path});

    // Only the CSV (the filter chosen), with every second played so far.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"from-menu.csv"});
    const QList<QByteArray> lines = readAll(path).trimmed().split('\n');
    QCOMPARE(lines.value(0), QByteArray("t_s,architecture,node,metric,value"));
    QSet<QByteArray> seconds;
    for (const QByteArray &line : lines.mid(1))
        seconds.insert(line.split(',').value(0));
    QCOMPARE(seconds.size(), 45);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(path),
             qPrintable(m_window->statusBar()->currentMessage()));
}

void TestExport::exportMenuRefusedFolderSaysWhichFile()
{
    // A folder nobody can write into, root included: its name is taken by a file.
    QTemporaryDir dir(dialogFolderTemplate());
    QFile blocker(dir.filePath("not-a-folder"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString path = dir.filePath("not-a-folder/export.csv");
    m_binder->controller()->advanceTo(10);
    ui::ScenarioDocument *before = m_window->currentDocument();
    uitest::ModalDriver driver;
    QStringList chosen;
    QString message;
    driver.expect(saveAs(path, "*.csv", &chosen));
    driver.expect(readMessage(&message));
    m_binder->exportAction()->trigger();
    QVERIFY(driver.allHandled());
    QVERIFY2(driver.unexpected().isEmpty(), qPrintable(driver.unexpected().join('\n')));
    QCOMPARE(chosen, QStringList{path});
    QVERIFY2(message.contains(path), qPrintable(message));
    QVERIFY2(m_window->statusBar()->currentMessage().contains(path),
             qPrintable(m_window->statusBar()->currentMessage()));
    QVERIFY(!QFile::exists(path));
    // Nothing else changed: same scenario, the run goes on from where it was.
    QCOMPARE(m_window->currentDocument(), before);
    QCOMPARE(m_binder->controller()->now(), 10.0);
    m_binder->controller()->advanceTo(20);
    QCOMPARE(m_binder->controller()->now(), 20.0);
}

void TestExport::exportMenuWithoutARunDatabaseSaysWhy()
{
    // The run database lives in the temporary folder; when that cannot hold one, the export says
    // so, naming the folder, and the window goes on working.
    QTemporaryDir dir(dialogFolderTemplate());
    const QString blocker = dir.filePath("not-a-folder");
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const QByteArray savedTmp = qgetenv("TMPDIR");
    qputenv("TMPDIR", blocker.toLocal8Bit());
    ui::LiveWindow live;
    QString error;
    const bool opened = live.open("notification-outage", &error);
    if (savedTmp.isNull())
        qunsetenv("TMPDIR");
    else
        qputenv("TMPDIR", savedTmp);
    QVERIFY2(opened, qPrintable(error));
    QVERIFY(!live.binder()->archive()->isOk());
    live.binder()->controller()->advanceTo(5);

    uitest::ModalDriver driver;
    QStringList chosen;
    QString message;
    driver.expect(saveAs(dir.filePath("run.csv"), "*.csv", &chosen));
    driver.expect(readMessage(&message));
    live.binder()->exportAction()->trigger();
    QVERIFY(driver.allHandled());
    QVERIFY2(message.contains(blocker), qPrintable(message));
    QVERIFY(!QFile::exists(dir.filePath("run.csv")));
    QCOMPARE(live.binder()->controller()->now(), 5.0);
}

void TestExport::pausedRunExportsItsSummarySoFar()
{
    // A trainer pauses at 0:20:00 and exports: the JSON has the numbers so far, marked as such.
    ui::SimulationController *c = m_binder->controller();
    c->advanceTo(1200);
    QVERIFY(c->now() < c->duration());
    QTemporaryDir dir;
    QString error;
    QVERIFY2(m_binder->exportRun(dir.filePath("paused"), RunExporter::Json, &error), qPrintable(error));
    const QJsonObject json = QJsonDocument::fromJson(readAll(dir.filePath("paused.json"))).object();
    QCOMPARE(json["run"].toObject()["status"].toString(), QString("running"));
    QJsonObject summary = json["summary"].toObject();
    QCOMPARE(summary.take("complete"), QJsonValue(false));
    QCOMPARE(summary.take("sim_time_s").toDouble(), 1200.0);
    // Exactly the engine's §8 summary at that moment (wall time aside: it keeps running).
    QJsonObject engine = c->simulation()->summaryJson();
    summary.remove("wall_s");
    engine.remove("wall_s");
    QCOMPARE(summary, engine);
    QCOMPARE(summary["duration_s"].toDouble(), 1200.0);
    const QJsonObject tight = summary["architectures"].toObject()["tight"].toObject();
    QVERIFY(tight["orders"].toObject()["placed"].toInteger() > 0);

    // Played on, the next export's summary moves with the run.
    c->advanceTo(1500);
    QVERIFY(m_binder->exportRun(dir.filePath("later"), RunExporter::Json, &error));
    const QJsonObject later = QJsonDocument::fromJson(readAll(dir.filePath("later.json"))).object();
    QCOMPARE(later["summary"].toObject()["sim_time_s"].toDouble(), 1500.0);
    QCOMPARE(later["samples"].toArray().size(), 1500);
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
