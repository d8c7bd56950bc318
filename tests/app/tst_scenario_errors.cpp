// The scenario format on the bad path: every mistake gets one message naming the file, the JSON
// path and what was expected, all problems of a file are reported together, and no input is
// accepted with a silent default. Two tables: the broken files in tests/fixtures/broken (each
// with the exact expected lines in NAME.expected) and single edits of a valid scenario.

#include "ScenarioLoader.h"
#include "ScenarioWriter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace postoffice::app;

namespace {

QString brokenDir()
{
    return QStringLiteral(POSTOFFICE_FIXTURES_DIR "/broken");
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A small valid scenario using every node kind, so that single edits can reach every check.
const char *const kBase = R"({
  "schema": "postoffice.scenario/1", "name": "Edit me", "seed": 1, "duration_s": 3600,
  "cluster": {"brokers": 3},
  "nodes": [
    {"id": "checkout", "kind": "producer", "pos": [0, 0], "traffic": {"pattern": "poisson", "rate_per_s": 20}},
    {"id": "orders-svc", "kind": "service", "pos": [220, 0], "workers": 8,
     "service_time": {"dist": "exponential", "mean_ms": 20}},
    {"id": "orders", "kind": "topic", "pos": [440, 0], "partitions": 6, "replication_factor": 3},
    {"id": "mail", "kind": "service", "pos": [660, 0], "workers": 3,
     "service_time": {"dist": "lognormal", "mean_ms": 100, "sigma": 0.4}, "stock": {"initial": 50, "threshold": 5}},
    {"id": "per-minute", "kind": "stream", "pos": [660, 120], "operation": "aggregate", "window_s": 60,
     "service_time": {"dist": "constant", "mean_ms": 1}},
    {"id": "broker-0", "kind": "broker", "pos": [440, 120], "broker_id": 0}
  ],
  "architectures": {
    "tight": {"edges": [
      {"kind": "call", "from": "checkout", "to": "orders-svc"},
      {"kind": "call", "from": "orders-svc", "to": "mail", "timeout_ms": 1000, "retries": 1,
       "circuit_breaker": {"failure_threshold": 5, "open_ms": 2000, "half_open_probes": 1}}]},
    "decoupled": {"edges": [
      {"kind": "call", "from": "checkout", "to": "orders-svc"},
      {"kind": "publish", "from": "orders-svc", "to": "orders", "acks": "1"},
      {"kind": "subscribe", "from": "orders", "to": "mail", "consumers": 3},
      {"kind": "subscribe", "from": "orders", "to": "per-minute", "consumers": 1}]}},
  "faults": [
    {"kind": "slow", "target": "mail", "at_s": 100, "duration_s": 60, "factor": 3},
    {"kind": "network_cut", "target": "orders-svc", "peer": "orders", "at_s": 100, "duration_s": 60},
    {"kind": "consumer_crash", "target": "mail", "at_s": 100, "duration_s": 60, "consumers": 1}],
  "narration": [{"at_s": 0, "text": "Hello."}]
})";

// Sets (or with "#delete" removes) the value at a slash-separated path such as "nodes/1/workers".
QJsonValue edited(const QJsonValue &at, QStringList path, const QJsonValue &value, bool remove)
{
    const QString head = path.takeFirst();
    bool isIndex = false;
    const int index = head.toInt(&isIndex);
    if (isIndex) {
        QJsonArray array = at.toArray();
        if (path.isEmpty() && remove)
            array.removeAt(index);
        else
            array[index] = path.isEmpty() ? value : edited(array.at(index), path, value, remove);
        return array;
    }
    QJsonObject object = at.toObject();
    if (path.isEmpty() && remove)
        object.remove(head);
    else
        object[head] = path.isEmpty() ? value : edited(object.value(head), path, value, remove);
    return object;
}

} // namespace

class TestScenarioErrors : public QObject
{
    Q_OBJECT

private slots:
    void brokenFixtureGivesExpectedMessages_data();
    void brokenFixtureGivesExpectedMessages();
    void everyRequiredKindOfMistakeHasAFixture();
    void baseScenarioIsValid();
    void singleEditIsReported_data();
    void singleEditIsReported();
    void loadNamesTheFileAsGiven();
    void duplicateKeyIsReported_data();
    void duplicateKeyIsReported();
    void hugeAndDeepInputsAreRejectedCleanly();
};

