// The scenario format on the good path: every shipped scenario loads without a single warning,
// saves back to the same JSON value, tells the story its description promises (checked with the
// queueing arithmetic the description quotes), and the JSON Schema documents every key the
// loader accepts.

#include "Scenario.h"
#include "ScenarioKeys.h"
#include "ScenarioLoader.h"
#include "ScenarioWriter.h"
#include "Simulation.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>

using namespace postoffice::app;

namespace {

QString scenariosDir()
{
    return QStringLiteral(POSTOFFICE_SOURCE_DIR "/scenarios");
}

QStringList shippedFiles()
{
    QStringList files;
    const QDir dir(scenariosDir());
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        if (name != u"scenario.schema.json")
            files << dir.filePath(name);
    }
    return files;
}

QStringList fixtureFiles()
{
    QStringList files;
    const QDir dir(QStringLiteral(POSTOFFICE_FIXTURES_DIR "/scenarios"));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

Scenario loadOrFail(const QString &path)
{
    const auto result = ScenarioLoader::load(path);
    if (!result.ok())
        qWarning().noquote() << result.messages().join(u'\n');
    return result.scenario.value_or(Scenario{});
}

const EdgeSpec *findEdge(const ArchitectureSpec &arch, EdgeKind kind, const QString &from, const QString &to)
{
    for (const EdgeSpec &e : arch.edges) {
        if (e.kind == kind && e.from == from && e.to == to)
            return &e;
    }
    return nullptr;
}

// Records per second a consumer group can process: members beyond the partition count idle.
double groupCapacity(const Scenario &s, const ArchitectureSpec &arch, const QString &consumer)
{
    for (const EdgeSpec &e : arch.edges) {
        if (e.kind == EdgeKind::Subscribe && e.to == consumer) {
            const int members = std::min(e.consumers, s.node(e.from)->partitions);
            return members * 1000.0 / s.node(consumer)->service_time.mean_ms;
        }
    }
    return 0;
}

} // namespace

class TestScenario : public QObject
{
    Q_OBJECT

private slots:
    void shippedScenarioLoadsCleanly_data();
    void shippedScenarioLoadsCleanly();
    void writerReproducesTheFile_data();
    void writerReproducesTheFile();
    void roundTripPreservesTheModel_data();
    void roundTripPreservesTheModel();
    void theoryFixturesExpressSingleServiceModels();
    void defaultsAreNotWrittenAndKindKeysStayWithTheirKind();
    void unknownKeysAreKeptAndWarned();
    void saveIsReadBack();
    void architecturesKeepTheFileOrder();
    void notificationOutageBacklogTakesHours();
    void consumerScalingShowsThePartitionCap();
    void brokerFailureComparesAcks();
    void uncleanElectionLosesTheUnreadBacklog();
    void dominoChainsTopics();
    void schemaDocumentsEveryAcceptedKey();
    void schemaEnumsMatchTheLoader();
};

void TestScenario::shippedScenarioLoadsCleanly_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files = shippedFiles();
    const QStringList required = {
        "baseline.json",       "notification-outage.json", "slow-inventory.json",   "black-friday-spike.json",
        "domino-restock.json", "broker-failure.json",      "consumer-scaling.json", "unclean-election.json"};
    for (const QString &name : required)
        QVERIFY2(files.contains(scenariosDir() + u'/' + name),
                 qPrintable(name + QStringLiteral(" is not shipped")));
    for (const QString &path : files)
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

