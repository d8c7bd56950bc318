// Exports read back: the CSV parses into exactly the stored values, the JSON holds run, summary,
// samples and events, the NDJSON is one ECS document per line; progress, cancel and errors.

#include "Exporter.h"
#include "RunRecorder.h"
#include "RunStore.h"
#include "ScenarioLoader.h"
#include "Simulation.h"
#include "store_fixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace postoffice::app;
using namespace postoffice::app::store_fixture;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// One JSON object per line; an empty list if any line is not one.
QList<QJsonObject> ndjsonDocuments(const QString &path)
{
    QList<QJsonObject> docs;
    for (const QByteArray &line : readAll(path).split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (!doc.isObject())
            return {};
        docs << doc.object();
    }
    return docs;
}

QJsonObject postofficeFields(const QJsonObject &ecs)
{
    return ecs.value(QStringLiteral("postoffice")).toObject();
}

const QStringList kRebalanceKeys = {QStringLiteral("members"), QStringLiteral("partitions"),
                                    QStringLiteral("moved")};

// RFC 4180 fields of one line (quotes may hold commas and doubled quotes).
QStringList parseCsvLine(const QString &line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == u'"' && i + 1 < line.size() && line[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            fields << field;
            field.clear();
        } else {
            field += c;
        }
    }
    fields << field;
    return fields;
}

using CsvKey = std::tuple<qint64, QString, QString, QString>; // t_s, architecture, node, metric

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void csvHoldsEveryStoredValue();
    void csvQuotesNamesAndLeavesMissingValuesEmpty();
    void jsonHoldsRunSummarySamplesEvents();
    void jsonOfAnUnfinishedRunHasItsSummarySoFar();
    void firstSchemaDatabaseExportsWithoutTheCustomerWait();
    void ndjsonIsEcs();
    void rebalanceFiguresOnlyWhenKnown_data();
    void rebalanceFiguresOnlyWhenKnown();
    void recordedRunExportsTheEngineRebalanceFigures();
    void progressReachesTotalAndCancelLeavesNoFile();
    void errorsNameTheFile();

private:
    QTemporaryDir m_dir;
    RunStore m_store;
    qint64 m_run = 0;
    QJsonObject m_summary{{QStringLiteral("scenario"), QStringLiteral("Notification outage")},
                          {QStringLiteral("seed"), 42},
                          {QStringLiteral("architectures"), QJsonObject{}}};
};

void TestExport::initTestCase()
{
    QVERIFY2(m_store.open(m_dir.filePath(QStringLiteral("runs.sqlite"))), qPrintable(m_store.errorString()));
    const auto run = writeTestRun(m_store, 10, m_summary);
    QVERIFY2(run, qPrintable(m_store.errorString()));
    m_run = *run;
}

