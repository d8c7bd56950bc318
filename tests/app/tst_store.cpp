// The run store on its own: what goes in comes back out, batches are atomic, and every kind of
// unusable file gives an error naming the file instead of an empty result.

#include "RunStore.h"
#include "store_fixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace postoffice::app;
using namespace postoffice::app::store_fixture;

namespace {

QStringList eventColumns(const RunStore &store)
{
    QStringList names;
    QSqlQuery q(QSqlDatabase::database(store.connectionName()));
    if (q.exec(QStringLiteral("PRAGMA table_info(events)")))
        while (q.next())
            names << q.value(1).toString();
    return names;
}

QList<RunStore::EventRow> eventsOf(RunStore &store, qint64 run)
{
    QList<RunStore::EventRow> rows;
    const bool ok = store.forEachEvent(run, [&](const RunStore::EventRow &row) {
        rows << row;
        return true;
    });
    return ok ? rows : QList<RunStore::EventRow>{};
}

SimEvent rebalance(double t, int members, int partitions, int moved)
{
    SimEvent e = testEvent(t, SimEventKind::Rebalance, 1, QStringLiteral("inventory"),
                           QStringLiteral("group inventory rebalanced"));
    e.count = 3; // the generation
    e.members = members;
    e.partitions = partitions;
    e.moved = moved;
    return e;
}

const QStringList kRebalanceColumns = {QStringLiteral("members"), QStringLiteral("partitions"),
                                       QStringLiteral("moved")};

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void walAndSynchronous();
    void batchesAreWholeSeconds();
    void latestRunAndRunList();
    void interruptedRunIsKeptAsAborted();
    void summarySoFarOfARunningRun();
    void firstSchemaDatabaseReadsAndUpgrades();
    void rebalanceFiguresRoundTrip_data();
    void rebalanceFiguresRoundTrip();
    void olderEventsTableGainsRebalanceFigures_data();
    void olderEventsTableGainsRebalanceFigures();
    void badFiles_data();
    void badFiles();
    void foreignSqliteDatabaseIsRefused();
    void lockedDatabase();
    void fullDisk();
    void missingRun();

private:
    QTemporaryDir m_dir;
};