void TestScenarioErrors::brokenFixtureGivesExpectedMessages_data()
{
    QTest::addColumn<QString>("name");
    const QStringList files =
        QDir(brokenDir()).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << file;
}

void TestScenarioErrors::brokenFixtureGivesExpectedMessages()
{
    QFETCH(QString, name);
    const QString expectedPath =
        brokenDir() + u'/' + QFileInfo(name).completeBaseName() + QStringLiteral(".expected");
    QVERIFY2(QFile::exists(expectedPath), qPrintable(expectedPath + QStringLiteral(" is missing")));
    const QStringList expected = QString::fromUtf8(readBytes(expectedPath)).split(u'\n', Qt::SkipEmptyParts);
    const auto result = ScenarioLoader::parse(readBytes(brokenDir() + u'/' + name), name);
    QVERIFY(!result.ok());
    if (result.messages() != expected) {
        for (const QString &line : result.messages())
            qWarning().noquote() << "actual>" << line;
    }
    QCOMPARE(result.messages(), expected);
}

void TestScenarioErrors::everyRequiredKindOfMistakeHasAFixture()
{
    const QStringList required = {"invalid-json",
                                  "missing-field",
                                  "mistyped-field",
                                  "unknown-node-in-edge",
                                  "negative-rate",
                                  "zero-workers",
                                  "call-cycle",
                                  "unknown-schema-version",
                                  "wrong-edge-kind",
                                  "unknown-fault-target",
                                  "replication-factor-too-high",
                                  "empty",
                                  "not-an-object",
                                  "duplicate-key"};
    for (const QString &name : required) {
        QVERIFY2(QFile::exists(brokenDir() + u'/' + name + QStringLiteral(".json")), qPrintable(name));
        QVERIFY2(QFile::exists(brokenDir() + u'/' + name + QStringLiteral(".expected")), qPrintable(name));
    }
}

void TestScenarioErrors::baseScenarioIsValid()
{
    const auto result = ScenarioLoader::parse(kBase, QStringLiteral("edit.json"));
    QVERIFY2(result.issues.isEmpty(), qPrintable(result.messages().join(u'\n')));
    // The base itself survives a round trip, so every edit below starts from a sound file.
    const auto again =
        ScenarioLoader::parse(ScenarioWriter::toBytes(*result.scenario), QStringLiteral("x.json"));
    QVERIFY(again.ok());
    QVERIFY(*again.scenario == *result.scenario);
}