void TestExport::csvHoldsEveryStoredValue()
{
    const QString path = m_dir.filePath(QStringLiteral("run.csv"));
    Exporter exporter(m_store);
    QVERIFY2(exporter.writeCsv(m_run, path), qPrintable(exporter.errorString()));

    const QStringList lines = QString::fromUtf8(readAll(path)).split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(!lines.isEmpty());
    QCOMPARE(lines.first(), QStringLiteral("t_s,architecture,node,metric,value"));
    std::map<CsvKey, QString> values;
    for (const QString &line : lines.mid(1)) {
        const QStringList f = parseCsvLine(line);
        QCOMPARE(f.size(), 5);
        const auto [it, inserted] = values.emplace(CsvKey{f[0].toLongLong(), f[1], f[2], f[3]}, f[4]);
        QVERIFY2(inserted, qPrintable(QStringLiteral("duplicate row: ") + line));
    }
    // 10 s × (2 architectures × 3 nodes × 10 metrics + 4 lag series + 2 × 7 order metrics)
    QCOMPARE(int(values.size()), 10 * (2 * 3 * 10 + 4 + 2 * 7));

    // Every stored value, looked up by its key, reads back exactly.
    const auto layout = testLayout();
    auto value = [&](qint64 t, const QString &arch, const QString &node, const QString &metric) {
        return values[CsvKey{t, arch, node, metric}];
    };
    const char *counters[] = {"arrivals", "completions", "failures", "timeouts",
                              "retries",  "queue_len",   "busy"};
    for (qint64 t = 1; t <= 10; ++t) {
        const auto expected = testSecond(t);
        for (int a = 0; a < 2; ++a) {
            const QString arch = layout.architectures[a];
            for (int n = 0; n < 3; ++n) {
                const NodeSample &s = expected[a].nodes[n];
                const quint32 ints[] = {s.arrivals, s.completions, s.failures, s.timeouts,
                                        s.retries,  s.queue_len,   s.busy};
                for (int i = 0; i < 7; ++i)
                    QCOMPARE(value(t, arch, layout.nodes[n], QLatin1String(counters[i])).toUInt(), ints[i]);
                QCOMPARE(value(t, arch, layout.nodes[n], QStringLiteral("p50_ms")).toFloat(), s.p50_ms);
                QCOMPARE(value(t, arch, layout.nodes[n], QStringLiteral("p99_ms")).toFloat(), s.p99_ms);
            }
            const OrderSample &o = expected[a].orders;
            QCOMPARE(value(t, arch, QString(), QStringLiteral("orders_placed")).toULongLong(), o.placed);
            QCOMPARE(value(t, arch, QString(), QStringLiteral("orders_failed")).toULongLong(), o.failed);
            QCOMPARE(value(t, arch, QString(), QStringLiteral("orders_in_flight")).toULongLong(),
                     o.in_flight);
            QCOMPARE(value(t, arch, QString(), QStringLiteral("e2e_p95_ms")).toFloat(), o.e2e_p95_ms);
            QCOMPARE(value(t, arch, QString(), QStringLiteral("response_p95_ms")).toFloat(),
                     o.response_p95_ms);
        }
        QCOMPARE(value(t, QStringLiteral("decoupled"), QStringLiteral("notification"), QStringLiteral("lag"))
                     .toLongLong(),
                 6 * t);
        QCOMPARE(value(t, QStringLiteral("decoupled"), QStringLiteral("notification"),
                       QStringLiteral("lag_partition_2"))
                     .toLongLong(),
                 3 * t);
    }
    // Rows come in time order.
    qint64 last = 0;
    for (const QString &line : lines.mid(1)) {
        const qint64 t = line.section(u',', 0, 0).toLongLong();
        QVERIFY(t >= last);
        last = t;
    }
}

void TestExport::csvQuotesNamesAndLeavesMissingValuesEmpty()
{
    RunStore store;
    QVERIFY(store.open(m_dir.filePath(QStringLiteral("quoting.sqlite"))));
    RunStore::NewRun run = testRun();
    run.layout.nodes[1] = QStringLiteral("order \"service\", eu");
    const auto id = store.beginRun(run);
    QVERIFY(id);
    auto second = testSecond(1);
    second[0].nodes[1].p95_ms = std::nanf(""); // no completion that second: no percentile
    QVERIFY(store.addSecond(1, second));
    QVERIFY(store.finishRun(RunStore::Status::Finished, {}));

    const QString path = m_dir.filePath(QStringLiteral("quoting.csv"));
    Exporter exporter(store);
    QVERIFY2(exporter.writeCsv(*id, path), qPrintable(exporter.errorString()));
    const QString csv = QString::fromUtf8(readAll(path));
    QVERIFY(csv.contains(QStringLiteral("1,tight,\"order \"\"service\"\", eu\",p95_ms,\n")));
    QVERIFY(csv.contains(QStringLiteral("1,tight,\"order \"\"service\"\", eu\",arrivals,101\n")));
    bool found = false;
    for (const QString &line : csv.split(u'\n', Qt::SkipEmptyParts)) {
        const QStringList f = parseCsvLine(line);
        QCOMPARE(f.size(), 5);
        if (f[1] == QStringLiteral("tight") && f[2] == run.layout.nodes[1] &&
            f[3] == QStringLiteral("p95_ms")) {
            QCOMPARE(f[4], QString());
            found = true;
        }
    }
    QVERIFY(found);
}