void TestStore::roundTrip()
{
    const QString path = m_dir.filePath(QStringLiteral("roundtrip/runs.sqlite")); // directory created
    qint64 id = 0;
    {
        RunStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        const QJsonObject summary{{QStringLiteral("scenario"), QStringLiteral("Notification outage")},
                                  {QStringLiteral("seed"), 42}};
        const auto run = writeTestRun(store, 10, summary);
        QVERIFY2(run, qPrintable(store.errorString()));
        id = *run;
    }

    RunStore store;
    QVERIFY2(store.open(path, RunStore::Mode::ReadOnly), qPrintable(store.errorString()));
    const auto info = store.run(id);
    QVERIFY2(info, qPrintable(store.errorString()));
    QCOMPARE(info->scenario, QStringLiteral("Notification outage"));
    QCOMPARE(info->scenarioText, testRun().scenarioText);
    QCOMPARE(info->seed, 42u);
    QCOMPARE(info->duration_s, 600.0);
    QCOMPARE(info->architectures, testLayout().architectures);
    QCOMPARE(info->status, RunStore::Status::Finished);
    QCOMPARE(info->flushedSeconds, 10);
    QVERIFY(info->startedAt.isValid());
    QVERIFY(info->endedAt >= info->startedAt);
    QCOMPARE(info->summary.value(QStringLiteral("seed")).toInt(), 42);

    // Seconds come back in order, each complete, every value where it was put.
    QList<qint64> seconds;
    QList<RunStore::LagRow> lags;
    int nodeRows = 0;
    int orderRows = 0;
    QVERIFY(store.forEachSecond(id, [&](const RunStore::Second &second) {
        seconds << second.t_s;
        const auto expected = testSecond(second.t_s);
        for (const auto &row : second.nodes) {
            const int a = testLayout().architectures.indexOf(row.architecture);
            const int n = testLayout().nodes.indexOf(row.node);
            const NodeSample &e = expected[a].nodes[n];
            const NodeSample &got = row.sample;
            if (row.t_s != second.t_s || got.arrivals != e.arrivals || got.completions != e.completions ||
                got.failures != e.failures || got.timeouts != e.timeouts || got.retries != e.retries ||
                got.queue_len != e.queue_len || got.busy != e.busy || got.p50_ms != e.p50_ms ||
                got.p95_ms != e.p95_ms || got.p99_ms != e.p99_ms)
                return false;
            ++nodeRows;
        }
        for (const auto &row : second.orders) {
            const OrderSample &e = expected[testLayout().architectures.indexOf(row.architecture)].orders;
            if (row.orders.placed != e.placed || row.orders.completed != e.completed ||
                row.orders.failed != e.failed || row.orders.lost != e.lost ||
                row.orders.in_flight != e.in_flight || row.orders.e2e_p95_ms != e.e2e_p95_ms ||
                row.orders.response_p95_ms != e.response_p95_ms)
                return false;
            ++orderRows;
        }
        lags << QList<RunStore::LagRow>(second.lags.begin(), second.lags.end());
        return true;
    }));
    QCOMPARE(seconds, (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    QCOMPARE(nodeRows, 10 * 2 * 3);
    QCOMPARE(orderRows, 10 * 2);
    QCOMPARE(lags.size(), 10 * 4); // total + 3 partitions, decoupled only
    for (const auto &row : lags) {
        QCOMPARE(row.architecture, QStringLiteral("decoupled"));
        QCOMPARE(row.group, QStringLiteral("notification"));
        QCOMPARE(row.lag, row.partition < 0 ? 6 * row.t_s : (row.partition + 1) * row.t_s);
    }

    QList<RunStore::EventRow> events;
    QVERIFY(store.forEachEvent(id, [&](const RunStore::EventRow &row) {
        events << row;
        return true;
    }));
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0].t_s, 3.5);
    QCOMPARE(events[0].architecture, QString()); // every architecture
    QCOMPARE(events[0].kind, simEventKindName(SimEventKind::FaultStart));
    QCOMPARE(events[0].node, QStringLiteral("notification"));
    QCOMPARE(events[0].text, QStringLiteral("notification cut off from order-service"));
    QCOMPARE(events[0].count, 7);
    QCOMPARE(events[0].faultKind, QStringLiteral("network_cut"));
    QCOMPARE(events[0].faultPeer, QStringLiteral("order-service"));
    QCOMPARE(events[1].faultKind, QString()); // not a fault
    QCOMPARE(events[1].architecture, QStringLiteral("decoupled"));
    QCOMPARE(events[1].kind, simEventKindName(SimEventKind::Rebalance));

    const auto counts = store.rowCounts(id);
    QVERIFY(counts);
    QCOMPARE(counts->nodes, 60);
    QCOMPARE(counts->lags, 40);
    QCOMPARE(counts->orders, 20);
    QCOMPARE(counts->events, 2);
    QCOMPARE(store.integrityCheck().value_or(QString()), QStringLiteral("ok"));
}

void TestStore::walAndSynchronous()
{
    RunStore store;
    QVERIFY(store.open(m_dir.filePath(QStringLiteral("wal.sqlite"))));
    QSqlQuery q(QSqlDatabase::database(store.connectionName()));
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1); // NORMAL
}

void TestStore::batchesAreWholeSeconds()
{
    const QString path = m_dir.filePath(QStringLiteral("batches.sqlite"));
    RunStore writer;
    QVERIFY(writer.open(path));
    writer.setFlushEverySeconds(5);
    const auto id = writer.beginRun(testRun());
    QVERIFY(id);
    for (qint64 t = 1; t <= 7; ++t)
        QVERIFY(writer.addSecond(t, testSecond(t)));

    // A second connection sees exactly the flushed batch: seconds 1..5, each complete.
    RunStore reader;
    QVERIFY2(reader.open(path, RunStore::Mode::ReadOnly), qPrintable(reader.errorString()));
    const auto info = reader.run(*id);
    QVERIFY(info);
    QCOMPARE(info->status, RunStore::Status::Running);
    QCOMPARE(info->flushedSeconds, 5);
    QMap<qint64, int> perSecond;
    QVERIFY(reader.forEachSecond(*id, [&](const RunStore::Second &second) {
        perSecond[second.t_s] = int(second.nodes.size() + second.lags.size() + second.orders.size());
        return true;
    }));
    QCOMPARE(perSecond.keys(), (QList<qint64>{1, 2, 3, 4, 5}));
    for (int rows : perSecond)
        QCOMPARE(rows, 6 + 4 + 2);

    QVERIFY(writer.flush());
    QCOMPARE(reader.run(*id)->flushedSeconds, 7);
}