void TestScenarioErrors::singleEditIsReported_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value"); // JSON text, or "#delete"
    QTest::addColumn<QString>("expected");

    const QString tight = QStringLiteral("architectures/tight/edges/");
    const QString dec = QStringLiteral("architectures/decoupled/edges/");
    auto row = [](const char *name, const QString &path, const QString &value, const QString &expected) {
        QTest::newRow(name) << path << value << QStringLiteral("edit.json: ") + expected;
    };
    row("name empty", "name", "\"\"", "$.name: expected a non-empty string, got the string \"\"");
    row("name missing", "name", "#delete", "$.name: required key is missing (expected a non-empty string)");
    row("seed negative", "seed", "-1", "$.seed: expected a non-negative integer, got -1");
    row("seed beyond 2^53", "seed", "1e17",
        "$.seed: expected a non-negative integer no greater than 9007199254740992, got 1e+17");
    row("nodes not array", "nodes", "{}", "$.nodes: expected an array, got an object");
    row("node not object", "nodes/5", "3", "$.nodes[5]: expected a node object, got 3");
    row("node id missing", "nodes/5/id", "#delete",
        "$.nodes[5].id: required key is missing (expected a non-empty string)");
    row("pos arity", "nodes/0/pos", "[1, 2, 3]",
        "$.nodes[0].pos: expected [x, y], an array of two numbers, got an array");
    row("label type", "nodes/0/label", "7", "$.nodes[0].label: expected a string, got 7");
    row("traffic missing", "nodes/0/traffic", "#delete",
        "$.nodes[0].traffic: required key is missing (expected an object)");
    row("rate zero", "nodes/0/traffic/rate_per_s", "0",
        "$.nodes[0].traffic.rate_per_s: expected a positive number, got 0");
    row("ramp from 0 to 0", "nodes/0/traffic",
        R"({"pattern": "ramp", "rate_per_s": 0, "to_rate_per_s": 0, "ramp_s": 60})",
        "$.nodes[0].traffic: a ramp from 0 to 0 per second sends nothing; expected rate_per_s or "
        "to_rate_per_s to be "
        "positive");
    row("ramp missing ramp_s", "nodes/0/traffic",
        R"({"pattern": "ramp", "rate_per_s": 1, "to_rate_per_s": 9})",
        "$.nodes[0].traffic.ramp_s: required key is missing (expected a positive number)");
    row("spike after the end", "nodes/0/traffic",
        R"({"pattern": "spike", "rate_per_s": 1, "spike_rate_per_s": 9, "spike_at_s": 3600, "spike_duration_s": 5})",
        "$.nodes[0].traffic.spike_at_s: expected a time within the run (duration_s = 3600), got 3600");
    row("daily hour 24", "nodes/0/traffic", R"({"pattern": "daily", "rate_per_s": 1, "peak_at_h": 24})",
        "$.nodes[0].traffic.peak_at_h: expected an hour of the day, >= 0 and < 24, got 24");
    row("daily factor below 1", "nodes/0/traffic",
        R"({"pattern": "daily", "rate_per_s": 1, "peak_factor": 0.5})",
        "$.nodes[0].traffic.peak_factor: expected a number >= 1, got 0.5");
    row("event_type empty", "nodes/0/event_type", "\"\"",
        "$.nodes[0].event_type: expected a non-empty string, got the string \"\"");
    row("workers fractional", "nodes/1/workers", "2.5",
        "$.nodes[1].workers: expected a positive integer, got 2.5");
    row("workers huge", "nodes/1/workers", "100000",
        "$.nodes[1].workers: expected a positive integer no greater than 10000, got 100000");
    row("queue_limit negative", "nodes/1/queue_limit", "-1",
        "$.nodes[1].queue_limit: expected a non-negative integer, got -1");
    row("sigma zero", "nodes/3/service_time/sigma", "0",
        "$.nodes[3].service_time.sigma: expected a positive number, got 0");
    row("sigma on exponential", "nodes/1/service_time/sigma", "0.3",
        "$.nodes[1].service_time.sigma: not used by exponential service times, only by lognormal service "
        "times");
    row("stock threshold missing", "nodes/3/stock/threshold", "#delete",
        "$.nodes[3].stock.threshold: required key is missing (expected a non-negative integer)");
    row("stream operation", "nodes/4/operation", "\"join\"",
        "$.nodes[4].operation: expected one of \"filter\", \"map\" or \"aggregate\", got the string "
        "\"join\"");
    row("stream keep_ratio", "nodes/4/keep_ratio", "2",
        "$.nodes[4].keep_ratio: expected a number between 0 and 1, got 2");
    row("stream window", "nodes/4/window_s", "0", "$.nodes[4].window_s: expected a positive number, got 0");
    row("stream workers", "nodes/4/workers", "2",
        "$.nodes[4].workers: not used by stream nodes, only by service nodes");
    row("broker id outside cluster", "nodes/5/broker_id", "3",
        "$.nodes[5].broker_id: expected a broker of the cluster, 0 to 2, got 3");
    row("broker id missing", "nodes/5/broker_id", "#delete",
        "$.nodes[5].broker_id: required key is missing (expected a non-negative integer)");
    row("topic min.insync above rf", "nodes/2/config", R"({"min.insync.replicas": 4})",
        "$.nodes[2].config['min.insync.replicas']: expected at most replication_factor (3), got 4");
    row("topic retention below -1", "nodes/2/config", R"({"retention.ms": -2})",
        "$.nodes[2].config['retention.ms']: expected an integer from -1 to 9007199254740992, got -2");
    row("cluster config broker name", "cluster/config", R"({"log.retention.ms": 1000})",
        "$.cluster.config['log.retention.ms']: unknown Kafka config \"log.retention.ms\" (known here: "
        "retention.ms, "
        "retention.bytes, segment.bytes, segment.ms, delete.retention.ms, max.message.bytes, cleanup.policy, "
        "min.insync.replicas, unclean.leader.election.enable)");
    row("segment.bytes below Kafka's minimum", "nodes/2/config", R"({"segment.bytes": 10})",
        "$.nodes[2].config['segment.bytes']: expected an integer from 14 to 2147483647, got 10");
    row("cluster latency negative", "cluster/network_latency_ms", "-5",
        "$.cluster.network_latency_ms: expected a number >= 0, got -5");
    row("architectures empty", "architectures", "{}",
        "$.architectures: expected at least one architecture (such as \"tight\" or \"decoupled\"), got an "
        "empty object");
    row("architecture not object", "architectures/tight", "[]",
        "$.architectures.tight: expected an architecture object, got an array");
    row("edges missing", "architectures/tight/edges", "#delete",
        "$.architectures.tight.edges: required key is missing (expected an array)");
    row("edge not object", tight + "0", "\"checkout->orders-svc\"",
        "$.architectures.tight.edges[0]: expected an edge object, got the string \"checkout->orders-svc\"");
    row("edge kind unknown", tight + "0/kind", "\"rpc\"",
        "$.architectures.tight.edges[0].kind: expected one of \"call\", \"publish\" or \"subscribe\", got "
        "the string "
        "\"rpc\"");
    row("edge from unknown", tight + "0/from", "\"checkuot\"",
        "$.architectures.tight.edges[0].from: unknown node \"checkuot\" (did you mean \"checkout\"?)");
    row("self call", tight + "1/to", "\"orders-svc\"",
        "$.architectures.tight.edges[1]: synchronous calls form a cycle: \"orders-svc\" -> \"orders-svc\"");
    row("timeout zero", tight + "1/timeout_ms", "0",
        "$.architectures.tight.edges[1].timeout_ms: expected a positive number, got 0");
    row("retries negative", tight + "1/retries", "-1",
        "$.architectures.tight.edges[1].retries: expected a non-negative integer, got -1");
    row("backoff negative", tight + "1/backoff_ms", "-1",
        "$.architectures.tight.edges[1].backoff_ms: expected a number >= 0, got -1");
    row("bulkhead zero", tight + "1/bulkhead", "0",
        "$.architectures.tight.edges[1].bulkhead: expected a positive integer, got 0");
    row("breaker threshold zero", tight + "1/circuit_breaker/failure_threshold", "0",
        "$.architectures.tight.edges[1].circuit_breaker.failure_threshold: expected a positive integer, got "
        "0");
    row("breaker unknown key", tight + "1/circuit_breaker/half_open", "1",
        "$.architectures.tight.edges[1].circuit_breaker.half_open: warning: unknown key, kept as is");
    row("trigger unknown", tight + "1/trigger", "\"sometimes\"",
        "$.architectures.tight.edges[1].trigger: expected one of \"always\" or \"low_stock\", got the string "
        "\"sometimes\"");
    row("low_stock without stock", tight + "0/trigger", "\"low_stock\"",
        "$.architectures.tight.edges[0].trigger: \"low_stock\" needs a stock on node \"checkout\" (add "
        "$.nodes[0].stock)");
    row("acks as number", dec + "1/acks", "1",
        "$.architectures.decoupled.edges[1].acks: expected one of \"0\", \"1\" or \"all\", got 1");
    row("key type", dec + "1/key", "null",
        "$.architectures.decoupled.edges[1].key: expected a string, got null");
    row("publish retries", dec + "1/retries", "3",
        "$.architectures.decoupled.edges[1].retries: not used by publish edges, only by call edges");
    row("consumers zero", dec + "2/consumers", "0",
        "$.architectures.decoupled.edges[2].consumers: expected a positive integer, got 0");
    row("group empty", dec + "2/group", "\"\"",
        "$.architectures.decoupled.edges[2].group: expected a non-empty string, got the string \"\"");
    row("auto commit type", dec + "2/enable_auto_commit", "\"yes\"",
        "$.architectures.decoupled.edges[2].enable_auto_commit: expected true or false, got the string "
        "\"yes\"");
    row("offset reset", dec + "2/auto_offset_reset", "\"none\"",
        "$.architectures.decoupled.edges[2].auto_offset_reset: expected one of \"earliest\" or \"latest\", "
        "got the "
        "string \"none\"");
    row("subscribe to a producer", dec + "3/to", "\"checkout\"",
        "$.architectures.decoupled.edges[3]: a subscribe edge cannot go from topic \"orders\" to producer "
        "\"checkout\"; subscribe edges go from a topic to a service or stream");
    row("edge to a broker", dec + "1/to", "\"broker-0\"",
        "$.architectures.decoupled.edges[1]: a publish edge cannot go from service \"orders-svc\" to broker "
        "\"broker-0\"; publish edges go from a producer, service or stream to a topic");
    row("fault not object", "faults/0", "true", "$.faults[0]: expected a fault object, got true");
    row("fault kind unknown", "faults/0/kind", "\"fire\"",
        "$.faults[0].kind: expected one of \"down\", \"slow\", \"error_rate\", \"consumer_crash\", "
        "\"broker_down\", "
        "\"network_cut\" or \"spike\", got the string \"fire\"");
    row("fault after the end", "faults/0/at_s", "7200",
        "$.faults[0].at_s: expected a time within the run (duration_s = 3600), got 7200");
    row("fault zero length", "faults/0/duration_s", "0",
        "$.faults[0].duration_s: expected a positive number, got 0");
    row("slow without amount", "faults/0/factor", "#delete",
        "$.faults[0]: a slow fault needs \"factor\" (service time x factor) or \"add_ms\" (+ milliseconds "
        "per request)");
    row("slow factor below 1", "faults/0/factor", "0.5",
        "$.faults[0].factor: expected a number >= 1, got 0.5");
    row("slow on a topic", "faults/0/target", "\"orders\"",
        "$.faults[0].target: expected a service or stream node for a \"slow\" fault, got topic \"orders\"");
    row("fault architecture unknown", "faults/0/architecture", "\"decouple\"",
        "$.faults[0].architecture: unknown architecture \"decouple\" (did you mean \"decoupled\"?)");
    row("error_rate without rate", "faults/0",
        R"({"kind": "error_rate", "target": "mail", "at_s": 1, "duration_s": 1})",
        "$.faults[0].rate: required key is missing (expected a number between 0 and 1)");
    row("network cut to itself", "faults/1/peer", "\"orders-svc\"",
        "$.faults[1].peer: expected a node other than the target, got \"orders-svc\"");
    row("network cut unknown peer", "faults/1/peer", "\"ordres\"",
        "$.faults[1].peer: unknown node \"ordres\" (did you mean \"orders\"?)");
    row("crash of a non-consumer", "faults/2/target", "\"orders-svc\"",
        "$.faults[2].target: node \"orders-svc\" consumes no topic (a consumer_crash needs a subscribe edge "
        "to it)");
    row("crash limited to tight", "faults/2/architecture", "\"tight\"",
        "$.faults[2].target: node \"mail\" consumes no topic (a consumer_crash needs a subscribe edge to "
        "it)");
    row("narration text missing", "narration/0/text", "#delete",
        "$.narration[0].text: required key is missing (expected a non-empty string)");
    row("narration pause type", "narration/0/pause", "1",
        "$.narration[0].pause: expected true or false, got 1");
    row("narration not object", "narration/0", "\"Hello\"",
        "$.narration[0]: expected a narration object, got the string \"Hello\"");
}