void TestExport::jsonHoldsRunSummarySamplesEvents()
{
    const QString path = m_dir.filePath(QStringLiteral("run.json"));
    Exporter exporter(m_store);
    QVERIFY2(exporter.writeJson(m_run, path), qPrintable(exporter.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(readAll(path), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject root = doc.object();

    const QJsonObject run = root.value(QStringLiteral("run")).toObject();
    QCOMPARE(run.value(QStringLiteral("id")).toInteger(), m_run);
    QCOMPARE(run.value(QStringLiteral("scenario")).toString(), QStringLiteral("Notification outage"));
    QCOMPARE(run.value(QStringLiteral("seed")).toInteger(), 42);
    QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("finished"));
    QCOMPARE(run.value(QStringLiteral("architectures")).toArray(),
             (QJsonArray{QStringLiteral("tight"), QStringLiteral("decoupled")}));
    QCOMPARE(root.value(QStringLiteral("scenario")).toObject().value(QStringLiteral("schema")).toString(),
             QStringLiteral("postoffice.scenario/1"));
    // The stored summary, every key as it was, marked as covering the whole run.
    QJsonObject summary = root.value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.take(QStringLiteral("complete")), QJsonValue(true));
    QVERIFY(!summary.contains(QStringLiteral("sim_time_s"))); // this summary has no duration_s
    QCOMPARE(summary, m_summary);

    const QJsonArray samples = root.value(QStringLiteral("samples")).toArray();
    QCOMPARE(samples.size(), 10);
    const QJsonObject third = samples[2].toObject();
    QCOMPARE(third.value(QStringLiteral("t_s")).toInt(), 3);
    const QJsonObject archs = third.value(QStringLiteral("architectures")).toObject();
    const QJsonObject tight = archs.value(QStringLiteral("tight")).toObject();
    QCOMPARE(tight.value(QStringLiteral("nodes"))
                 .toObject()
                 .value(QStringLiteral("order-service"))
                 .toObject()
                 .value(QStringLiteral("arrivals"))
                 .toInt(),
             301);
    const QJsonObject orders = tight.value(QStringLiteral("orders")).toObject();
    QCOMPARE(orders.value(QStringLiteral("placed")).toInt(), 150);
    QCOMPARE(orders.value(QStringLiteral("e2e_p95_ms")).toDouble(), 30.0);
    QCOMPARE(orders.value(QStringLiteral("response_p95_ms")).toDouble(), 9.25);
    QVERIFY(!tight.contains(QStringLiteral("groups")));
    const QJsonObject group = archs.value(QStringLiteral("decoupled"))
                                  .toObject()
                                  .value(QStringLiteral("groups"))
                                  .toObject()
                                  .value(QStringLiteral("notification"))
                                  .toObject();
    QCOMPARE(group.value(QStringLiteral("lag")).toInt(), 18);
    QCOMPARE(group.value(QStringLiteral("partitions")).toArray(), (QJsonArray{3, 6, 9}));

    const QJsonArray events = root.value(QStringLiteral("events")).toArray();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0].toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("fault_start"));
    QVERIFY(!events[0].toObject().contains(QStringLiteral("architecture"))); // every architecture
    QCOMPARE(events[0].toObject().value(QStringLiteral("fault_kind")).toString(),
             QStringLiteral("network_cut"));
    QCOMPARE(events[0].toObject().value(QStringLiteral("fault_peer")).toString(),
             QStringLiteral("order-service"));
    QVERIFY(!events[1].toObject().contains(QStringLiteral("fault_kind")));
    QCOMPARE(events[1].toObject().value(QStringLiteral("architecture")).toString(),
             QStringLiteral("decoupled"));
}