void TestStore::latestRunAndRunList()
{
    const QString path = m_dir.filePath(QStringLiteral("latest.sqlite"));
    RunStore store;
    QVERIFY(store.open(path));
    QVERIFY(!store.latestRunId());
    QCOMPARE(store.error(), RunStore::Error::NoSuchRun);
    QVERIFY(store.errorString().contains(path));
    const auto first = store.beginRun(testRun(1));
    QVERIFY(store.finishRun(RunStore::Status::Finished, {}));
    const auto second = store.beginRun(testRun(0xFFFFFFFFFFFFFFFFull)); // all 64 bits kept
    QVERIFY(store.finishRun(RunStore::Status::Finished, {}));
    QVERIFY(first && second && *second > *first);
    QCOMPARE(store.latestRunId().value_or(-1), *second);
    const auto all = store.runs();
    QVERIFY(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).seed, 1u);
    QCOMPARE(all->at(1).seed, 0xFFFFFFFFFFFFFFFFull);
}

void TestStore::interruptedRunIsKeptAsAborted()
{
    const QString path = m_dir.filePath(QStringLiteral("aborted.sqlite"));
    qint64 id = 0;
    {
        RunStore store;
        QVERIFY(store.open(path));
        id = store.beginRun(testRun()).value_or(0);
        for (qint64 t = 1; t <= 3; ++t)
            QVERIFY(store.addSecond(t, testSecond(t)));
        // destroyed without finishRun, as when an error unwinds the caller
    }
    RunStore store;
    QVERIFY(store.open(path, RunStore::Mode::ReadOnly));
    const auto info = store.run(id);
    QVERIFY(info);
    QCOMPARE(info->status, RunStore::Status::Aborted);
    QCOMPARE(info->flushedSeconds, 3);
    QVERIFY(info->summary.isEmpty());
}

void TestStore::summarySoFarOfARunningRun()
{
    const QString path = m_dir.filePath(QStringLiteral("sofar.sqlite"));
    RunStore writer;
    QVERIFY(writer.open(path));
    QVERIFY(!writer.saveSummary({{QStringLiteral("duration_s"), 1.0}}));
    QCOMPARE(writer.error(), RunStore::Error::NoSuchRun);
    const auto id = writer.beginRun(testRun());
    QVERIFY(id);
    for (qint64 t = 1; t <= 3; ++t)
        QVERIFY(writer.addSecond(t, testSecond(t)));
    const QJsonObject soFar{{QStringLiteral("duration_s"), 3.0}, {QStringLiteral("seed"), 42}};
    QVERIFY2(writer.saveSummary(soFar), qPrintable(writer.errorString()));
    QVERIFY(writer.flush());

    RunStore reader;
    QVERIFY(reader.open(path, RunStore::Mode::ReadOnly));
    auto info = reader.run(*id);
    QVERIFY(info);
    QCOMPARE(info->status, RunStore::Status::Running); // the run goes on
    QCOMPARE(info->summary, soFar);
    QCOMPARE(info->flushedSeconds, 3);

    // A later summary replaces it; finishing replaces it with the final one.
    QVERIFY(writer.addSecond(4, testSecond(4)));
    QVERIFY(writer.saveSummary({{QStringLiteral("duration_s"), 4.0}}));
    QCOMPARE(reader.run(*id)->summary.value(QStringLiteral("duration_s")).toDouble(), 4.0);
    const QJsonObject final{{QStringLiteral("duration_s"), 600.0}};
    QVERIFY(writer.finishRun(RunStore::Status::Finished, final));
    info = reader.run(*id);
    QCOMPARE(info->status, RunStore::Status::Finished);
    QCOMPARE(info->summary, final);
}

