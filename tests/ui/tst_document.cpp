// The editing model without a window: undo commands, the change signals the canvases follow,
// the edge rules, decouple, and save/load through the real writer and loader.

#include "Decoupler.h"
#include "EdgeRules.h"
#include "EditorTestSupport.h"
#include "ScenarioDocument.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace postoffice;
using namespace postoffice::ui;
using app::EdgeKind;
using app::NodeKind;

Q_DECLARE_METATYPE(app::NodeKind)
Q_DECLARE_METATYPE(app::EdgeKind)

class TestDocument : public QObject
{
    Q_OBJECT
private slots:
    void addNodeSignalsAndUndo();
    void inferKind_data();
    void inferKind();
    void refusedEdgeLeavesModelUnchanged_data();
    void refusedEdgeLeavesModelUnchanged();
    void connectAddsTypedEdge();
    void removeNodeTakesItsEdgesAndFaultsAndUndoRestores();
    void removeItemsIsOneStep();
    void moveAndChangeAreUndoable();
    void brokerNodesAreLimitedByTheCluster();
    void topicNameFor_data();
    void topicNameFor();
    void decoupleBuildsTopicsAndUndoRestores();
    void decoupleCreatesMissingArchitecture();
    void decoupleWithoutServiceCallsIsRefused();
    void saveAndReopenIsExact();
    void openReportsLoaderErrors();
};

void TestDocument::addNodeSignalsAndUndo()
{
    ScenarioDocument doc(uitest::shopScenario());
    QSignalSpy added(&doc, &ScenarioDocument::nodeAdded);
    QSignalSpy removed(&doc, &ScenarioDocument::nodeRemoved);
    QSignalSpy modified(&doc, &ScenarioDocument::modifiedChanged);
    const std::size_t before = doc.scenario().nodes.size();

    const QString id = doc.addNode(NodeKind::Service, QPointF(100, 100));
    QCOMPARE(id, QStringLiteral("service"));
    QCOMPARE(doc.scenario().nodes.size(), before + 1);
    QCOMPARE(doc.node(id)->pos, QPointF(100, 100));
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.first().first().toString(), id);
    QCOMPARE(modified.size(), 1);
    QCOMPARE(modified.first().first().toBool(), true);
    QVERIFY(doc.isModified());
    QCOMPARE(doc.addNode(NodeKind::Service, QPointF(0, 0)), QStringLiteral("service-2"));

    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QCOMPARE(doc.scenario().nodes.size(), before);
    QCOMPARE(removed.size(), 2);
    QCOMPARE(removed.last().first().toString(), id);
    QVERIFY(!doc.isModified());
    QCOMPARE(modified.last().first().toBool(), false);
    doc.undoStack()->redo();
    QVERIFY(doc.node(id));
}

void TestDocument::inferKind_data()
{
    QTest::addColumn<NodeKind>("from");
    QTest::addColumn<NodeKind>("to");
    QTest::addColumn<int>("kind"); // -1: nothing fits
    QTest::newRow("producer→service") << NodeKind::Producer << NodeKind::Service << int(EdgeKind::Call);
    QTest::newRow("service→service") << NodeKind::Service << NodeKind::Service << int(EdgeKind::Call);
    QTest::newRow("service→topic") << NodeKind::Service << NodeKind::Topic << int(EdgeKind::Publish);
    QTest::newRow("producer→topic") << NodeKind::Producer << NodeKind::Topic << int(EdgeKind::Publish);
    QTest::newRow("stream→topic") << NodeKind::Stream << NodeKind::Topic << int(EdgeKind::Publish);
    QTest::newRow("topic→service") << NodeKind::Topic << NodeKind::Service << int(EdgeKind::Subscribe);
    QTest::newRow("topic→stream") << NodeKind::Topic << NodeKind::Stream << int(EdgeKind::Subscribe);
    QTest::newRow("service→stream") << NodeKind::Service << NodeKind::Stream << -1;
    QTest::newRow("topic→topic") << NodeKind::Topic << NodeKind::Topic << -1;
    QTest::newRow("service→producer") << NodeKind::Service << NodeKind::Producer << -1;
    QTest::newRow("service→broker") << NodeKind::Service << NodeKind::Broker << -1;
    QTest::newRow("broker→topic") << NodeKind::Broker << NodeKind::Topic << -1;
}