void TestExport::jsonOfAnUnfinishedRunHasItsSummarySoFar()
{
    RunStore store;
    QVERIFY(store.open(m_dir.filePath(QStringLiteral("paused.sqlite"))));
    const auto id = store.beginRun(testRun());
    QVERIFY(id);
    for (qint64 t = 1; t <= 5; ++t)
        QVERIFY(store.addSecond(t, testSecond(t)));
    const QJsonObject soFar{{QStringLiteral("scenario"), QStringLiteral("Notification outage")},
                            {QStringLiteral("duration_s"), 5.5},
                            {QStringLiteral("architectures"), QJsonObject{}}};
    QVERIFY(store.saveSummary(soFar));
    QVERIFY(store.flush());

    Exporter exporter(store);
    const QString path = m_dir.filePath(QStringLiteral("paused.json"));
    QVERIFY2(exporter.writeJson(*id, path), qPrintable(exporter.errorString()));
    const QJsonObject root = QJsonDocument::fromJson(readAll(path)).object();
    QCOMPARE(root.value(QStringLiteral("run")).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("running"));
    QJsonObject summary = root.value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.take(QStringLiteral("complete")), QJsonValue(false));
    QCOMPARE(summary.take(QStringLiteral("sim_time_s")), QJsonValue(5.5));
    QCOMPARE(summary, soFar); // no §8 key renamed or dropped
    QCOMPARE(root.value(QStringLiteral("samples")).toArray().size(), 5);

    // Finished, the same run's summary is the final one and says so.
    const QJsonObject final{{QStringLiteral("duration_s"), 600.0}};
    QVERIFY(store.finishRun(RunStore::Status::Finished, final));
    QVERIFY(exporter.writeJson(*id, path));
    const QJsonObject done = QJsonDocument::fromJson(readAll(path)).object().value("summary").toObject();
    QCOMPARE(done.value(QStringLiteral("complete")), QJsonValue(true));
    QCOMPARE(done.value(QStringLiteral("sim_time_s")), QJsonValue(600.0));
    QCOMPARE(done.value(QStringLiteral("duration_s")), QJsonValue(600.0));
}

void TestExport::firstSchemaDatabaseExportsWithoutTheCustomerWait()
{
    const QString db = m_dir.filePath(QStringLiteral("first-schema.sqlite"));
    const QString written = writeFirstSchemaDatabase(db);
    QVERIFY2(written.isEmpty(), qPrintable(written));
    RunStore store;
    QVERIFY2(store.open(db, RunStore::Mode::ReadOnly), qPrintable(store.errorString()));
    Exporter exporter(store);
    const QString csv = m_dir.filePath(QStringLiteral("first-schema.csv"));
    QVERIFY2(exporter.writeCsv(1, csv), qPrintable(exporter.errorString()));
    const QString text = QString::fromUtf8(readAll(csv));
    QVERIFY2(text.contains(QStringLiteral("1,tight,,e2e_p95_ms,12.5\n")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("1,tight,,response_p95_ms,\n")), qPrintable(text)); // no value
    const QString json = m_dir.filePath(QStringLiteral("first-schema.json"));
    QVERIFY2(exporter.writeJson(1, json), qPrintable(exporter.errorString()));
    const QJsonObject orders = QJsonDocument::fromJson(readAll(json))
                                   .object()
                                   .value(QStringLiteral("samples"))
                                   .toArray()
                                   .at(0)
                                   .toObject()
                                   .value(QStringLiteral("architectures"))
                                   .toObject()
                                   .value(QStringLiteral("tight"))
                                   .toObject()
                                   .value(QStringLiteral("orders"))
                                   .toObject();
    QCOMPARE(orders.value(QStringLiteral("e2e_p95_ms")), QJsonValue(12.5));
    QVERIFY(orders.value(QStringLiteral("response_p95_ms")).isNull());
}