void TestStore::firstSchemaDatabaseReadsAndUpgrades()
{
    const QString path = m_dir.filePath(QStringLiteral("first-schema.sqlite"));
    const QString written = writeFirstSchemaDatabase(path);
    QVERIFY2(written.isEmpty(), qPrintable(written));
    auto columns = [](const RunStore &store) {
        QStringList names;
        QSqlQuery q(QSqlDatabase::database(store.connectionName()));
        if (q.exec(QStringLiteral("PRAGMA table_info(order_samples)")))
            while (q.next())
                names << q.value(1).toString();
        return names;
    };
    auto ordersOf = [](RunStore &store, qint64 run) {
        QList<RunStore::OrderRow> rows;
        const bool ok = store.forEachSecond(run, [&](const RunStore::Second &second) {
            rows << QList<RunStore::OrderRow>(second.orders.begin(), second.orders.end());
            return true;
        });
        return ok ? rows : QList<RunStore::OrderRow>{};
    };

    // Read-only (what `export` does) cannot upgrade: the customer's wait reads as "no value".
    {
        RunStore store;
        QVERIFY2(store.open(path, RunStore::Mode::ReadOnly), qPrintable(store.errorString()));
        QVERIFY(!columns(store).contains(QStringLiteral("response_p95_ms")));
        const auto rows = ordersOf(store, 1);
        QVERIFY2(rows.size() == 1, qPrintable(store.errorString()));
        QCOMPARE(rows[0].orders.placed, 5u);
        QCOMPARE(rows[0].orders.e2e_p95_ms, 12.5f);
        QVERIFY(std::isnan(rows[0].orders.response_p95_ms));
        // Its events have no fault columns either; they read as "not a fault", not as an error.
        QVERIFY2(store.forEachEvent(1, [](const RunStore::EventRow &row) { return row.faultKind.isEmpty(); }),
                 qPrintable(store.errorString()));
    }

    // Read-write adds the column (and to the view): old rows have no value, new runs store it.
    qint64 id = 0;
    {
        RunStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QVERIFY(columns(store).contains(QStringLiteral("response_p95_ms")));
        QSqlQuery view(QSqlDatabase::database(store.connectionName()));
        QVERIFY2(view.exec(QStringLiteral("SELECT response_p95_ms FROM order_samples_v WHERE run_id = 1")) &&
                     view.next(),
                 qPrintable(view.lastError().text()));
        QVERIFY(view.value(0).isNull());
        view.finish();
        const auto run = writeTestRun(store, 4); // its fault starts at 3.5 s
        QVERIFY2(run, qPrintable(store.errorString()));
        id = *run;
    }
    RunStore store;
    QVERIFY2(store.open(path), qPrintable(store.errorString())); // already upgraded: opens as is
    const auto old = ordersOf(store, 1);
    QCOMPARE(old.size(), 1);
    QCOMPARE(old[0].orders.e2e_p95_ms, 12.5f);
    QVERIFY(std::isnan(old[0].orders.response_p95_ms));
    const auto fresh = ordersOf(store, id);
    QCOMPARE(fresh.size(), 4 * 2);
    for (const auto &row : fresh)
        QCOMPARE(row.orders.response_p95_ms, float(3 * row.t_s) + 0.25f);
    QStringList faultKinds; // the upgraded events table keeps a new run's fault kind
    QVERIFY(store.forEachEvent(id, [&](const RunStore::EventRow &row) {
        faultKinds << row.faultKind;
        return true;
    }));
    QCOMPARE(faultKinds, QStringList{QStringLiteral("network_cut")});
    QCOMPARE(store.integrityCheck().value_or(QString()), QStringLiteral("ok"));
}

void TestStore::rebalanceFiguresRoundTrip_data()
{
    QTest::addColumn<int>("kind"); // SimEventKind
    QTest::addColumn<int>("members");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<int>("moved");

    const int rebalance = int(SimEventKind::Rebalance);
    QTest::newRow("members crashed") << rebalance << 6 << 12 << 2;
    QTest::newRow("none moved") << rebalance << 9 << 6 << 0; // 0 is a figure, not "unknown"
    QTest::newRow("no consumers left") << rebalance << 0 << 1 << 1;
    QTest::newRow("moved not known") << rebalance << 4 << 6 << -1;
    QTest::newRow("rebalance without figures") << rebalance << -1 << -1 << -1;
    QTest::newRow("not a rebalance") << int(SimEventKind::LeaderChange) << -1 << -1 << -1;
}