void TestScenarioErrors::singleEditIsReported()
{
    QFETCH(QString, path);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const QJsonObject base = QJsonDocument::fromJson(kBase).object();
    const bool remove = value == u"#delete";
    const QJsonValue newValue =
        remove ? QJsonValue() : QJsonDocument::fromJson("[" + value.toUtf8() + "]").array().at(0);
    QVERIFY(remove || !newValue.isUndefined());
    const QJsonObject root = edited(base, path.split(u'/'), newValue, remove).toObject();
    const auto result = ScenarioLoader::parse(QJsonDocument(root).toJson(), QStringLiteral("edit.json"));
    if (result.messages() != QStringList{expected})
        qWarning().noquote() << result.messages().join(u'\n');
    QCOMPARE(result.messages(), QStringList{expected});
    // Only warnings leave the scenario usable.
    QCOMPARE(result.ok(), expected.contains(QStringLiteral(": warning: ")));
}

void TestScenarioErrors::loadNamesTheFileAsGiven()
{
    const QString missing = QDir::tempPath() + QStringLiteral("/postoffice-no-such-scenario.json");
    const auto absent = ScenarioLoader::load(missing);
    QVERIFY(!absent.ok());
    QCOMPARE(absent.messages().size(), 1);
    QVERIFY(absent.messages().first().startsWith(missing + QStringLiteral(": cannot open: ")));

    const QString path = brokenDir() + QStringLiteral("/zero-workers.json");
    const auto broken = ScenarioLoader::load(path);
    QCOMPARE(broken.messages(),
             QStringList{path + QStringLiteral(": $.nodes[3].workers: expected a positive integer, got 0")});
}