void TestExport::ndjsonIsEcs()
{
    const QString path = m_dir.filePath(QStringLiteral("events.ndjson"));
    Exporter exporter(m_store);
    QVERIFY2(exporter.writeNdjson(m_run, path), qPrintable(exporter.errorString()));
    const QByteArray text = readAll(path);
    QVERIFY(text.endsWith('\n'));
    const QList<QByteArray> lines = text.split('\n');
    QCOMPARE(lines.size(), 3); // two documents and the empty tail after the last newline

    const auto run = m_store.run(m_run);
    QVERIFY(run);
    QList<QJsonObject> docs;
    for (const QByteArray &line : lines.mid(0, 2)) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), line.constData());
        docs << doc.object();
    }
    const QJsonObject fault = docs[0];
    const QDateTime at =
        QDateTime::fromString(fault.value(QStringLiteral("@timestamp")).toString(), Qt::ISODateWithMs);
    QVERIFY(at.isValid());
    QCOMPARE(at.timeSpec(), Qt::UTC);
    QCOMPARE(run->startedAt.msecsTo(at), 3500);
    QCOMPARE(fault.value(QStringLiteral("event")).toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("event"));
    QCOMPARE(fault.value(QStringLiteral("event")).toObject().value(QStringLiteral("action")).toString(),
             QStringLiteral("fault_start"));
    QCOMPARE(fault.value(QStringLiteral("service")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("notification"));
    QCOMPARE(
        fault.value(QStringLiteral("labels")).toObject().value(QStringLiteral("architecture")).toString(),
        QStringLiteral("all"));
    QCOMPARE(fault.value(QStringLiteral("message")).toString(),
             QStringLiteral("notification cut off from order-service"));
    // The fault's kind and both ends as fields of their own: a Kibana filter, not a text search.
    const QJsonObject faultFields =
        fault.value(QStringLiteral("postoffice")).toObject().value(QStringLiteral("fault")).toObject();
    QCOMPARE(faultFields.value(QStringLiteral("kind")).toString(), QStringLiteral("network_cut"));
    QCOMPARE(faultFields.value(QStringLiteral("target")).toString(), QStringLiteral("notification"));
    QCOMPARE(faultFields.value(QStringLiteral("peer")).toString(), QStringLiteral("order-service"));
    QCOMPARE(fault.value(QStringLiteral("ecs")).toObject().value(QStringLiteral("version")).toString(),
             QStringLiteral("8.11.0"));

    const QJsonObject rebalance = docs[1];
    QCOMPARE(run->startedAt.msecsTo(QDateTime::fromString(
                 rebalance.value(QStringLiteral("@timestamp")).toString(), Qt::ISODateWithMs)),
             9250);
    QCOMPARE(
        rebalance.value(QStringLiteral("labels")).toObject().value(QStringLiteral("architecture")).toString(),
        QStringLiteral("decoupled"));
    QCOMPARE(rebalance.value(QStringLiteral("event")).toObject().value(QStringLiteral("action")).toString(),
             QStringLiteral("rebalance"));
    QVERIFY(!rebalance.value(QStringLiteral("postoffice")).toObject().contains(QStringLiteral("fault")));
}

void TestExport::rebalanceFiguresOnlyWhenKnown_data()
{
    QTest::addColumn<int>("members");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<int>("moved");
    QTest::addColumn<QJsonObject>("figures"); // as both exports should give them

    QTest::newRow("all known") << 6 << 12 << 2
                               << QJsonObject{{QStringLiteral("members"), 6},
                                              {QStringLiteral("partitions"), 12},
                                              {QStringLiteral("moved"), 2}};
    QTest::newRow("none moved") << 3 << 3 << 0
                                << QJsonObject{{QStringLiteral("members"), 3},
                                               {QStringLiteral("partitions"), 3},
                                               {QStringLiteral("moved"), 0}};
    QTest::newRow("moved not known") << 4 << 6 << -1
                                     << QJsonObject{{QStringLiteral("members"), 4},
                                                    {QStringLiteral("partitions"), 6}};
    QTest::newRow("none known") << -1 << -1 << -1 << QJsonObject{};
}

