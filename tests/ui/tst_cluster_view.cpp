// The cluster view (File ▸ Connect to Cluster…) watching librdkafka's in-process mock cluster —
// a Kafka implementation nobody here wrote — with a producer and consumer groups made with the
// librdkafka C API on this thread, while the watcher polls on its own: brokers, topics with
// their partitions and groups appear on the canvas, a group's lag is what was produced minus what
// it committed, a broker set down shows down and in the event log, the charts fill, the what-if
// scenario saved from the window loads, and an unreachable cluster is said in the window while
// its event loop keeps turning. A trainer can read it all in the dark theme and in presenter mode
// on a 1280x720 projector (contrast of every word, charts' titles, legends and ticks, the canvas
// fitted). Every wait is bounded.
//
// With POSTOFFICE_CLUSTER_SCREENSHOT=<file.png> the lagging-cluster test watches longer and
// writes the window as a picture (the README's screenshot); the dark-theme test writes
// <file>-dark.png, <file>-presenter.png and <file>-dialog-dark.png.

#include "../MockKafkaCluster.h"
#include "ClusterBrokerItem.h"
#include "ClusterChart.h"
#include "ClusterGroupItem.h"
#include "ClusterIngressItem.h"
#include "ClusterScene.h"
#include "ClusterTopicItem.h"
#include "ClusterWindow.h"
#include "ConnectClusterDialog.h"
#include "InkContrast.h"
#include "LiveRunBinder.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "ModalDriver.h"
#include "PresenterMode.h"
#include "ScenarioDocument.h"
#include "ScenarioLoader.h"
#include "Theme.h"

#include <QApplication>
#include <QFile>
#include <QGraphicsView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QValueAxis>

#include <cmath>

using namespace postoffice;
using namespace postoffice::ui;

namespace {

using test::MockKafkaCluster;

app::WatchConfig watchConfig(const MockKafkaCluster &cluster, const QStringList &groups, int intervalMs = 200)
{
    app::WatchConfig c;
    c.bootstrap = cluster.bootstrap();
    c.intervalMs = intervalMs;
    c.extraGroups = groups; // librdkafka 2.0's mock does not list groups
    return c;
}

bool logHas(const ClusterWindow &window, const QString &kind, const QString &words)
{
    for (const ClusterWindow::LogEntry &e : window.logEntries())
        if (e.kind == kind && e.text.contains(words))
            return window.eventLog()->toPlainText().contains(e.text); // shown, not only kept
    return false;
}

// A lagging cluster as the watcher would hand it over at `second` of the watch: broker 3 down,
// billing falling behind (WARNING), notification stopped (ERROR), analytics keeping up.
app::ClusterObservationPtr laggingCluster(int second)
{
    auto o = std::make_shared<app::ClusterObservation>();
    o->sequence = second + 1;
    o->at = QDateTime::currentDateTimeUtc();
    o->elapsedMs = second * 1000;
    o->controllerId = 1;
    for (int id = 1; id <= 3; ++id)
        o->brokers.push_back({id, QStringLiteral("127.0.0.1"), 39000 + id, id != 3 || second < 20});
    const auto topic = [&](const QString &name, int partitions, qint64 perPartition, double rate) {
        app::TopicObservation t;
        t.name = name;
        t.ingressPerS = rate;
        for (int p = 0; p < partitions; ++p) {
            app::PartitionObservation part;
            part.partition = p;
            part.leader = p % 2 + 1;
            part.replicas = {1, 2, 3};
            part.isr = second >= 20 && p == 1 ? QList<int>{1, 2} : QList<int>{1, 2, 3};
            part.logStart = 0;
            part.logEnd = perPartition * (second + 10);
            t.partitions.push_back(part);
        }
        o->topics.push_back(t);
    };
    topic(QStringLiteral("orders"), 6, 5, 30.0);
    topic(QStringLiteral("payments"), 3, 3, 9.0);
    const auto group = [&](const QString &id, const QString &topicName, int partitions, qint64 perPartition,
                           qint64 behind, app::GroupStatus status, const QString &reason) {
        app::GroupObservation g;
        g.id = id;
        g.state = QStringLiteral("Stable");
        g.membersKnown = true;
        app::MemberObservation m;
        m.memberId = id + QStringLiteral("-member-1");
        m.clientId = QStringLiteral("rdkafka-") + id;
        for (int p = 0; p < partitions; ++p) {
            app::GroupPartitionObservation gp;
            gp.topic = topicName;
            gp.partition = p;
            gp.logEnd = perPartition * (second + 10);
            gp.committed = std::max<qint64>(0, gp.logEnd - behind);
            gp.lag = gp.logEnd - gp.committed;
            gp.lagSeconds = behind > 0 ? double(behind) / perPartition : 0.0;
            g.lag += gp.lag;
            g.lagSeconds = gp.lagSeconds;
            g.partitions.push_back(gp);
            m.assignment.push_back({topicName, p});
        }
        g.members.push_back(m);
        g.egressPerS = double(perPartition * partitions) - (behind > 0 ? 2.0 : 0.0);
        g.status = status;
        g.statusReason = reason;
        o->groups.push_back(g);
    };
    group(QStringLiteral("billing"), QStringLiteral("orders"), 6, 5, 2 * second, app::GroupStatus::Warning,
          QStringLiteral("orders[1]: lag grew from 75 to 130 over the window"));
    group(QStringLiteral("notification"), QStringLiteral("orders"), 6, 5, 5 * second,
          second > 5 ? app::GroupStatus::Error : app::GroupStatus::Ok,
          QStringLiteral("orders[0]: committed offset has not moved for 12 polls while records waited"));
    group(QStringLiteral("analytics"), QStringLiteral("payments"), 3, 3, 0, app::GroupStatus::Ok,
          QStringLiteral("lag is zero"));
    return o;
}

// Feeds `window` a minute of the lagging cluster, with the events a trainer talks about.
void watchLaggingCluster(ClusterWindow &window)
{
    for (int second = 0; second <= 60; second += 2)
        emit window.watcher()->observed(laggingCluster(second));
    app::ClusterEvent lost;
    lost.kind = app::ClusterEvent::Kind::BrokerLost;
    lost.at = QDateTime::currentDateTimeUtc();
    lost.subject = QStringLiteral("broker 3");
    lost.text = QStringLiteral("broker 3 (127.0.0.1:39003) is down");
    emit window.watcher()->eventDetected(lost);
    app::ClusterEvent status = lost;
    status.kind = app::ClusterEvent::Kind::GroupStatusChange;
    status.subject = QStringLiteral("notification");
    status.text = QStringLiteral("group notification is now ERROR: its committed offset stopped");
    emit window.watcher()->eventDetected(status);
    app::ClusterEvent appeared = lost;
    appeared.kind = app::ClusterEvent::Kind::GroupAppeared;
    appeared.subject = QStringLiteral("analytics");
    appeared.text = QStringLiteral("group analytics appeared");
    emit window.watcher()->eventDetected(appeared);
}

} // namespace