void TestDocument::inferKind()
{
    QFETCH(NodeKind, from);
    QFETCH(NodeKind, to);
    QFETCH(int, kind);
    const auto inferred = EdgeRules::inferKind(from, to);
    QCOMPARE(inferred ? int(*inferred) : -1, kind);
}

void TestDocument::refusedEdgeLeavesModelUnchanged_data()
{
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("kind"); // -1: inferred
    QTest::addColumn<QString>("reason");
    QTest::newRow("subscribe service→service")
        << "tight"
        << "order-service"
        << "analytics" << int(EdgeKind::Subscribe) << "subscribe reads from a topic";
    QTest::newRow("call cycle") << "tight"
                                << "inventory"
                                << "order-service" << -1 << "cycle of synchronous calls";
    QTest::newRow("longer call cycle")
        << "tight"
        << "notification"
        << "checkout" << int(EdgeKind::Call) << "calls go from a producer or service to a service";
    QTest::newRow("duplicate") << "tight"
                               << "order-service"
                               << "inventory" << -1 << "already has a call edge";
    QTest::newRow("publish to a service")
        << "decoupled"
        << "order-service"
        << "analytics" << int(EdgeKind::Publish) << "publish writes to a topic";
    QTest::newRow("topic to topic") << "decoupled"
                                    << "orders"
                                    << "orders" << -1 << "No edge fits";
    QTest::newRow("to a broker") << "decoupled"
                                 << "order-service"
                                 << "broker-0" << -1 << "No edge fits";
}

void TestDocument::refusedEdgeLeavesModelUnchanged()
{
    QFETCH(QString, architecture);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(int, kind);
    QFETCH(QString, reason);
    ScenarioDocument doc(uitest::shopScenario());
    const QByteArray before = uitest::canonical(doc.scenario());
    QSignalSpy added(&doc, &ScenarioDocument::edgeAdded);
    const QString refused = doc.connectNodes(
        architecture, from, to, kind < 0 ? std::nullopt : std::optional<EdgeKind>(EdgeKind(kind)));
    QVERIFY2(refused.contains(reason), qPrintable(refused));
    QCOMPARE(added.size(), 0);
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(uitest::canonical(doc.scenario()), before);
}

void TestDocument::connectAddsTypedEdge()
{
    ScenarioDocument doc(uitest::shopScenario());
    QSignalSpy added(&doc, &ScenarioDocument::edgeAdded);
    QVERIFY(doc.connectNodes("decoupled", "orders", "notification").isEmpty());
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.first().at(0).toString(), QStringLiteral("decoupled"));
    QCOMPARE(added.first().at(1).toInt(), 3);
    const app::EdgeSpec *e = doc.edge("decoupled", 3);
    QCOMPARE(e->kind, EdgeKind::Subscribe);
    QCOMPARE(e->group, QStringLiteral("notification"));
    QCOMPARE(e->consumers, 2); // the service's workers, at most the topic's partitions
    QCOMPARE(doc.architecture("tight")->edges.size(), std::size_t(3)); // other architecture untouched

    QSignalSpy removed(&doc, &ScenarioDocument::edgeRemoved);
    doc.undoStack()->undo();
    QCOMPARE(removed.size(), 1);
    QCOMPARE(doc.architecture("decoupled")->edges.size(), std::size_t(3));
}

void TestDocument::removeNodeTakesItsEdgesAndFaultsAndUndoRestores()
{
    ScenarioDocument doc(uitest::shopScenario());
    const QByteArray before = uitest::canonical(doc.scenario());
    QSignalSpy edgesRemoved(&doc, &ScenarioDocument::edgeRemoved);
    QSignalSpy faults(&doc, &ScenarioDocument::faultsChanged);

    doc.removeNodes({"notification"});
    QVERIFY(!doc.node("notification"));
    QCOMPARE(edgesRemoved.size(), 1); // tight: order-service → notification
    QCOMPARE(faults.size(), 1);
    QVERIFY(doc.scenario().faults.empty());
    for (const app::ArchitectureSpec &a : doc.scenario().architectures)
        for (const app::EdgeSpec &e : a.edges)
            QVERIFY(e.from != "notification" && e.to != "notification");
    // Still a valid scenario: what the editor leaves behind must load again.
    QVERIFY(app::ScenarioLoader::parse(uitest::canonical(doc.scenario()), "after.json").ok());

    doc.undoStack()->undo();
    QCOMPARE(uitest::canonical(doc.scenario()), before);
    doc.undoStack()->redo();
    QVERIFY(!doc.node("notification"));
}