void TestScenarioErrors::duplicateKeyIsReported_data()
{
    // Text edits of the base (a QJsonObject cannot hold a key twice): `find` becomes `replace`.
    QTest::addColumn<QString>("find");
    QTest::addColumn<QString>("replace");
    QTest::addColumn<QStringList>("expected");
    const QString tail = QStringLiteral(
        "; expected each key once in an object: JSON keeps only the last value, so the other is silently "
        "ignored");
    QTest::newRow("top level")
        << R"("seed": 1,)"
        << R"("seed": 1, "seed": 2,)"
        << QStringList{"edit.json: $.seed: duplicate key \"seed\" (line 2, first at line 2)" + tail};
    QTest::newRow("cluster") << R"({"brokers": 3})"
                             << R"({"brokers": 3, "brokers": 3})"
                             << QStringList{
                                    "edit.json: $.cluster.brokers: duplicate key \"brokers\" (line 3, "
                                    "first at line 3)" +
                                    tail};
    QTest::newRow("escaped, on another line")
        << R"("window_s": 60,)"
        << "\"window_s\": 60,\n     \"window\\u005fs\": 30,"
        << QStringList{
               "edit.json: $.nodes[4].window_s: duplicate key \"window_s\" (line 12, first at line 11)" +
               tail};
    // Which of the two "tight" would run is exactly what must not be left to chance.
    QTest::newRow("architecture name")
        << R"("decoupled": {"edges": [)"
        << R"("tight": {"edges": []}, "decoupled": {"edges": [)"
        << QStringList{
               "edit.json: $.architectures.tight: duplicate key \"tight\" (line 20, first at line 16)" +
               tail};
    QTest::newRow("same value twice")
        << R"("consumers": 1}]}},)"
        << R"("consumers": 1, "to": "per-minute"}]}},)"
        << QStringList{
               "edit.json: $.architectures.decoupled.edges[3].to: duplicate key \"to\" (line 24, first "
               "at line 24)" +
               tail};
}