void TestStore::rebalanceFiguresRoundTrip()
{
    QFETCH(int, kind);
    QFETCH(int, members);
    QFETCH(int, partitions);
    QFETCH(int, moved);

    const QString path = m_dir.filePath(QStringLiteral("figures-%1.sqlite").arg(QTest::currentDataTag()));
    RunStore writer;
    QVERIFY2(writer.open(path), qPrintable(writer.errorString()));
    const auto id = writer.beginRun(testRun());
    QVERIFY2(id, qPrintable(writer.errorString()));
    SimEvent event = rebalance(12.5, members, partitions, moved);
    event.kind = SimEventKind(kind);
    QVERIFY(writer.addEvent(event));
    QVERIFY2(writer.finishRun(RunStore::Status::Finished, {}), qPrintable(writer.errorString()));

    // A figure not known is stored as NULL, not as a -1 that a query over the file would sum.
    QSqlQuery q(QSqlDatabase::database(writer.connectionName()));
    QVERIFY2(q.exec(QStringLiteral("SELECT members, partitions, moved FROM events")) && q.next(),
             qPrintable(q.lastError().text()));
    const int expected[] = {members, partitions, moved};
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(q.value(i).isNull(), expected[i] < 0);
        if (expected[i] >= 0)
            QCOMPARE(q.value(i).toInt(), expected[i]);
    }
    q.finish();

    RunStore reader;
    QVERIFY2(reader.open(path, RunStore::Mode::ReadOnly), qPrintable(reader.errorString()));
    const auto events = eventsOf(reader, *id);
    QVERIFY2(events.size() == 1, qPrintable(reader.errorString()));
    QCOMPARE(events[0].kind, simEventKindName(SimEventKind(kind)));
    QCOMPARE(events[0].count, 3);
    QCOMPARE(events[0].members, members);
    QCOMPARE(events[0].partitions, partitions);
    QCOMPARE(events[0].moved, moved);
}

// Databases written before the rebalance figures were stored: the first released schema, and the
// one with fault_kind / fault_peer (whose fault columns must still read from their own place).
void TestStore::olderEventsTableGainsRebalanceFigures_data()
{
    QTest::addColumn<QStringList>("upgrades"); // applied to the first schema
    QTest::addColumn<QString>("oldFaultKind"); // what its stored fault reads as

    QTest::newRow("first schema") << QStringList{} << QString();
    QTest::newRow("with fault columns")
        << QStringList{QStringLiteral("ALTER TABLE order_samples ADD COLUMN response_p95_ms REAL"),
                       QStringLiteral("ALTER TABLE events ADD COLUMN fault_kind TEXT"),
                       QStringLiteral("ALTER TABLE events ADD COLUMN fault_peer TEXT"),
                       QStringLiteral("UPDATE events SET fault_kind = 'down' WHERE kind = 'fault_start'")}
        << QStringLiteral("down");
}