class TestClusterView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void aWatchedClusterShowsBrokersTopicsGroupsAndTheirLag();
    void aBrokerSetDownShowsDownAndIsLogged();
    void aLaggingClusterWithABrokerDownReadsAtAGlance();
    void anUnderReplicatedPartitionIsMarked();
    void anUnreachableClusterIsSaidWhileTheWindowKeepsResponding();
    void theDialogMasksSecretsRefusesBadInputAndNeverStoresSecrets();
    void fileConnectToClusterWatchesAndItsWhatIfOpensInTheSimulator();
    void aTrainerReadsItInTheDarkThemeAndInPresenterMode();
};

void TestClusterView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PostOfficeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_cluster_view"));
    QSettings().clear();
}

void TestClusterView::init()
{
    // The connect dialog fills in the last cluster's settings: each test starts with none.
    QSettings().clear();
}

void TestClusterView::aWatchedClusterShowsBrokersTopicsGroupsAndTheirLag()
{
    MockKafkaCluster cluster;
    QVERIFY(cluster.createTopic("orders", 6));
    QVERIFY(cluster.createTopic("payments", 2));
    QVERIFY(cluster.produce("orders", 120) && cluster.produce("payments", 20));
    cluster.subscribe("billing", "orders");

    app::WatchConfig config = watchConfig(cluster, {QStringLiteral("billing")});
    // Handed to librdkafka (which ignores it without SASL), never to the run store.
    config.properties.emplace_back(QStringLiteral("sasl.password"), QStringLiteral("hunter2"));
    QPointer<ClusterWindow> window = new ClusterWindow(config);
    window->show();
    window->start();
    ClusterScene *scene = window->scene();
    // The group reads everything and commits: the canvas shows it caught up.
    QVERIFY(QTest::qWaitFor(
        [&] {
            cluster.consume("billing", 10);
            const ClusterGroupItem *g = scene->groupItem(QStringLiteral("billing"));
            if (!g)
                return false;
            qint64 committed = 0;
            for (const auto &p : g->group().partitions)
                committed += qMax<qint64>(0, p.committed);
            return committed == 120;
        },
        30000));
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto brokers = scene->brokerItems();
            return brokers.size() == 3 &&
                   std::all_of(brokers.begin(), brokers.end(), [](auto *b) { return b->isUp(); });
        },
        15000));
    QCOMPARE(scene->topicItems().size(), 2);
    QCOMPARE(scene->topicItem(QStringLiteral("orders"))->partitionCount(), 6);
    QCOMPARE(scene->topicItem(QStringLiteral("payments"))->partitionCount(), 2);
    QVERIFY(scene->ingressItem(QStringLiteral("orders")));
    QVERIFY(scene->ingressItem(QStringLiteral("payments")));
    QCOMPARE(scene->topicItem(QStringLiteral("payments"))->topic().logEnd(), 20);
    QVERIFY(
        scene->topicGroupEdges().contains(qMakePair(QStringLiteral("orders"), QStringLiteral("billing"))));
    QVERIFY(
        !scene->topicGroupEdges().contains(qMakePair(QStringLiteral("payments"), QStringLiteral("billing"))));
    // A partition's row names its offsets, leader and ISR.
    const QString row = scene->topicItem(QStringLiteral("orders"))->rowText(0);
    QVERIFY2(row.contains(QStringLiteral("1,2,3 / 1,2,3")) || row.contains(QStringLiteral(" / ")),
             qPrintable(row));

    // 45 more records, not consumed: the lag shown is what was produced minus what was committed.
    QVERIFY(cluster.produce("orders", 45));
    QVERIFY(QTest::qWaitFor([&] { return scene->groupItem(QStringLiteral("billing"))->group().lag == 45; },
                            15000));
    const ClusterGroupItem *billing = scene->groupItem(QStringLiteral("billing"));
    QVERIFY2(billing->lagText().startsWith(QStringLiteral("lag 45 records")), qPrintable(billing->lagText()));
    qint64 produced = scene->topicItem(QStringLiteral("orders"))->topic().logEnd(), committed = 0;
    for (const auto &p : billing->group().partitions)
        committed += p.committed;
    QCOMPARE(produced, 165);
    QCOMPARE(produced - committed, 45);

    // The charts got points: ingress per topic, lag per group in records.
    QVERIFY(QTest::qWaitFor(
        [&] { return window->ratesChart()->storedPoints(QStringLiteral("orders in")) >= 2; }, 10000));
    QVERIFY(window->lagChart()->storedPoints(QStringLiteral("billing")) >= 2);
    QCOMPARE(window->lagChart()->lastValue(QStringLiteral("billing")), 45.0);
    QVERIFY(window->lagChart()->series(QStringLiteral("billing"))->count() >= 2);
    QVERIFY(window->statusLine()->text().contains(QStringLiteral("3 of 3 brokers up")));
    QVERIFY(window->banner()->isHidden());

    // Save as Scenario: a file the simulator's loader accepts, with the observed topics.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("what-if.json"));
    QString error;
    QVERIFY2(window->saveScenario(path, &error), qPrintable(error));
    const app::ScenarioLoader::Result loaded = app::ScenarioLoader::load(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.messages().join(u'\n')));
    const QByteArray json = [&] {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QVERIFY(json.contains("\"orders\"") && json.contains("\"payments\"") && json.contains("billing"));

    // Export Watch: the run store's contents as CSV, JSON, NDJSON and SQLite, secrets left out.
    QStringList written;
    QVERIFY2(window->exportWatch(dir.filePath(QStringLiteral("watch")), &written, &error), qPrintable(error));
    QCOMPARE(written.size(), 4);
    for (const QString &file : written) {
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY2(!bytes.contains("hunter2"), qPrintable(file));
        if (file.endsWith(QStringLiteral(".csv")))
            QVERIFY2(bytes.contains("billing"), bytes.left(400).constData());
    }
    // The settings are kept (the SQLite copy holds the watch's settings), the secret is not;
    // nor is it in the live store or its write-ahead log.
    QFile copy(written.last());
    QVERIFY(written.last().endsWith(QStringLiteral(".sqlite")) && copy.open(QIODevice::ReadOnly));
    QVERIFY(copy.readAll().contains("sasl.password"));
    for (const QString &file : {window->databasePath(), window->databasePath() + QStringLiteral("-wal")}) {
        QFile f(file);
        if (f.open(QIODevice::ReadOnly))
            QVERIFY2(!f.readAll().contains("hunter2"), qPrintable(file));
    }

    // Closing the window stops the watch: the window goes at once, the watcher once its thread ended.
    QPointer<app::ClusterWatcher> watcher = window->watcher();
    window->close();
    QVERIFY(QTest::qWaitFor([&] { return window.isNull(); }, 1000));
    QVERIFY(QTest::qWaitFor([&] { return watcher.isNull(); }, 20000));
}