void TestScenario::shippedScenarioLoadsCleanly()
{
    QFETCH(QString, path);
    const auto result = ScenarioLoader::load(path);
    QVERIFY2(result.issues.isEmpty(), qPrintable(result.messages().join(u'\n')));
    const Scenario &s = *result.scenario;
    QVERIFY(!s.name.isEmpty());
    QVERIFY(s.description.size() > 200); // the numbers behind the story are in it
    QVERIFY(s.architecture(QStringLiteral("tight")));
    QVERIFY(s.architecture(QStringLiteral("decoupled")));

    // A trainer can present it: narration inside the run, in order, with at least one pause.
    QVERIFY(s.narration.size() >= 3);
    QVERIFY(std::is_sorted(s.narration.begin(), s.narration.end(),
                           [](const NarrationStep &a, const NarrationStep &b) { return a.at_s < b.at_s; }));
    QVERIFY(
        std::any_of(s.narration.begin(), s.narration.end(), [](const NarrationStep &n) { return n.pause; }));

    // Readable canvas: on the 220 x 60 grid (half rows let a cluster's brokers sit in a row under
    // its topic without making the graph tall), no two nodes on the same spot, flow left to right.
    std::set<std::pair<double, double>> spots;
    for (const NodeSpec &n : s.nodes) {
        QCOMPARE(std::fmod(n.pos.x(), 220.0), 0.0);
        QCOMPARE(std::fmod(n.pos.y(), 60.0), 0.0);
        QVERIFY2(spots.insert({n.pos.x(), n.pos.y()}).second, qPrintable(n.id));
    }
    for (const ArchitectureSpec &a : s.architectures) {
        for (const EdgeSpec &e : a.edges) {
            if (e.trigger != u"low_stock" && s.node(e.to)->kind != NodeKind::Broker)
                QVERIFY2(s.node(e.from)->pos.x() < s.node(e.to)->pos.x(),
                         qPrintable(e.from + QStringLiteral("->") + e.to));
        }
    }
    // Every fault ends within the run, so that the recovery is part of what is shown.
    for (const FaultSpec &f : s.faults)
        QVERIFY(f.at_s + f.duration_s < s.duration_s);
}

void TestScenario::writerReproducesTheFile_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &path : shippedFiles() + fixtureFiles())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

void TestScenario::writerReproducesTheFile()
{
    QFETCH(QString, path);
    const QJsonObject original = readJson(path);
    QVERIFY(!original.isEmpty());
    const QJsonObject written = ScenarioWriter::toJson(loadOrFail(path));
    if (written != original) {
        qWarning().noquote() << "written:" << QJsonDocument(written).toJson();
        QFAIL("write(load(f)) differs from f");
    }
}

void TestScenario::roundTripPreservesTheModel_data()
{
    writerReproducesTheFile_data();
}

void TestScenario::roundTripPreservesTheModel()
{
    QFETCH(QString, path);
    const Scenario first = loadOrFail(path);
    const auto again = ScenarioLoader::parse(ScenarioWriter::toBytes(first), QStringLiteral("saved.json"));
    QVERIFY2(again.issues.isEmpty(), qPrintable(again.messages().join(u'\n')));
    QVERIFY(*again.scenario == first);
}

void TestScenario::theoryFixturesExpressSingleServiceModels()
{
    const Scenario mm1 = loadOrFail(QStringLiteral(POSTOFFICE_FIXTURES_DIR "/scenarios/mm1.json"));
    const Scenario mmc = loadOrFail(QStringLiteral(POSTOFFICE_FIXTURES_DIR "/scenarios/mmc.json"));
    for (const Scenario *s : {&mm1, &mmc}) {
        QCOMPARE(s->nodes.size(), size_t(2));
        const NodeSpec &source = s->nodes[0];
        const NodeSpec &server = s->nodes[1];
        QCOMPARE(source.kind, NodeKind::Producer);
        QCOMPARE(source.traffic.pattern, TrafficPattern::Poisson);
        QCOMPARE(server.kind, NodeKind::Service);
        QCOMPARE(server.service_time.dist, ServiceTimeDist::Exponential);
        QVERIFY(!server.queue_limit);
        QCOMPARE(s->architectures.size(), size_t(1));
        QCOMPARE(s->architectures[0].edges.size(), size_t(1));
        QVERIFY(!s->architectures[0].edges[0].timeout_ms); // waits as long as it takes
        const double rho = source.traffic.rate_per_s * server.service_time.mean_ms / 1000.0 / server.workers;
        QCOMPARE(rho, 0.8);
    }
    QCOMPARE(mm1.nodes[1].workers, 1);
    QCOMPARE(mmc.nodes[1].workers, 3);
}