void TestScenarioErrors::duplicateKeyIsReported()
{
    QFETCH(QString, find);
    QFETCH(QString, replace);
    QFETCH(QStringList, expected);
    QString text = QString::fromUtf8(kBase);
    QCOMPARE(text.count(find), 1);
    text.replace(find, replace);
    const auto result = ScenarioLoader::parse(text.toUtf8(), QStringLiteral("edit.json"));
    QVERIFY(!result.ok()); // an error, not a warning: the file does not run with a guessed value
    QCOMPARE(result.messages(), expected);
}

void TestScenarioErrors::hugeAndDeepInputsAreRejectedCleanly()
{
    // Far deeper than any scenario: the JSON parser's nesting limit answers, not the stack.
    const QByteArray deep = QByteArray(5000, '[') + QByteArray(5000, ']');
    const auto nested = ScenarioLoader::parse(deep, QStringLiteral("deep.json"));
    QVERIFY(!nested.ok());
    QCOMPARE(nested.messages().size(), 1);
    QVERIFY(nested.messages().first().startsWith(QStringLiteral("deep.json:1:")));

    // A long chain of calls: the cycle check walks it without recursion.
    QJsonObject root = QJsonDocument::fromJson(kBase).object();
    QJsonArray nodes;
    QJsonArray edges;
    constexpr int kChain = 5000;
    for (int i = 0; i < kChain; ++i) {
        nodes.append(QJsonObject{{"id", QString::number(i)},
                                 {"kind", "service"},
                                 {"service_time", QJsonObject{{"dist", "constant"}, {"mean_ms", 1}}}});
        if (i > 0)
            edges.append(
                QJsonObject{{"kind", "call"}, {"from", QString::number(i - 1)}, {"to", QString::number(i)}});
    }
    edges.append(QJsonObject{{"kind", "call"}, {"from", QString::number(kChain - 1)}, {"to", "0"}});
    root["nodes"] = nodes;
    root["architectures"] = QJsonObject{{"tight", QJsonObject{{"edges", edges}}}};
    root.remove(QStringLiteral("faults"));
    const auto chain = ScenarioLoader::parse(QJsonDocument(root).toJson(), QStringLiteral("chain.json"));
    QCOMPARE(chain.messages().size(), 1);
    QVERIFY(chain.messages().first().startsWith(QStringLiteral(
        "chain.json: $.architectures.tight.edges[4999]: synchronous calls form a cycle: \"0\" -> \"1\"")));
}

QTEST_GUILESS_MAIN(TestScenarioErrors)
#include "tst_scenario_errors.moc"