void TestClusterView::aBrokerSetDownShowsDownAndIsLogged()
{
    MockKafkaCluster cluster;
    QVERIFY(cluster.createTopic("orders", 4));
    ClusterWindow window(watchConfig(cluster, {}));
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    window.show();
    window.start();
    // librdkafka says a broker is up once it holds a connection to it: the first polls may not.
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto brokers = window.scene()->brokerItems();
            return brokers.size() == 3 &&
                   std::all_of(brokers.begin(), brokers.end(), [](auto *b) { return b->isUp(); });
        },
        15000));
    ClusterBrokerItem *broker = window.scene()->brokerItem(2);

    rd_kafka_mock_broker_set_down(cluster.mock(), 2);
    QVERIFY(QTest::qWaitFor([&] { return !broker->isUp(); }, 20000));
    QCOMPARE(broker->health(), app::NodeHealth::Down);
    QVERIFY(window.scene()->brokerItem(1)->isUp());
    QVERIFY(QTest::qWaitFor(
        [&] { return logHas(window, QStringLiteral("broker lost"), QStringLiteral("2")); }, 10000));
    QVERIFY(window.statusLine()->text().contains(QStringLiteral("2 of 3 brokers up")));

    rd_kafka_mock_broker_set_up(cluster.mock(), 2);
    QVERIFY(QTest::qWaitFor([&] { return broker->isUp(); }, 25000));
    QVERIFY(logHas(window, QStringLiteral("broker back"), QStringLiteral("2")));
    // Stopping never waits; the watcher's thread ends on its own and the watcher goes with it.
    QPointer<app::ClusterWatcher> watcher = window.watcher();
    window.stop();
    QVERIFY(!window.watcher());
    QVERIFY(QTest::qWaitFor([&] { return watcher.isNull(); }, 20000));
}