void TestDocument::removeItemsIsOneStep()
{
    ScenarioDocument doc(uitest::shopScenario());
    const QByteArray before = uitest::canonical(doc.scenario());
    doc.removeItems({"analytics", "orders"}, {{"tight", {0, 2}}});
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.architecture("tight")->edges.size(), std::size_t(1));
    QCOMPARE(doc.architecture("tight")->edges[0].to, QStringLiteral("inventory"));
    QCOMPARE(doc.architecture("decoupled")->edges.size(),
             std::size_t(1)); // publish/subscribe went with orders
    doc.undoStack()->undo();
    QCOMPARE(uitest::canonical(doc.scenario()), before);
}

void TestDocument::moveAndChangeAreUndoable()
{
    ScenarioDocument doc(uitest::shopScenario());
    QSignalSpy changed(&doc, &ScenarioDocument::nodeChanged);
    doc.moveNodes(
        {{"inventory", QPointF(900, 10)}, {"analytics", QPointF(900, 500)}, {"checkout", QPointF(0, 200)}});
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(changed.size(), 2); // checkout did not move
    QCOMPARE(doc.node("inventory")->pos, QPointF(900, 10));
    doc.undoStack()->undo();
    QCOMPARE(doc.node("inventory")->pos, QPointF(780, 60));
    QCOMPARE(doc.node("analytics")->pos, QPointF(780, 380));

    app::NodeSpec renamed = *doc.node("inventory");
    renamed.label = "Stock";
    renamed.workers = 9;
    doc.changeNode("inventory", renamed);
    QCOMPARE(doc.node("inventory")->label, QStringLiteral("Stock"));
    QCOMPARE(doc.node("inventory")->workers, 9);
    doc.undoStack()->undo();
    QVERIFY(doc.node("inventory")->label.isEmpty());
    QCOMPARE(doc.node("inventory")->workers, 4);

    app::EdgeSpec e = *doc.edge("tight", 1);
    e.timeout_ms = 250.0;
    QSignalSpy edgeChanged(&doc, &ScenarioDocument::edgeChanged);
    doc.changeEdge("tight", 1, e);
    QCOMPARE(edgeChanged.size(), 1);
    QCOMPARE(*doc.edge("tight", 1)->timeout_ms, 250.0);
    doc.undoStack()->undo();
    QCOMPARE(*doc.edge("tight", 1)->timeout_ms, 1000.0);
}

void TestDocument::brokerNodesAreLimitedByTheCluster()
{
    ScenarioDocument doc(uitest::shopScenario()); // 3 brokers, broker 0 shown
    QString refused;
    QCOMPARE(doc.addNode(NodeKind::Broker, {}, &refused), QStringLiteral("broker-1"));
    QCOMPARE(doc.node("broker-1")->broker_id, 1);
    QCOMPARE(doc.addNode(NodeKind::Broker, {}, &refused), QStringLiteral("broker-2"));
    QVERIFY(refused.isEmpty());
    QVERIFY(doc.addNode(NodeKind::Broker, {}, &refused).isEmpty());
    QVERIFY2(refused.contains("already on the canvas"), qPrintable(refused));
    QCOMPARE(doc.undoStack()->count(), 2);
}

void TestDocument::topicNameFor_data()
{
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("topic");
    QTest::newRow("camel") << "OrderPlaced"
                           << "order-placed";
    QTest::newRow("snake") << "low_stock"
                           << "low-stock";
    QTest::newRow("single") << "Payment"
                            << "payment";
    QTest::newRow("already") << "orders"
                             << "orders";
}

void TestDocument::topicNameFor()
{
    QFETCH(QString, event);
    QFETCH(QString, topic);
    QCOMPARE(Decoupler::topicNameFor(event), topic);
}