void TestStore::olderEventsTableGainsRebalanceFigures()
{
    QFETCH(QStringList, upgrades);
    QFETCH(QString, oldFaultKind);

    const QString path = m_dir.filePath(QStringLiteral("old-events-%1.sqlite").arg(QTest::currentDataTag()));
    const QString written = writeFirstSchemaDatabase(path);
    QVERIFY2(written.isEmpty(), qPrintable(written));
    const QString events = execOn(
        path,
        QStringList{
            QStringLiteral("INSERT INTO events (run_id, t_s, architecture, kind, node, text, count) "
                           "VALUES (1, 0.5, 'tight', 'fault_start', 'inventory', 'inventory down', 0)"),
            QStringLiteral("INSERT INTO events (run_id, t_s, architecture, kind, node, text, count) "
                           "VALUES (1, 0.75, 'tight', 'rebalance', 'inventory', 'rebalanced', 2)")} +
            upgrades);
    QVERIFY2(events.isEmpty(), qPrintable(events));
    auto checkOldEvents = [&](RunStore &store) {
        const auto rows = eventsOf(store, 1);
        QVERIFY2(rows.size() == 2, qPrintable(store.errorString()));
        QCOMPARE(rows[0].faultKind, oldFaultKind);
        QCOMPARE(rows[1].kind, QStringLiteral("rebalance"));
        QCOMPARE(rows[1].count, 2);
        for (const auto &row : rows) { // figures not known, not an error and not zero
            QCOMPARE(row.members, -1);
            QCOMPARE(row.partitions, -1);
            QCOMPARE(row.moved, -1);
        }
    };

    // Read-only cannot add columns: the file stays as it is and its events still read.
    {
        RunStore store;
        QVERIFY2(store.open(path, RunStore::Mode::ReadOnly), qPrintable(store.errorString()));
        for (const QString &column : kRebalanceColumns)
            QVERIFY(!eventColumns(store).contains(column));
        checkOldEvents(store);
        if (QTest::currentTestFailed())
            return;
    }

    // Read-write adds them; old rows have no figures, a new run's rebalance keeps its own.
    qint64 id = 0;
    {
        RunStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        for (const QString &column : kRebalanceColumns)
            QVERIFY2(eventColumns(store).contains(column), qPrintable(column));
        checkOldEvents(store);
        if (QTest::currentTestFailed())
            return;
        id = store.beginRun(testRun()).value_or(0);
        QVERIFY2(id != 0, qPrintable(store.errorString()));
        QVERIFY(store.addEvent(rebalance(30.0, 5, 6, 1)));
        QVERIFY2(store.finishRun(RunStore::Status::Finished, {}), qPrintable(store.errorString()));
    }

    // Upgraded, the file reads the same read-only.
    RunStore store;
    QVERIFY2(store.open(path, RunStore::Mode::ReadOnly), qPrintable(store.errorString()));
    checkOldEvents(store);
    const auto fresh = eventsOf(store, id);
    QCOMPARE(fresh.size(), 1);
    QCOMPARE(fresh[0].members, 5);
    QCOMPARE(fresh[0].partitions, 6);
    QCOMPARE(fresh[0].moved, 1);
    QCOMPARE(store.integrityCheck().value_or(QString()), QStringLiteral("ok"));
}

void TestStore::badFiles_data()
{
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<QByteArray>("content"); // written first unless null
    QTest::addColumn<bool>("readOnly");
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("problem");

    QTest::newRow("directory") << QStringLiteral("adir") << QByteArray() << false
                               << int(RunStore::Error::CannotOpen) << QStringLiteral("is a directory");
    QTest::newRow("garbage") << QStringLiteral("garbage.sqlite")
                             << QByteArray("this is a text file, not SQLite\n").repeated(200) << false
                             << int(RunStore::Error::NotADatabase)
                             << QStringLiteral("not a PostOffice run database");
    QTest::newRow("garbage read-only")
        << QStringLiteral("garbage2.sqlite") << QByteArray(4096, '\x17') << true
        << int(RunStore::Error::NotADatabase) << QStringLiteral("not a PostOffice run database");
    QTest::newRow("missing for export") << QStringLiteral("missing.sqlite") << QByteArray() << true
                                        << int(RunStore::Error::CannotOpen) << QStringLiteral("no such file");
    QTest::newRow("parent is a file")
        << QStringLiteral("plainfile/runs.sqlite") << QByteArray() << false
        << int(RunStore::Error::CannotOpen) << QStringLiteral("cannot create the directory");
}

void TestStore::badFiles()
{
    QFETCH(QString, relativePath);
    QFETCH(QByteArray, content);
    QFETCH(bool, readOnly);
    QFETCH(int, error);
    QFETCH(QString, problem);

    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("adir")));
    QFile plain(dir.filePath(QStringLiteral("plainfile")));
    QVERIFY(plain.open(QIODevice::WriteOnly) && plain.write("x") == 1);
    plain.close();
    const QString path = dir.filePath(relativePath);
    if (!content.isNull()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const QByteArray before = content;

    RunStore store;
    QVERIFY(!store.open(path, readOnly ? RunStore::Mode::ReadOnly : RunStore::Mode::ReadWrite));
    QCOMPARE(int(store.error()), error);
    QVERIFY2(store.errorString().contains(path), qPrintable(store.errorString()));
    QVERIFY2(store.errorString().contains(problem), qPrintable(store.errorString()));
    QVERIFY(!store.isOpen());
    QVERIFY(!store.runs());  // no silent empty list from a store that failed to open
    if (!content.isNull()) { // a file that is not ours is left untouched
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }
}