void TestClusterView::aLaggingClusterWithABrokerDownReadsAtAGlance()
{
    // Three groups: analytics keeps up, billing reads slower than orders arrive, notification
    // stopped. Broker 3's partitions fail over before it goes down, as Kafka's would.
    const QString screenshot = qEnvironmentVariable("POSTOFFICE_CLUSTER_SCREENSHOT");
    const int intervalMs = screenshot.isEmpty() ? 250 : 1000;
    MockKafkaCluster cluster;
    QVERIFY(cluster.createTopic("orders", 6));
    QVERIFY(cluster.createTopic("payments", 3));
    QVERIFY(cluster.produce("orders", 300) && cluster.produce("payments", 60));
    cluster.subscribe("billing", "orders");
    cluster.subscribe("notification", "orders");
    cluster.subscribe("analytics", "payments");
    const QStringList groups = {QStringLiteral("billing"), QStringLiteral("notification"),
                                QStringLiteral("analytics")};

    QPointer<ClusterWindow> window = new ClusterWindow(watchConfig(cluster, groups, intervalMs));
    window->resize(1600, 900);
    window->show();
    window->start();
    ClusterScene *scene = window->scene();
    int tick = 0;
    bool notificationStopped = false;
    bool brokerDown = false;
    // Every 100 ms: orders get 3 records, payments 1; billing reads 2, analytics all, notification
    // all until it stops.
    const auto step = [&] {
        ++tick;
        cluster.queue("orders", 3);
        cluster.queue("payments", 1);
        cluster.consume("billing", 0, tick < 20 ? 1000 : 2);
        cluster.consume("analytics", 0);
        if (!notificationStopped)
            cluster.consume("notification", 0);
    };
    const auto groupItem = [&](const char *g) { return scene->groupItem(QString::fromLatin1(g)); };
    QVERIFY(QTest::qWaitFor(
        [&] {
            step();
            QTest::qWait(100);
            const ClusterGroupItem *n = groupItem("notification");
            return n && n->group().lag < 120 && cluster.consumed("notification") >= 300 &&
                   groupItem("billing") && groupItem("analytics");
        },
        30000));
    notificationStopped = true;
    const int settle = screenshot.isEmpty() ? 40 : 450;
    for (int i = 0; i < settle; ++i) {
        step();
        QTest::qWait(100);
        if (!brokerDown && i == settle * 2 / 3) {
            for (int p = 0; p < 6; ++p)
                rd_kafka_mock_partition_set_leader(cluster.mock(), "orders", p, p % 2 + 1);
            for (int p = 0; p < 3; ++p)
                rd_kafka_mock_partition_set_leader(cluster.mock(), "payments", p, p % 2 + 1);
            rd_kafka_mock_broker_set_down(cluster.mock(), 3);
            brokerDown = true;
        }
    }
    QVERIFY(QTest::qWaitFor(
        [&] {
            step();
            QTest::qWait(100);
            return !scene->brokerItem(3)->isUp() &&
                   groupItem("notification")->group().status == app::GroupStatus::Error;
        },
        20000));
    QVERIFY(groupItem("notification")->group().lag > 0);
    QCOMPARE(groupItem("notification")->statusText(), QStringLiteral("ERROR"));
    QVERIFY(groupItem("billing")->group().lag > 0);
    QVERIFY(logHas(*window, QStringLiteral("broker lost"), QStringLiteral("3")));
    QVERIFY(logHas(*window, QStringLiteral("leader change"), QStringLiteral("orders")));
    QVERIFY(window->lagSecondsChart()->storedPoints(QStringLiteral("notification")) > 0);
    QVERIFY(window->ratesChart()->storedPoints(QStringLiteral("orders out")) > 0);

    if (!screenshot.isEmpty()) {
        QVERIFY(window->grab().save(screenshot));
        qInfo("screenshot: %s", qPrintable(screenshot));
    }
    window->close();
    QVERIFY(QTest::qWaitFor([&] { return window.isNull(); }, 15000));
}