void TestScenario::defaultsAreNotWrittenAndKindKeysStayWithTheirKind()
{
    Scenario s = loadOrFail(QStringLiteral(POSTOFFICE_FIXTURES_DIR "/scenarios/mm1.json"));
    EdgeSpec &call = s.architectures[0].edges[0];
    call.acks = QStringLiteral("1"); // a publish setting on a call edge: not the call's business
    call.consumers = 4;
    NodeSpec &server = s.nodes[1];
    server.partitions = 12; // a topic setting on a service
    QJsonObject json = ScenarioWriter::toJson(s);
    const QJsonObject edge =
        json[QStringLiteral("architectures")][QStringLiteral("tight")][QStringLiteral("edges")][0].toObject();
    QCOMPARE(edge.keys(), (QStringList{"from", "kind", "to"}));
    const QJsonObject node = json[QStringLiteral("nodes")][1].toObject();
    QVERIFY(!node.contains(QStringLiteral("partitions")));
    QVERIFY(!node.contains(QStringLiteral("error_rate"))); // default 0
    QVERIFY(node.contains(QStringLiteral("workers")));     // defining keys are always written

    call.retries = 3;
    call.timeout_ms = 250;
    json = ScenarioWriter::toJson(s);
    const QJsonObject changed =
        json[QStringLiteral("architectures")][QStringLiteral("tight")][QStringLiteral("edges")][0].toObject();
    QCOMPARE(changed[QStringLiteral("retries")].toInt(), 3);
    QCOMPARE(changed[QStringLiteral("timeout_ms")].toDouble(), 250.0);
}

void TestScenario::unknownKeysAreKeptAndWarned()
{
    QJsonObject root = readJson(QStringLiteral(POSTOFFICE_FIXTURES_DIR "/scenarios/mmc.json"));
    QJsonArray nodes = root[QStringLiteral("nodes")].toArray();
    QJsonObject server = nodes[1].toObject();
    server.insert(QStringLiteral("worker"), 5); // a typo: kept, but flagged
    server.insert(QStringLiteral("colour"), QStringLiteral("#ff8800"));
    QJsonObject serviceTime = server[QStringLiteral("service_time")].toObject();
    serviceTime.insert(QStringLiteral("note"), QJsonArray{1, 2});
    server.insert(QStringLiteral("service_time"), serviceTime);
    nodes[1] = server;
    root.insert(QStringLiteral("nodes"), nodes);
    root.insert(QStringLiteral("x-author"), QStringLiteral("trainer"));

    const auto result = ScenarioLoader::parse(QJsonDocument(root).toJson(), QStringLiteral("mmc.json"));
    QVERIFY(result.ok());
    QCOMPARE(result.messages(),
             (QStringList{
                 "mmc.json: $.nodes[1].service_time.note: warning: unknown key, kept as is",
                 "mmc.json: $.nodes[1].colour: warning: unknown key, kept as is",
                 "mmc.json: $.nodes[1].worker: warning: unknown key, kept as is (did you mean \"workers\"?)",
                 "mmc.json: $['x-author']: warning: unknown key, kept as is"}));
    QCOMPARE(result.scenario->nodes[1].workers, 3);
    QCOMPARE(ScenarioWriter::toJson(*result.scenario), root);
}

void TestScenario::saveIsReadBack()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Scenario s = loadOrFail(scenariosDir() + QStringLiteral("/broker-failure.json"));
    s.name = QStringLiteral("Edited in the GUI");
    const QString path = dir.filePath(QStringLiteral("edited.json"));
    QString error;
    QVERIFY2(ScenarioWriter::save(s, path, &error), qPrintable(error));
    const auto back = ScenarioLoader::load(path);
    QVERIFY2(back.issues.isEmpty(), qPrintable(back.messages().join(u'\n')));
    QVERIFY(*back.scenario == s);

    QVERIFY(!ScenarioWriter::save(s, dir.filePath(QStringLiteral("missing/dir/x.json")), &error));
    QVERIFY(error.contains(QStringLiteral("missing/dir/x.json")));
}