void TestExport::rebalanceFiguresOnlyWhenKnown()
{
    QFETCH(int, members);
    QFETCH(int, partitions);
    QFETCH(int, moved);
    QFETCH(QJsonObject, figures);

    const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
    RunStore store;
    QVERIFY2(store.open(m_dir.filePath(QStringLiteral("figures-%1.sqlite").arg(tag))),
             qPrintable(store.errorString()));
    const auto id = store.beginRun(testRun());
    QVERIFY2(id, qPrintable(store.errorString()));
    // A fault first: an event of another kind never carries the figures.
    SimEvent fault = testEvent(2.0, SimEventKind::FaultStart, 1, QStringLiteral("fulfillment-0"),
                               QStringLiteral("fulfillment-0 crashes"));
    fault.fault = FaultSpec{};
    fault.fault->kind = FaultKind::ConsumerCrash;
    fault.fault->target = QStringLiteral("fulfillment-0");
    QVERIFY(store.addEvent(fault));
    SimEvent rebalance = testEvent(47.0, SimEventKind::Rebalance, 1, QStringLiteral("fulfillment"),
                                   QStringLiteral("group fulfillment generation 2"));
    rebalance.count = 2;
    rebalance.members = members;
    rebalance.partitions = partitions;
    rebalance.moved = moved;
    QVERIFY(store.addEvent(rebalance));
    QVERIFY2(store.finishRun(RunStore::Status::Finished, {}), qPrintable(store.errorString()));

    Exporter exporter(store);
    const QString ndjson = m_dir.filePath(QStringLiteral("figures-%1.ndjson").arg(tag));
    QVERIFY2(exporter.writeNdjson(*id, ndjson), qPrintable(exporter.errorString()));
    const auto docs = ndjsonDocuments(ndjson);
    QCOMPARE(docs.size(), 2);
    QVERIFY(!postofficeFields(docs[0]).contains(QStringLiteral("rebalance")));
    const QJsonObject ecs = postofficeFields(docs[1]);
    QCOMPARE(ecs.contains(QStringLiteral("rebalance")), !figures.isEmpty()); // no empty object
    QCOMPARE(ecs.value(QStringLiteral("rebalance")).toObject(), figures);
    QCOMPARE(ecs.value(QStringLiteral("count")).toInt(), 2); // the generation, as before
    QCOMPARE(docs[1].value(QStringLiteral("message")).toString(), rebalance.text);

    const QString json = m_dir.filePath(QStringLiteral("figures-%1.json").arg(tag));
    QVERIFY2(exporter.writeJson(*id, json), qPrintable(exporter.errorString()));
    const QJsonArray events =
        QJsonDocument::fromJson(readAll(json)).object().value(QStringLiteral("events")).toArray();
    QCOMPARE(events.size(), 2);
    for (const QString &key : kRebalanceKeys) {
        QVERIFY2(!events[0].toObject().contains(key), qPrintable(key));
        QCOMPARE(events[1].toObject().value(key), figures.value(key)); // Undefined: left out
    }
    QCOMPARE(events[0].toObject().value(QStringLiteral("fault_kind")).toString(),
             QStringLiteral("consumer_crash"));
}