void TestStore::foreignSqliteDatabaseIsRefused()
{
    const QString path = m_dir.filePath(QStringLiteral("foreign.sqlite"));
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery(db).exec(QStringLiteral("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    for (auto mode : {RunStore::Mode::ReadWrite, RunStore::Mode::ReadOnly}) {
        RunStore store;
        QVERIFY(!store.open(path, mode));
        QCOMPARE(store.error(), RunStore::Error::NotADatabase);
        QVERIFY(store.errorString().contains(path));
    }
}

void TestStore::lockedDatabase()
{
    const QString path = m_dir.filePath(QStringLiteral("locked.sqlite"));
    {
        RunStore store;
        QVERIFY(store.open(path));
    }
    // Another program holds the write lock (BEGIN EXCLUSIVE) and does not let go.
    const QString holder = QStringLiteral("lock-holder");
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), holder);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY2(q.exec(QStringLiteral("BEGIN EXCLUSIVE")), qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('holder', 'x')")));

        RunStore store;
        const bool opened = store.open(path, RunStore::Mode::ReadWrite, 50);
        if (opened) { // WAL lets the store open and read; writing is what must fail, loudly
            QVERIFY(!store.beginRun(testRun()));
        }
        QCOMPARE(store.error(), RunStore::Error::Locked);
        QVERIFY2(store.errorString().contains(path), qPrintable(store.errorString()));
        QVERIFY2(store.errorString().contains(QStringLiteral("locked")), qPrintable(store.errorString()));

        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        if (opened)
            QVERIFY2(store.beginRun(testRun()), qPrintable(store.errorString())); // lock gone: works again
        db.close();
    }
    QSqlDatabase::removeDatabase(holder);
}

void TestStore::fullDisk()
{
    const QString path = m_dir.filePath(QStringLiteral("full.sqlite"));
    RunStore store;
    QVERIFY(store.open(path));
    const auto id = store.beginRun(testRun());
    QVERIFY(id);
    // SQLite reports a page limit exactly like a full disk (SQLITE_FULL).
    QSqlQuery q(QSqlDatabase::database(store.connectionName()));
    QVERIFY(q.exec(QStringLiteral("PRAGMA page_count")) && q.next());
    const int pages = q.value(0).toInt();
    QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages + 2)));
    q.finish();

    store.setFlushEverySeconds(1000);
    for (qint64 t = 1; t <= 500; ++t)
        QVERIFY(store.addSecond(t, testSecond(t)));
    QVERIFY(!store.flush());
    QCOMPARE(store.error(), RunStore::Error::Full);
    QVERIFY2(store.errorString().contains(path), qPrintable(store.errorString()));
    QVERIFY2(store.errorString().contains(QStringLiteral("full")), qPrintable(store.errorString()));
    QVERIFY(!store.finishRun(RunStore::Status::Finished, {}));
    QCOMPARE(store.error(), RunStore::Error::Full);

    // Nothing of the failed batch is half written.
    QCOMPARE(store.rowCounts(*id).value_or(RunStore::RowCounts{-1, -1, -1, -1}).nodes, 0);
    QCOMPARE(store.integrityCheck().value_or(QString()), QStringLiteral("ok"));
}

void TestStore::missingRun()
{
    const QString path = m_dir.filePath(QStringLiteral("missingrun.sqlite"));
    RunStore store;
    QVERIFY(store.open(path));
    QVERIFY(!store.run(99));
    QCOMPARE(store.error(), RunStore::Error::NoSuchRun);
    QVERIFY(store.errorString().contains(QStringLiteral("99")));
    QVERIFY(store.errorString().contains(path));
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