void TestScenario::architecturesKeepTheFileOrder()
{
    // Not alphabetical: the author's order is the order of the table's columns and the GUI's views.
    Scenario s = loadOrFail(scenariosDir() + QStringLiteral("/broker-failure.json"));
    const auto names = [](const Scenario &sc) {
        QStringList n;
        for (const ArchitectureSpec &a : sc.architectures)
            n << a.name;
        return n;
    };
    QCOMPARE(names(s), (QStringList{"tight", "decoupled", "decoupled-acks1"}));
    std::reverse(s.architectures.begin(), s.architectures.end());
    s.architectures[0].name = QStringLiteral("z \"quoted\"");
    const QByteArray bytes = ScenarioWriter::toBytes(s);
    QJsonParseError error;
    QJsonDocument::fromJson(bytes, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const auto again = ScenarioLoader::parse(bytes, QStringLiteral("saved.json"));
    QVERIFY2(again.ok(), qPrintable(again.messages().join(u'\n')));
    QCOMPARE(names(*again.scenario), (QStringList{"z \"quoted\"", "decoupled", "tight"}));
    QVERIFY(*again.scenario == s);
    QCOMPARE(ScenarioWriter::toBytes(*again.scenario), bytes); // saving is stable
}

// DESIGN.md §4: an outage T of a consumer with capacity mu under load lambda builds lambda*T
// and drains in lambda*T/(mu - lambda); the default scenario must make that hours, and last long
// enough to show it.
void TestScenario::notificationOutageBacklogTakesHours()
{
    const Scenario s = loadOrFail(scenariosDir() + QStringLiteral("/notification-outage.json"));
    const double lambda = s.node(QStringLiteral("checkout"))->traffic.rate_per_s;
    const ArchitectureSpec &decoupled = *s.architecture(QStringLiteral("decoupled"));
    const double mu = groupCapacity(s, decoupled, QStringLiteral("notification"));
    QVERIFY(mu > lambda);
    QCOMPARE(s.faults.size(), size_t(1));
    const FaultSpec &outage = s.faults[0];
    QCOMPARE(outage.kind, FaultKind::Down);
    QCOMPARE(outage.target, QStringLiteral("notification"));
    QCOMPARE(outage.duration_s, 600.0);
    const double drain = lambda * outage.duration_s / (mu - lambda);
    QVERIFY2(drain >= 3600 && drain <= 3 * 3600, qPrintable(QString::number(drain)));
    QVERIFY(outage.at_s + outage.duration_s + drain < s.duration_s);
    // Members must share partitions evenly, or one member's slice drains slower than mu - lambda.
    const EdgeSpec *sub =
        findEdge(decoupled, EdgeKind::Subscribe, QStringLiteral("orders"), QStringLiteral("notification"));
    QVERIFY(sub);
    QCOMPARE(s.node(QStringLiteral("orders"))->partitions % sub->consumers, 0);
    // Tight mode depends on notification synchronously, so the outage fails orders there.
    QVERIFY(findEdge(*s.architecture(QStringLiteral("tight")), EdgeKind::Call,
                     QStringLiteral("order-service"), QStringLiteral("notification")));
}

void TestScenario::consumerScalingShowsThePartitionCap()
{
    const Scenario s = loadOrFail(scenariosDir() + QStringLiteral("/consumer-scaling.json"));
    const NodeSpec &orders = *s.node(QStringLiteral("orders"));
    QCOMPARE(orders.partitions, 6);
    const double lambda = s.node(QStringLiteral("checkout"))->traffic.rate_per_s;
    std::map<int, double> capacityByMembers;
    for (const ArchitectureSpec &a : s.architectures) {
        if (const EdgeSpec *e =
                findEdge(a, EdgeKind::Subscribe, QStringLiteral("orders"), QStringLiteral("fulfillment")))
            capacityByMembers[e->consumers] = groupCapacity(s, a, QStringLiteral("fulfillment"));
    }
    QVERIFY(capacityByMembers.count(7)); // more members than partitions: one idles
    QCOMPARE(capacityByMembers[7], capacityByMembers[6]);
    QVERIFY(capacityByMembers[6] > lambda);
    QVERIFY(capacityByMembers.begin()->second < lambda); // too few members fall behind
    QVERIFY(std::any_of(s.faults.begin(), s.faults.end(),
                        [](const FaultSpec &f) { return f.kind == FaultKind::ConsumerCrash; }));
}

void TestScenario::brokerFailureComparesAcks()
{
    const Scenario s = loadOrFail(scenariosDir() + QStringLiteral("/broker-failure.json"));
    QCOMPARE(s.cluster.brokers, 3);
    const NodeSpec &orders = *s.node(QStringLiteral("orders"));
    QCOMPARE(orders.replication_factor, 3);
    QCOMPARE(orders.config.at(QStringLiteral("min.insync.replicas")), QStringLiteral("2"));
    QSet<QString> acks;
    for (const ArchitectureSpec &a : s.architectures) {
        for (const EdgeSpec &e : a.edges) {
            if (e.kind == EdgeKind::Publish)
                acks << e.acks;
        }
    }
    QCOMPARE(acks, (QSet<QString>{"1", "all"}));
    int brokersDown = 0;
    for (const FaultSpec &f : s.faults) {
        QCOMPARE(f.kind, FaultKind::BrokerDown);
        QCOMPARE(s.node(f.target)->kind, NodeKind::Broker);
        ++brokersDown;
    }
    QCOMPARE(brokersDown, 2); // two down at once: ISR 1 < min.insync.replicas 2 for acks=all
}

void TestScenario::uncleanElectionLosesTheUnreadBacklog()
{
    // The ISR shrinks to broker 0, broker 0 fails, broker 1 comes back out of sync and is elected
    // because unclean.leader.election.enable=true: what notification had not read is truncated.
    const Scenario s = loadOrFail(scenariosDir() + QStringLiteral("/unclean-election.json"));
    const NodeSpec &orders = *s.node(QStringLiteral("orders"));
    QCOMPARE(orders.config.at(QStringLiteral("unclean.leader.election.enable")), QStringLiteral("true"));
    QCOMPARE(orders.config.at(QStringLiteral("min.insync.replicas")), QStringLiteral("1"));
    Simulation sim(s);
    QVERIFY2(sim.isValid(), qPrintable(sim.errorString()));
    sim.run();
    const RunSummary summary = sim.summary();
    QCOMPARE(summary.architectures.size(), size_t(2));
    for (const ArchitectureSummary &a : summary.architectures) {
        QVERIFY2(a.conservation_ok, qPrintable(a.name));
        QCOMPARE(a.placed, a.completed + a.failed + a.lost + a.in_flight);
    }
    const ArchitectureSummary &tight = summary.architectures[0];
    const ArchitectureSummary &decoupled = summary.architectures[1];
    QCOMPARE(tight.name, QStringLiteral("tight"));
    QCOMPARE(tight.lost, 0u); // no broker in its path
    // The description's arithmetic: notification's unread backlog of t = 700..900 s at 20/s.
    QVERIFY2(decoupled.lost > 3400 && decoupled.lost < 4600, qPrintable(QString::number(decoupled.lost)));
    QCOMPARE(decoupled.lost_by_reason,
             (std::map<QString, quint64>{{QStringLiteral("unclean_election"), decoupled.lost}}));
    // Offline from t = 900 to 960 s: about 1,200 publishes fail; tight fails for notification's 5 minutes.
    QVERIFY2(decoupled.failed > 900 && decoupled.failed < 1500,
             qPrintable(QString::number(decoupled.failed)));
    QVERIFY2(tight.failed > 5400 && tight.failed < 6600, qPrintable(QString::number(tight.failed)));
}

void TestScenario::dominoChainsTopics()
{
    const Scenario s = loadOrFail(scenariosDir() + QStringLiteral("/domino-restock.json"));
    const ArchitectureSpec &decoupled = *s.architecture(QStringLiteral("decoupled"));
    QVERIFY(s.node(QStringLiteral("inventory"))->stock);
    const EdgeSpec *alert =
        findEdge(decoupled, EdgeKind::Publish, QStringLiteral("inventory"), QStringLiteral("restock"));
    QVERIFY(alert);
    QCOMPARE(alert->trigger, QStringLiteral("low_stock"));
    QVERIFY(findEdge(decoupled, EdgeKind::Subscribe, QStringLiteral("orders"), QStringLiteral("inventory")));
    QVERIFY(
        findEdge(decoupled, EdgeKind::Subscribe, QStringLiteral("restock"), QStringLiteral("purchasing")));
    const EdgeSpec *tightAlert = findEdge(*s.architecture(QStringLiteral("tight")), EdgeKind::Call,
                                          QStringLiteral("inventory"), QStringLiteral("purchasing"));
    QVERIFY(tightAlert);
    QCOMPARE(tightAlert->trigger, QStringLiteral("low_stock"));
}

// Every key the loader accepts is documented in the schema, under the definition that describes
// its object, so the two cannot drift apart.
void TestScenario::schemaDocumentsEveryAcceptedKey()
{
    const QJsonObject schema = readJson(scenariosDir() + QStringLiteral("/scenario.schema.json"));
    QCOMPARE(schema[QStringLiteral("$schema")].toString(),
             QStringLiteral("https://json-schema.org/draft/2020-12/schema"));
    const QJsonObject defs = schema[QStringLiteral("$defs")].toObject();
    QVERIFY(!defs.isEmpty());
    for (const QString &context : ScenarioKeys::contexts()) {
        // "node.service" is documented in $defs/node, "config.topic" in $defs/topic_config.
        QString def = context.section(u'.', 0, 0);
        if (def == u"config")
            def = context.section(u'.', 1, 1) + QStringLiteral("_config");
        const QJsonObject properties = def == u"root" ? schema[QStringLiteral("properties")].toObject()
                                                      : defs[def][QStringLiteral("properties")].toObject();
        QVERIFY2(!properties.isEmpty(), qPrintable(QStringLiteral("no properties for ") + def));
        for (const QString &key : ScenarioKeys::keys(context)) {
            const QJsonObject property = properties[key].toObject();
            QVERIFY2(!property.isEmpty(),
                     qPrintable(context + QStringLiteral(": ") + key + QStringLiteral(" missing in schema")));
            QVERIFY2(
                !property[QStringLiteral("description")].toString().isEmpty(),
                qPrintable(context + QStringLiteral(": ") + key + QStringLiteral(" has no description")));
        }
        // And the reverse: nothing documented that the loader would call unknown.
        for (const QString &key : properties.keys())
            QVERIFY2(ScenarioKeys::familyKeys(context.section(u'.', 0, 0)).contains(key) ||
                         context.startsWith(QStringLiteral("config")),
                     qPrintable(def + QStringLiteral(": ") + key +
                                QStringLiteral(" documented but not accepted")));
    }
}

void TestScenario::schemaEnumsMatchTheLoader()
{
    const QJsonObject schema = readJson(scenariosDir() + QStringLiteral("/scenario.schema.json"));
    const QJsonObject defs = schema[QStringLiteral("$defs")].toObject();
    auto enumOf = [&](const QString &def, const QString &key) {
        QStringList values;
        for (const QJsonValue &v :
             defs[def][QStringLiteral("properties")][key][QStringLiteral("enum")].toArray())
            values << v.toString();
        return values;
    };
    QCOMPARE(enumOf(QStringLiteral("node"), QStringLiteral("kind")), ScenarioKeys::nodeKinds());
    QCOMPARE(enumOf(QStringLiteral("edge"), QStringLiteral("kind")), ScenarioKeys::edgeKinds());
    QCOMPARE(enumOf(QStringLiteral("traffic"), QStringLiteral("pattern")), ScenarioKeys::trafficPatterns());
    QCOMPARE(enumOf(QStringLiteral("service_time"), QStringLiteral("dist")),
             ScenarioKeys::serviceTimeDists());
    QCOMPARE(enumOf(QStringLiteral("node"), QStringLiteral("operation")), ScenarioKeys::streamOperations());
    QCOMPARE(enumOf(QStringLiteral("fault"), QStringLiteral("kind")), ScenarioKeys::faultKinds());
    QCOMPARE(enumOf(QStringLiteral("edge"), QStringLiteral("acks")), ScenarioKeys::acksValues());
    QCOMPARE(enumOf(QStringLiteral("edge"), QStringLiteral("assignor")), ScenarioKeys::assignors());
    QCOMPARE(enumOf(QStringLiteral("edge"), QStringLiteral("auto_offset_reset")),
             ScenarioKeys::offsetResets());
    QCOMPARE(enumOf(QStringLiteral("edge"), QStringLiteral("trigger")), ScenarioKeys::triggers());
    QCOMPARE(
        schema[QStringLiteral("properties")][QStringLiteral("schema")][QStringLiteral("const")].toString(),
        ScenarioLoader::SchemaVersion);
}

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