void TestClusterView::anUnderReplicatedPartitionIsMarked()
{
    // librdkafka's mock keeps every replica in sync, so this observation is made by hand.
    app::ClusterObservation o;
    o.sequence = 1;
    o.controllerId = 1;
    for (int id = 1; id <= 3; ++id)
        o.brokers.push_back({id, QStringLiteral("kafka%1").arg(id), 9092, id != 3});
    app::TopicObservation t;
    t.name = QStringLiteral("orders");
    for (int p = 0; p < 3; ++p) {
        app::PartitionObservation part;
        part.partition = p;
        part.leader = p == 2 ? -1 : 1;
        part.replicas = {1, 2, 3};
        part.isr = p == 0 ? QList<int>{1, 2, 3} : QList<int>{1, 2};
        part.logStart = 0;
        part.logEnd = 100;
        t.partitions.push_back(part);
    }
    o.topics.push_back(t);
    ClusterScene scene;
    scene.showObservation(o);
    const ClusterTopicItem *topic = scene.topicItem(QStringLiteral("orders"));
    QCOMPARE(topic->underReplicatedCount(), 2);
    QCOMPARE(topic->health(), app::NodeHealth::Slow);
    QVERIFY2(topic->rowText(1).endsWith(QStringLiteral("1,2 / 1,2,3")), qPrintable(topic->rowText(1)));
    QVERIFY2(topic->rowText(2).contains(QStringLiteral("\tnone\t")), qPrintable(topic->rowText(2)));
    QVERIFY(scene.brokerItem(1)->isController());
    QVERIFY(!scene.brokerItem(3)->isUp());

    // A broker that leaves the metadata stays on the canvas, down.
    o.brokers.pop_back();
    scene.showObservation(o);
    QVERIFY(scene.brokerItem(3));
    QVERIFY(!scene.brokerItem(3)->isUp());
    // A topic deleted leaves.
    o.topics.clear();
    scene.showObservation(o);
    QVERIFY(!scene.topicItem(QStringLiteral("orders")));
    QVERIFY(!scene.ingressItem(QStringLiteral("orders")));
}

void TestClusterView::anUnreachableClusterIsSaidWhileTheWindowKeepsResponding()
{
    app::WatchConfig c;
    c.bootstrap = QStringLiteral("127.0.0.1:1"); // nothing listens there
    c.intervalMs = 500;
    QPointer<ClusterWindow> window = new ClusterWindow(c);
    window->show();
    window->start();
    int turns = 0;
    QVERIFY(QTest::qWaitFor(
        [&] {
            ++turns;
            return !window->banner()->isHidden() &&
                   window->banner()->text().contains(QStringLiteral("cannot reach"));
        },
        20000));
    QVERIFY(turns > 3); // the event loop kept turning while librdkafka waited
    QVERIFY2(window->banner()->text().contains(QStringLiteral("127.0.0.1:1")),
             qPrintable(window->banner()->text()));
    QVERIFY2(window->statusLine()->text().contains(QStringLiteral("retrying")),
             qPrintable(window->statusLine()->text()));
    QVERIFY(logHas(*window, QStringLiteral("problem"), QStringLiteral("cannot reach")));
    QCOMPARE(window->observations(), 0);
    QString error;
    QTemporaryDir dir;
    QVERIFY(!window->saveScenario(dir.filePath(QStringLiteral("x.json")), &error));
    QVERIFY2(error.contains(QStringLiteral("Nothing observed yet")), qPrintable(error));
    window->close();
    QVERIFY(QTest::qWaitFor([&] { return window.isNull(); }, 15000));
}