void TestDocument::decoupleBuildsTopicsAndUndoRestores()
{
    ScenarioDocument doc(uitest::shopScenario());
    const QByteArray before = uitest::canonical(doc.scenario());
    QVERIFY(doc.decouple().isEmpty());
    QCOMPARE(doc.undoStack()->count(), 1); // one macro

    // order-service calls inventory and notification with the producer's OrderPlaced event:
    // one topic, one publish, one consumer group per former callee.
    const app::NodeSpec *topic = doc.node("order-placed");
    QVERIFY(topic);
    QCOMPARE(topic->kind, NodeKind::Topic);
    QCOMPARE(topic->partitions, Decoupler::defaultPartitions);
    QCOMPARE(topic->replication_factor, 3);
    // Between the caller (260,200) and the middle of its callees (780,140).
    QCOMPARE(topic->pos, QPointF(520, 170));

    const auto &edges = doc.architecture("decoupled")->edges;
    QCOMPARE(edges.size(), std::size_t(4));
    QCOMPARE(edges[0].kind, EdgeKind::Call); // the customer still waits for the order service
    QCOMPARE(edges[0].from, QStringLiteral("checkout"));
    QCOMPARE(edges[1].kind, EdgeKind::Publish);
    QCOMPARE(edges[1].to, QStringLiteral("order-placed"));
    QCOMPARE(edges[1].event_type, QStringLiteral("OrderPlaced"));
    QCOMPARE(edges[2].kind, EdgeKind::Subscribe);
    QCOMPARE(edges[2].to, QStringLiteral("inventory"));
    QCOMPARE(edges[2].group, QStringLiteral("inventory"));
    QCOMPARE(edges[2].consumers, 4);
    QCOMPARE(edges[3].to, QStringLiteral("notification"));
    QCOMPARE(doc.architecture("tight")->edges.size(), std::size_t(3)); // tight stays as it was
    QVERIFY2(app::ScenarioLoader::parse(uitest::canonical(doc.scenario()), "decoupled.json").ok(),
             "the decoupled scenario must load");

    doc.undoStack()->undo();
    QCOMPARE(uitest::canonical(doc.scenario()), before);
    QVERIFY(!doc.isModified());
    doc.undoStack()->redo();
    QVERIFY(doc.node("order-placed"));
    QCOMPARE(doc.architecture("decoupled")->edges.size(), std::size_t(4));
}

void TestDocument::decoupleCreatesMissingArchitecture()
{
    app::Scenario s = uitest::shopScenario();
    std::erase_if(s.architectures, [](const app::ArchitectureSpec &a) { return a.name != "tight"; });
    ScenarioDocument doc(s);
    QSignalSpy archAdded(&doc, &ScenarioDocument::architectureAdded);
    QVERIFY(doc.decouple().isEmpty());
    QCOMPARE(archAdded.size(), 1);
    QCOMPARE(doc.architectureNames(), QStringList({"tight", "decoupled"}));
    QCOMPARE(doc.architecture("decoupled")->edges.size(), std::size_t(4));
    doc.undoStack()->undo();
    QCOMPARE(doc.architectureNames(), QStringList({"tight"}));
}

void TestDocument::decoupleWithoutServiceCallsIsRefused()
{
    app::Scenario s = uitest::shopScenario();
    const_cast<app::ArchitectureSpec *>(s.architecture("tight"))->edges.resize(1); // checkout → order-service
    ScenarioDocument doc(s);
    QVERIFY(doc.decouple().contains("no call from a service to a service"));
    QCOMPARE(doc.undoStack()->count(), 0);
}

void TestDocument::saveAndReopenIsExact()
{
    QTemporaryDir dir;
    ScenarioDocument doc(uitest::shopScenario());
    doc.addNode(NodeKind::Stream, QPointF(400, 500));
    QVERIFY(doc.connectNodes("decoupled", "orders", "stream").isEmpty());
    QVERIFY(doc.isModified());
    QString error;
    const QString path = dir.filePath("shop.json");
    QVERIFY2(doc.save(path, &error), qPrintable(error));
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.filePath(), path);

    std::unique_ptr<ScenarioDocument> reopened(ScenarioDocument::open(path, &error));
    QVERIFY2(reopened, qPrintable(error));
    QCOMPARE(uitest::canonical(reopened->scenario()), uitest::canonical(doc.scenario()));
    QCOMPARE(reopened->displayName(), QStringLiteral("Editor shop"));
}

void TestDocument::openReportsLoaderErrors()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("broken.json");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(
        R"({ "schema": "postoffice.scenario/1", "name": "x", "nodes": [ { "id": "a", "kind": "nonsense" } ] })");
    f.close();
    QString error;
    std::unique_ptr<ScenarioDocument> doc(ScenarioDocument::open(path, &error));
    QVERIFY(!doc);
    QVERIFY2(error.contains("broken.json") && error.contains("kind"), qPrintable(error));
}

QTEST_MAIN(TestDocument)
#include "tst_document.moc"