// The engine's figures survive the whole way: run → RunRecorder → store → NDJSON. In
// consumer-scaling one consumer of each fulfillment group crashes at t = 1200 and leaves after
// session.timeout.ms (45 s); the range assignor then moves 1 partition of 6 in the group of 6, 3 in
// the group of 3 and all 6 in the group of 7 (the same figures the live event log words).
void TestExport::recordedRunExportsTheEngineRebalanceFigures()
{
    const auto loaded =
        ScenarioLoader::load(QStringLiteral(POSTOFFICE_SOURCE_DIR "/scenarios/consumer-scaling.json"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.messages().join(u'\n')));
    Simulation simulation(*loaded.scenario);
    QVERIFY(simulation.isValid());
    RunStore store;
    QVERIFY2(store.open(m_dir.filePath(QStringLiteral("recorded.sqlite"))), qPrintable(store.errorString()));
    const auto id = store.beginRun(RunRecorder::describe(simulation, QString()));
    QVERIFY2(id, qPrintable(store.errorString()));
    RunRecorder recorder(store);
    simulation.setObserver(&recorder);
    simulation.runUntil(1300);
    simulation.setObserver(nullptr);
    QVERIFY2(recorder.ok(), qPrintable(store.errorString()));
    QVERIFY2(store.finishRun(RunStore::Status::Aborted, {}), qPrintable(store.errorString()));

    Exporter exporter(store);
    const QString path = m_dir.filePath(QStringLiteral("recorded.ndjson"));
    QVERIFY2(exporter.writeNdjson(*id, path), qPrintable(exporter.errorString()));
    QMap<QString, QJsonObject> second; // generation 2 of each architecture's group
    for (const QJsonObject &doc : ndjsonDocuments(path)) {
        const QJsonObject fields = postofficeFields(doc);
        if (doc.value(QStringLiteral("event")).toObject().value(QStringLiteral("action")).toString() ==
                simEventKindName(SimEventKind::Rebalance) &&
            fields.value(QStringLiteral("count")).toInt() == 2)
            second.insert(doc.value(QStringLiteral("labels"))
                              .toObject()
                              .value(QStringLiteral("architecture"))
                              .toString(),
                          fields.value(QStringLiteral("rebalance")).toObject());
    }
    auto figures = [](int members, int moved) {
        return QJsonObject{{QStringLiteral("members"), members},
                           {QStringLiteral("partitions"), 6},
                           {QStringLiteral("moved"), moved}};
    };
    QCOMPARE(second.value(QStringLiteral("decoupled")), figures(5, 1));
    QCOMPARE(second.value(QStringLiteral("decoupled-3")), figures(2, 3));
    QCOMPARE(second.value(QStringLiteral("decoupled-7")), figures(6, 6));
}

void TestExport::progressReachesTotalAndCancelLeavesNoFile()
{
    RunStore store;
    QVERIFY(store.open(m_dir.filePath(QStringLiteral("progress.sqlite"))));
    const auto id = writeTestRun(store, 3000); // 3000 s × 12 rows: several progress reports
    QVERIFY2(id, qPrintable(store.errorString()));

    QList<std::pair<qint64, qint64>> calls;
    Exporter exporter(store);
    exporter.setProgress([&](qint64 done, qint64 total) {
        calls << std::pair{done, total};
        return true;
    });
    const QString path = m_dir.filePath(QStringLiteral("progress.csv"));
    QVERIFY(exporter.writeCsv(*id, path));
    QVERIFY(calls.size() >= 2);
    for (int i = 0; i < calls.size(); ++i) {
        QCOMPARE(calls[i].second, 3000 * 12);
        QVERIFY(calls[i].first <= calls[i].second);
        if (i > 0)
            QVERIFY(calls[i].first > calls[i - 1].first);
    }
    QCOMPARE(calls.last().first, 3000 * 12);

    const QString cancelled = m_dir.filePath(QStringLiteral("cancelled.json"));
    exporter.setProgress([](qint64, qint64) { return false; });
    QVERIFY(!exporter.writeJson(*id, cancelled));
    QVERIFY(exporter.cancelled());
    QVERIFY(exporter.errorString().contains(cancelled));
    QVERIFY(!QFile::exists(cancelled));
}

void TestExport::errorsNameTheFile()
{
    Exporter exporter(m_store);
    const QString out = m_dir.filePath(QStringLiteral("never.csv"));
    QVERIFY(!exporter.writeCsv(m_run + 100, out));
    QVERIFY2(exporter.errorString().contains(m_store.path()), qPrintable(exporter.errorString()));
    QVERIFY(exporter.errorString().contains(QString::number(m_run + 100)));
    QVERIFY(!QFile::exists(out));

    const QString unwritable = m_dir.filePath(QStringLiteral("no/such/dir/run.csv"));
    QVERIFY(!exporter.writeCsv(m_run, unwritable));
    QVERIFY2(exporter.errorString().contains(unwritable), qPrintable(exporter.errorString()));
    QVERIFY(!exporter.cancelled());
}

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