void TestClusterView::theDialogMasksSecretsRefusesBadInputAndNeverStoresSecrets()
{
    ConnectClusterDialog dialog;
    dialog.bootstrapEdit()->setText(QStringLiteral("kafka-without-port"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!dialog.problemLabel()->isHidden());
    QVERIFY2(dialog.problemLabel()->text().contains(QStringLiteral("kafka-without-port")),
             qPrintable(dialog.problemLabel()->text()));

    dialog.bootstrapEdit()->selectAll();
    QTest::keyClicks(dialog.bootstrapEdit(), QStringLiteral("kafka1:9092,kafka2:9092"));
    QVERIFY(dialog.problemLabel()->isHidden()); // the old complaint goes as the user types
    dialog.addProperty(QStringLiteral("no.such.property"), QStringLiteral("1"));
    QVERIFY2(dialog.problem().contains(QStringLiteral("no.such.property")), qPrintable(dialog.problem()));
    dialog.propertiesTable()->removeRow(0);
    dialog.addProperty(QStringLiteral("security.protocol"), QStringLiteral("SASL_SSL"));
    dialog.addProperty(QStringLiteral("sasl.mechanism"), QStringLiteral("PLAIN"));
    dialog.addProperty(QStringLiteral("sasl.username"), QStringLiteral("trainer"));
    dialog.addProperty(QStringLiteral("sasl.password"), QStringLiteral("hunter2"));
    QCOMPARE(dialog.problem(), QString());
    if (const QString shot = qEnvironmentVariable("POSTOFFICE_CLUSTER_SCREENSHOT"); !shot.isEmpty()) {
        dialog.show();
        QVERIFY(
            dialog.grab().save(QString(shot).replace(QStringLiteral(".png"), QStringLiteral("-dialog.png"))));
    }
    QCOMPARE(dialog.displayedValue(2), QStringLiteral("trainer"));
    QVERIFY(!dialog.displayedValue(3).contains(QStringLiteral("hunter2")));
    const app::WatchConfig config = dialog.config();
    QCOMPARE(config.bootstrap, QStringLiteral("kafka1:9092,kafka2:9092"));
    QCOMPARE(config.properties.size(), size_t(4));
    QCOMPARE(config.properties[3].second, QStringLiteral("hunter2")); // librdkafka gets it

    // Remembered for next time, without the password.
    ClusterWindow::remember(config);
    QSettings().sync();
    QFile settings(QSettings().fileName());
    QVERIFY(settings.open(QIODevice::ReadOnly));
    const QByteArray stored = settings.readAll();
    QVERIFY(stored.contains("trainer"));
    QVERIFY(!stored.contains("hunter2"));
    const app::WatchConfig back = ClusterWindow::rememberedConfig();
    QCOMPARE(back.bootstrap, config.bootstrap);
    QCOMPARE(back.properties.size(), size_t(3));
}

void TestClusterView::fileConnectToClusterWatchesAndItsWhatIfOpensInTheSimulator()
{
    // The menu path end to end: File ▸ Connect to Cluster…, the dialog filled in as a user
    // would, the cluster's window, Cluster ▸ Save as Scenario…, and "open it" in the simulator.
    MockKafkaCluster cluster;
    QVERIFY(cluster.createTopic("orders", 3));
    QVERIFY(cluster.produce("orders", 30));
    cluster.subscribe("billing", "orders");
    MainWindow main;
    main.show();
    QAction *connectAction = nullptr;
    for (QAction *a : main.fileMenu()->actions())
        if (a->text() == QStringLiteral("&Connect to Cluster…"))
            connectAction = a;
    QVERIFY(connectAction);

    uitest::ModalDriver driver;
    driver.expect([&](QWidget *modal) {
        auto *dialog = qobject_cast<ConnectClusterDialog *>(modal);
        if (!dialog)
            return false;
        dialog->bootstrapEdit()->setText(cluster.bootstrap());
        dialog->findChild<QLineEdit *>(QStringLiteral("groups"))->setText(QStringLiteral("billing"));
        dialog->connectButton()->click();
        return true;
    });
    connectAction->trigger();
    QVERIFY(driver.allHandled());
    QPointer<ClusterWindow> window = main.findChild<ClusterWindow *>();
    QVERIFY(window);
    QVERIFY(window->isWindow());
    QCOMPARE(window->windowTitle(), QStringLiteral("Cluster — %1").arg(cluster.bootstrap()));
    QVERIFY(QTest::qWaitFor(
        [&] {
            cluster.consume("billing", 10);
            return window->scene()->groupItem(QStringLiteral("billing")) && window->observations() >= 3;
        },
        20000));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("observed.json"));
    driver.expect([&](QWidget *modal) {
        auto *dialog = qobject_cast<QFileDialog *>(modal);
        if (!dialog)
            return false;
        dialog->selectFile(path);
        if (auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit")))
            name->setText(path);
        static_cast<QDialog *>(dialog)->accept();
        return true;
    });
    QString question;
    driver.expect([&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        if (!box)
            return false;
        question = box->text();
        box->button(QMessageBox::Yes)->click();
        return true;
    });
    QAction *save = nullptr;
    for (QAction *a : window->findChildren<QAction *>())
        if (a->text() == QStringLiteral("Save as &Scenario…"))
            save = a;
    QVERIFY(save);
    save->trigger();
    QVERIFY(QTest::qWaitFor([&] { return driver.allHandled(); }, 10000));
    QVERIFY2(driver.unexpected().isEmpty(), qPrintable(driver.unexpected().join(u'\n')));
    QVERIFY2(question.contains(QStringLiteral("estimated")), qPrintable(question));
    QVERIFY(QFile::exists(path));
    QCOMPARE(main.currentDocument()->filePath(), path);
    QVERIFY(main.architectures().contains(app::WhatIfScenario::kArchitecture));

    window->close();
    QVERIFY(QTest::qWaitFor([&] { return window.isNull(); }, 15000));
}

void TestClusterView::aTrainerReadsItInTheDarkThemeAndInPresenterMode()
{
    // The window as a trainer uses it: opened from the simulator, which is then switched to the
    // dark theme and to presenter mode. The cluster is made by hand so that every figure is known.
    // POSTOFFICE_CLUSTER_SCREENSHOT=<file.png> also writes <file>-dark.png and <file>-presenter.png.
    const QString screenshot = qEnvironmentVariable("POSTOFFICE_CLUSTER_SCREENSHOT");
    const auto shoot = [&](QWidget *w, const QString &suffix) {
        if (!screenshot.isEmpty())
            QVERIFY(w->grab().save(QString(screenshot).replace(QStringLiteral(".png"), suffix + ".png")));
    };
    LiveWindow live;
    QString error;
    QVERIFY2(live.open(QStringLiteral("notification-outage"), &error), qPrintable(error));
    live.window()->show();
    app::WatchConfig config;
    config.bootstrap = QStringLiteral("127.0.0.1:39001");
    QPointer<ClusterWindow> window = new ClusterWindow(config, live.window());
    window->resize(1280, 720); // a projector
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    watchLaggingCluster(*window);
    ClusterScene *scene = window->scene();
    const QList<ClusterChart *> charts = {window->ratesChart(), window->lagChart(),
                                          window->lagSecondsChart()};
    const auto contrast = [](const QColor &ink, const QColor &paper) {
        return QStringLiteral("%1 on %2: %3:1")
            .arg(ink.name(), paper.name())
            .arg(InkContrast::ratio(ink, paper), 0, 'f', 2);
    };
    // Every word on the canvas and in the log reads at WCAG's 4.5:1 at the least.
    const auto checkReadable = [&] {
        for (const ClusterGroupItem *g : scene->groupItems()) {
            QVERIFY2(InkContrast::ratio(g->lagInk(), g->fillColor()) >= 4.5,
                     qPrintable(g->groupId() + u' ' + contrast(g->lagInk(), g->fillColor())));
            const QColor pill = ClusterGroupItem::statusColor(g->group().status);
            QVERIFY2(InkContrast::ratio(g->statusInk(), pill) >= 4.5,
                     qPrintable(g->statusText() + u' ' + contrast(g->statusInk(), pill)));
        }
        const QColor paper = window->eventLog()->palette().color(QPalette::Base);
        int fragments = 0;
        for (QTextBlock b = window->eventLog()->document()->begin(); b.isValid(); b = b.next())
            for (auto it = b.begin(); !it.atEnd(); ++it) {
                const QTextCharFormat f = it.fragment().charFormat();
                const QColor ink = f.foreground().style() == Qt::NoBrush
                                       ? window->eventLog()->palette().color(QPalette::Text)
                                       : f.foreground().color();
                ++fragments;
                QVERIFY2(InkContrast::ratio(ink, paper) >= 4.5,
                         qPrintable(it.fragment().text() + u' ' + contrast(ink, paper)));
            }
        QVERIFY(fragments >= 9); // three rows: time, kind, sentence
        const QColor bar = window->statusLine()->palette().color(QPalette::Window);
        const QColor status = window->statusLine()->palette().color(QPalette::WindowText);
        QVERIFY2(InkContrast::ratio(status, bar) >= 4.5, qPrintable(contrast(status, bar)));
        // The charts take the palette's paper (no white glare in the dark) and ink.
        for (ClusterChart *c : charts) {
            const QColor chartPaper = c->chart()->backgroundBrush().color();
            QCOMPARE(chartPaper, window->palette().color(QPalette::Base));
            const QColor title = c->chart()->titleBrush().color();
            QVERIFY2(InkContrast::ratio(title, chartPaper) >= 4.5, qPrintable(contrast(title, chartPaper)));
            const QColor labels = c->valueAxis()->labelsBrush().color();
            QVERIFY2(InkContrast::ratio(labels, chartPaper) >= 4.5, qPrintable(contrast(labels, chartPaper)));
        }
    };
    // In the light theme first: the WARNING pill's word is not white on yellow.
    checkReadable();

    // Switched to the dark theme while the window is open: the canvas, the log rows written in the
    // light theme, the charts and a problem in the status line follow.
    live.window()->setDarkTheme(true);
    // Qt hands the new palette to the widgets from the event loop.
    QVERIFY(QTest::qWaitFor(
        [&] { return window->eventLog()->palette().color(QPalette::Base) == QColor(0x1e1f22); }, 5000));
    emit window->watcher()->problem(QStringLiteral("cannot reach 127.0.0.1:39001, retrying in 4 s"));
    QCOMPARE(scene->backgroundBrush().color(), Theme::canvasBackground());
    QCOMPARE(scene->backgroundBrush().color(), QColor(0x1b1c1f));
    checkReadable();
    QTest::qWait(20);
    shoot(window, QStringLiteral("-dark"));
    // The connect dialog's complaint, red on the dark dialog, reads too.
    {
        ConnectClusterDialog dialog(live.window());
        dialog.bootstrapEdit()->setText(QStringLiteral("kafka-without-port"));
        dialog.accept();
        QVERIFY(!dialog.problemLabel()->isHidden());
        const QColor complaint = dialog.problemLabel()->palette().color(QPalette::WindowText);
        const QColor paper = dialog.palette().color(QPalette::Window);
        QVERIFY2(InkContrast::ratio(complaint, paper) >= 4.5, qPrintable(contrast(complaint, paper)));
        dialog.show();
        shoot(&dialog, QStringLiteral("-dialog-dark"));
    }

    // Presenter mode, on the simulator's window: the cluster window's text grows with it, and the
    // charts' titles and legends still fit a third of the projector's width.
    // A partial problem (the poll after it reached the cluster) leaves a note in the status bar.
    emit window->watcher()->problem(
        QStringLiteral("the cluster does not list or describe consumer groups (Local: Required feature not "
                       "supported by broker): watching only the groups named with --group, members unknown"));
    emit window->watcher()->observed(laggingCluster(62));
    auto *note = window->findChild<QLabel *>(QStringLiteral("clusterNote"));
    QVERIFY(note && note->text().startsWith(QStringLiteral("Note: the cluster does not list")));
    const qreal normalPt = window->font().pointSizeF();
    const qreal normalTitle = window->lagChart()->chart()->titleFont().pointSizeF();
    live.binder()->presenter()->setEnabled(true);
    window->showNormal();
    window->resize(1280, 720);
    QTest::qWait(20);
    QCOMPARE(window->font().pointSizeF(), live.window()->font().pointSizeF());
    // The canvas was fitted again as the problem banner and presenter mode took room from it:
    // the whole cluster is in view, nothing behind a scroll bar.
    const QRect shown = window->view()->mapFromScene(scene->sceneRect()).boundingRect();
    QVERIFY2(window->view()->viewport()->rect().adjusted(-2, -2, 2, 2).contains(shown),
             qPrintable(QStringLiteral("%1x%2 of the cluster in a %3x%4 canvas")
                            .arg(shown.width())
                            .arg(shown.height())
                            .arg(window->view()->viewport()->width())
                            .arg(window->view()->viewport()->height())));
    QVERIFY2(window->font().pointSizeF() >= normalPt * PresenterMode::fontScale - 0.01,
             qPrintable(QStringLiteral("%1 pt, was %2 pt").arg(window->font().pointSizeF()).arg(normalPt)));
    QCOMPARE(window->statusLine()->font().pointSizeF(), window->font().pointSizeF());
    QCOMPARE(window->eventLog()->font().pointSizeF(), window->font().pointSizeF());
    QVERIFY(window->lagChart()->chart()->titleFont().pointSizeF() > normalTitle);
    // The note is elided again for the larger font: its end is "…", not cut off by the status bar.
    QVERIFY2(note->fontMetrics().horizontalAdvance(note->text()) <= note->maximumWidth(),
             qPrintable(QStringLiteral("%1 px in %2 px")
                            .arg(note->fontMetrics().horizontalAdvance(note->text()))
                            .arg(note->maximumWidth())));
    for (ClusterChart *c : charts) {
        const QFontMetricsF fm(c->chart()->titleFont());
        const qreal room = c->chart()->size().width() - 12; // the chart's margins
        QVERIFY2(fm.horizontalAdvance(c->chart()->title()) <= room,
                 qPrintable(QStringLiteral("\"%1\" is %2 px wide in %3 px")
                                .arg(c->chart()->title())
                                .arg(fm.horizontalAdvance(c->chart()->title()))
                                .arg(room)));
        // Tick labels are numbers shown whole, never "…", and the time ticks fall on round
        // seconds a trainer can read out (15 s, 30 s…, not 17.5 s).
        QVERIFY(!c->valueAxis()->truncateLabels());
        const double tick = c->timeAxis()->max() / (c->timeAxis()->tickCount() - 1);
        QVERIFY2(std::fmod(tick, 5.0) == 0.0 && c->timeAxis()->min() == 0.0,
                 qPrintable(QStringLiteral("a tick every %1 s").arg(tick)));
        // One legend entry per topic or group: a line's dashed twin has none.
        int entries = 0;
        qreal legendWidth = 0;
        const QFontMetricsF lm(c->chart()->legend()->font());
        for (QLegendMarker *m : c->chart()->legend()->markers())
            if (m->isVisible()) {
                ++entries;
                legendWidth += lm.horizontalAdvance(m->label()) + lm.height() * 2.5; // marker and gaps
            }
        QCOMPARE(entries, c == window->ratesChart() ? 2 : 3);
        QVERIFY2(legendWidth <= room,
                 qPrintable(QStringLiteral("legend %1 px in %2 px").arg(legendWidth).arg(room)));
    }
    checkReadable();
    shoot(window, QStringLiteral("-presenter"));

    live.binder()->presenter()->setEnabled(false);
    live.window()->setDarkTheme(false);
    window->close();
    QVERIFY(QTest::qWaitFor([&] { return window.isNull(); }, 15000));
}

QTEST_MAIN(TestClusterView)
#include "tst_cluster_view.moc"
