// Run ▸ Accept Kafka Clients in the real main window, as a trainer uses it: the notification
// outage opened as `postoffice gui` opens it, clients accepted on free ports, then a real
// librdkafka producer (client.id "kcat-demo") and a real librdkafka consumer group talk to the
// run. The status bar names the address, the producer and the group appear on the canvas with
// edges to the orders topic, the records are in the topic browser, the group gets a lane with its
// lag on the topic card, the event log tells the story, the run cannot be rewound meanwhile, and
// stopping closes the ports. Every wait is bounded (QTest::qWaitFor): nothing can hang.
//
// The clients run on librdkafka's threads while the server answers on this (the GUI) thread, so
// the test never calls a blocking librdkafka function while the server must answer it, except
// consumer close, which runs on a thread of its own while this one keeps serving.
#include "LiveRunTestSupport.h"
#include "ModalDriver.h"

#include "EventLogModel.h"
#include "EventLogPanel.h"
#include "ExternalClientItem.h"
#include "ExternalClientsOverlay.h"
#include "GraphScene.h"
#include "GraphView.h"
#include "InkContrast.h"
#include "KafkaClientsBinder.h"
#include "KafkaClientsDialog.h"
#include "KafkaRequestRouter.h"
#include "KafkaServer.h"
#include "LiveRunBinder.h"
#include "MainWindow.h"
#include "PresenterMode.h"
#include "ScenarioDocument.h"
#include "ScenarioGroupBridge.h"
#include "Simulation.h"
#include "SimulationController.h"
#include "Theme.h"
#include "TopicBrowser.h"
#include "TopicNodeItem.h"
#include "TopicRecordModel.h"
#include "WireGroupCoordinator.h"

#include <QAction>
#include <QComboBox>
#include <QDate>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPainter>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyleOptionGraphicsItem>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <thread>

using namespace postoffice;
using namespace postoffice::ui;

namespace {

constexpr int waitMs = 30000;
const QString producerId = QStringLiteral("kcat-demo");
const QString groupId = QStringLiteral("audit-external");
constexpr int records = 20;

rd_kafka_conf_t *config(const QString &bootstrap, const QString &clientId)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char err[512];
    const auto set = [&](const char *k, const QString &v) {
        if (rd_kafka_conf_set(conf, k, v.toUtf8().constData(), err, sizeof err) != RD_KAFKA_CONF_OK)
            qWarning("%s: %s", k, err);
    };
    set("bootstrap.servers", bootstrap);
    set("client.id", clientId);
    set("log_level", QStringLiteral("3"));
    return conf;
}

// A librdkafka consumer in `group`, subscribed to orders, with further `settings`; null (and a
// warning) when it cannot be made.
rd_kafka_t *ordersConsumer(const QString &bootstrap, const QString &clientId, const QString &group,
                           const std::vector<std::pair<const char *, const char *>> &settings = {})
{
    rd_kafka_conf_t *conf = config(bootstrap, clientId);
    char err[512];
    rd_kafka_conf_set(conf, "group.id", group.toUtf8().constData(), err, sizeof err);
    for (const auto &[key, value] : settings)
        rd_kafka_conf_set(conf, key, value, err, sizeof err);
    rd_kafka_t *consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    if (!consumer) {
        qWarning("consumer: %s", err);
        return nullptr;
    }
    rd_kafka_poll_set_consumer(consumer);
    rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(topics, "orders", RD_KAFKA_PARTITION_UA);
    const rd_kafka_resp_err_t subscribed = rd_kafka_subscribe(consumer, topics);
    rd_kafka_topic_partition_list_destroy(topics);
    if (subscribed != RD_KAFKA_RESP_ERR_NO_ERROR) {
        qWarning("subscribe: %s", rd_kafka_err2str(subscribed));
        rd_kafka_destroy(consumer);
        return nullptr;
    }
    return consumer;
}

int countClientRows(const EventLogModel *log, EventLogModel::ClientEvent kind, const QString &containing)
{
    int n = 0;
    for (int r = 0; r < log->rowCount(); ++r)
        if (log->clientEvent(r) == kind && log->data(log->index(r, EventLogModel::Text))
                                               .toString()
                                               .remove(QChar(0x200B))
                                               .contains(containing))
            ++n;
    return n;
}

// Closes a group consumer on a thread of its own while this one keeps serving its requests; if
// the close hangs, stopping the server lets it give up instead of waiting for answers forever.
bool leaveGroup(rd_kafka_t *consumer, KafkaClientsBinder *clients)
{
    std::atomic<bool> closed{false};
    std::thread closer([&] {
        rd_kafka_consumer_close(consumer);
        closed = true;
    });
    const bool left = QTest::qWaitFor([&] { return closed.load(); }, waitMs);
    if (!left)
        clients->stop();
    closer.join();
    return left;
}

} // namespace

class TestKafkaClients : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void externalClientsReadInTheDarkThemeAndInPresenterMode();
    void realClientsAppearOnTheCanvasAndInTheTopics();
    void aPortInUseIsSaidPlainly();
    void anEditWhileServingWaitsUntilServingStops();
    void theRunMenuItemAsksWhereAndStops();
    void aBrokerTakenDownClosesItsPort();
    void aClientInTheScenariosGroupSharesItsPartitions();

private:
    std::unique_ptr<LiveWindow> m_live;
};

void TestKafkaClients::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("PostOfficeTests");
    QCoreApplication::setApplicationName("tst_kafka_clients");
}

void TestKafkaClients::init()
{
    QSettings().clear();
    m_live = std::make_unique<LiveWindow>();
    const QString error = uitest::showLive(*m_live, QStringLiteral("notification-outage"), QSize(1600, 900));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestKafkaClients::cleanup()
{
    m_live.reset();
}

namespace {

// The best contrast any pixel of the "EXTERNAL" pill's middle has with the pill: the word's ink
// where its strokes are solid. The card is drawn at twice its size, as on a hi-dpi projector.
double pillWordContrast(ExternalClientItem *card)
{
    const QRectF bounds = card->boundingRect();
    QImage image((bounds.size() * 2).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Theme::canvasBackground());
    QPainter painter(&image);
    painter.scale(2, 2);
    painter.translate(-bounds.topLeft());
    QStyleOptionGraphicsItem option;
    card->paint(&painter, &option, nullptr);
    painter.end();
    // The pill as ExternalClientItem lays it out at 100 %: right-aligned, straddling the top edge.
    QFont font;
    font.setPixelSize(10);
    font.setBold(true);
    const QFontMetricsF fm(font);
    const qreal h = fm.height() + 2;
    const qreal w = fm.horizontalAdvance(card->isActive() ? QStringLiteral("EXTERNAL")
                                                          : QStringLiteral("EXTERNAL · GONE")) +
                    10;
    const QRectF card0 = card->cardRect();
    const QRectF middle(card0.right() - 8 - w + h / 2, card0.top() - h * 0.6 + 3, w - h, h - 6);
    double best = 1.0;
    for (int y = int((middle.top() - bounds.top()) * 2); y < int((middle.bottom() - bounds.top()) * 2); ++y)
        for (int x = int((middle.left() - bounds.left()) * 2); x < int((middle.right() - bounds.left()) * 2);
             ++x)
            best = std::max(best, InkContrast::ratio(image.pixelColor(x, y), ExternalClientItem::accent()));
    return best;
}

} // namespace

void TestKafkaClients::externalClientsReadInTheDarkThemeAndInPresenterMode()
{
    // The served canvas with a producer and a group that left, as a trainer shows it to a class:
    // in the dark theme, then in presenter mode on a 1280x720 projector. The overlay is fed as
    // KafkaClientsBinder feeds it; no client needs to connect for the look.
    MainWindow *window = m_live->window();
    GraphScene *scene = window->graphScene(QStringLiteral("decoupled"));
    QVERIFY(scene);
    ExternalClientsOverlay overlay;
    overlay.setScene(scene);
    const QStringList orders{QStringLiteral("orders")};
    overlay.setClients({{true, producerId, orders, QStringLiteral("writes to orders"), true},
                        {false, groupId, orders, QStringLiteral("Empty · left the group"), false}});
    QCOMPARE(overlay.items().size(), 2);

    // The "EXTERNAL" pill's word reads on the pill in both themes (4.5:1): the dark theme's light
    // teal takes black, the light theme's dark teal white.
    for (const bool dark : {false, true}) {
        window->setDarkTheme(dark);
        for (ExternalClientItem *card : overlay.items()) {
            const double contrast = pillWordContrast(card);
            QVERIFY2(contrast >= 4.5, qPrintable(QStringLiteral("%1, %2 theme: %3:1")
                                                     .arg(card->name(), dark ? "dark" : "light")
                                                     .arg(contrast, 0, 'f', 2)));
        }
    }

    // Presenter mode on a 1280x720 projector: the served canvas is a wide, low strip, and its fit
    // gives the scenario's cards what height the row of external cards leaves them.
    LiveRunBinder *binder = m_live->binder();
    binder->presenter()->setEnabled(true);
    window->showNormal();
    window->resize(1280, 720);
    QTest::qWait(50);
    window->fitAll();
    QTest::qWait(50);
    const qreal lod = window->graphView(QStringLiteral("decoupled"))->transform().m11();
    const QRectF withClients = scene->contentRect(lod);
    QVERIFY(withClients.contains(overlay.items().first()->sceneBoundingRect()));
    // The row sits close under the graph: it costs the canvas about one card's height, no more.
    overlay.setClients({});
    const qreal rowCost = withClients.bottom() - scene->contentRect(lod).bottom();
    overlay.setClients({{true, producerId, orders, QStringLiteral("writes to orders"), true},
                        {false, groupId, orders, QStringLiteral("Empty · left the group"), false}});
    QVERIFY2(
        rowCost <= ExternalClientItem::cardHeight + 20,
        qPrintable(
            QStringLiteral("%1 units for a %2-unit card").arg(rowCost).arg(ExternalClientItem::cardHeight)));
    // At the canvas's zoom each card's "EXTERNAL" pill grows for the back row, yet stays over its
    // own card: "EXTERNAL · GONE" never reaches over its neighbour's.
    for (ExternalClientItem *card : overlay.items()) {
        const QRectF area = card->cardRect().adjusted(-120, -60, 120, 10);
        QImage image((area.size() * lod).toSize() + QSize(2, 2), QImage::Format_ARGB32_Premultiplied);
        image.fill(Theme::canvasBackground());
        QPainter painter(&image);
        painter.scale(lod, lod);
        painter.translate(-area.topLeft());
        QStyleOptionGraphicsItem option;
        card->paint(&painter, &option, nullptr);
        painter.end();
        const QColor accent = ExternalClientItem::accent();
        int outside = 0;
        // Above the card's top edge (the pill's upper half), left or right of the card.
        for (int y = 0; y < int((card->cardRect().top() - 2 - area.top()) * lod); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const qreal sx = area.left() + x / lod;
                if (sx > card->cardRect().left() - 1 && sx < card->cardRect().right() + 1)
                    continue;
                const QColor c = image.pixelColor(x, y);
                outside += std::abs(c.red() - accent.red()) + std::abs(c.green() - accent.green()) +
                               std::abs(c.blue() - accent.blue()) <
                           90;
            }
        QVERIFY2(outside == 0, qPrintable(QStringLiteral("%1: %2 pill pixels beside the card at %3 %")
                                              .arg(card->name())
                                              .arg(outside)
                                              .arg(lod * 100, 0, 'f', 0)));
    }
    if (const QString shot = qEnvironmentVariable("POSTOFFICE_SCREENSHOT"); !shot.isEmpty())
        QVERIFY(window->grab().save(
            QString(shot).replace(QStringLiteral(".png"), QStringLiteral("-external-presenter.png"))));
    binder->presenter()->setEnabled(false);
    window->setDarkTheme(false);
}

void TestKafkaClients::realClientsAppearOnTheCanvasAndInTheTopics()
{
    LiveRunBinder *binder = m_live->binder();
    KafkaClientsBinder *clients = binder->kafkaClients();
    SimulationController *controller = binder->controller();
    EventLogModel *log = binder->eventLog()->model();
    controller->setSpeed(4.0);
    // Clients join in the middle of the notification outage (from 600 s): the backlog is growing.
    controller->seek(640.0);

    KafkaClientsBinder::Options options;
    // Free ports; the screenshot shows Kafka's usual ones.
    options.basePort = qEnvironmentVariableIsSet("POSTOFFICE_SCREENSHOT") ? 9092 : 0;
    QString error;
    QVERIFY2(clients->start(options, &error), qPrintable(error));
    QVERIFY(clients->action()->isChecked());
    const int arch = clients->architecture();
    QCOMPARE(controller->architectures().value(arch), QStringLiteral("decoupled"));
    const quint16 port = clients->server()->port(0);
    QVERIFY(port != 0);
    // The status bar names the addresses, one port per broker (three in this scenario).
    QVERIFY(clients->statusLabel()->isVisible());
    const QString status = clients->statusLabel()->text();
    QVERIFY2(status.startsWith(QStringLiteral("Kafka clients: 127.0.0.1:%1").arg(port)), qPrintable(status));
    QVERIFY2(status.contains(QString::number(clients->server()->port(2))), qPrintable(status));
    QCOMPARE(countClientRows(log, EventLogModel::ClientEvent::Connection,
                             QStringLiteral("Accepting Kafka clients")),
             1);
    const QString bootstrap = QStringLiteral("127.0.0.1:%1").arg(port);

    // --- a producer: its records land in the simulated orders topic -----------------------------
    char err[512];
    rd_kafka_t *producer = rd_kafka_new(RD_KAFKA_PRODUCER, config(bootstrap, producerId), err, sizeof err);
    QVERIFY2(producer, err);
    std::atomic<int> delivered{0}, failed{0};
    for (int i = 0; i < records; ++i) {
        const QByteArray key = QByteArray("ext-") + QByteArray::number(i);
        const QByteArray value = QByteArray("external-") + QByteArray::number(i);
        const rd_kafka_resp_err_t e = rd_kafka_producev(
            producer, RD_KAFKA_V_TOPIC("orders"), RD_KAFKA_V_KEY(key.constData(), size_t(key.size())),
            RD_KAFKA_V_VALUE(const_cast<char *>(value.constData()), size_t(value.size())),
            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
        QCOMPARE(e, RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    // Delivery reports come through rd_kafka_poll; the server answers on this thread meanwhile.
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     rd_kafka_poll(producer, 0);
                     return rd_kafka_outq_len(producer) == 0;
                 },
                 waitMs),
             "the producer's records were not acknowledged");
    Q_UNUSED(delivered);
    Q_UNUSED(failed);

    // While clients are connected the run plays at wall-clock pace, whatever speed it had.
    QVERIFY(controller->isPlaying());
    QCOMPARE(controller->speed(), 1.0);
    QVERIFY(clients->connectionCount() > 0);

    // The producer is a card of its own on the served canvas, with an edge into the orders topic.
    GraphScene *scene = m_live->window()->graphScene(QStringLiteral("decoupled"));
    QVERIFY(scene);
    QVERIFY(QTest::qWaitFor([&] { return clients->overlay()->item(true, producerId) != nullptr; }, waitMs));
    ExternalClientItem *card = clients->overlay()->item(true, producerId);
    QCOMPARE(card->scene(), scene);
    QVERIFY(card->isActive());
    QCOMPARE(clients->overlay()->connectedTopics(card), QStringList{QStringLiteral("orders")});
    QVERIFY(card->subtitle().contains(QStringLiteral("orders")));
    // It is no node of the scenario: not selectable, not in the document, and the view frames it.
    QVERIFY(!(card->flags() & QGraphicsItem::ItemIsSelectable));
    QVERIFY(!m_live->window()->currentDocument()->scenario().node(producerId));
    QVERIFY(scene->contentRect().contains(card->sceneBoundingRect()));
    QCOMPARE(countClientRows(log, EventLogModel::ClientEvent::Connection,
                             QStringLiteral("Producer “%1” writes to orders").arg(producerId)),
             1);
    // Named once, however many connections it opened.
    QCOMPARE(countClientRows(log, EventLogModel::ClientEvent::Connection,
                             QStringLiteral("Kafka client “%1” connected from 127.0.0.1").arg(producerId)),
             1);

    // --- the topic browser shows the external records among the simulated ones ------------------
    TopicBrowser *browser = binder->topicBrowser();
    int found = 0;
    int firstPartition = -1;
    qint64 firstOffset = -1;
    for (int p = 0; p < 6; ++p) {
        browser->select(arch, QStringLiteral("orders"), p);
        const TopicRecordModel *rows = browser->records();
        for (int r = 0; r < rows->rowCount(); ++r)
            if (rows->row(r).value.startsWith(QLatin1String("external-"))) {
                ++found;
                if (firstPartition < 0) {
                    firstPartition = p;
                    firstOffset = rows->row(r).offset;
                }
                QCOMPARE(rows->row(r).key, QStringLiteral("ext-") + rows->row(r).value.mid(9));
                // The client's wall-clock CreateTime reads as today's date, not as a run time.
                const QString shown = rows->data(rows->index(r, TopicRecordModel::Timestamp)).toString();
                QVERIFY2(shown.startsWith(QDate::currentDate().toString(Qt::ISODate)) ||
                             shown.startsWith(QDate::currentDate().addDays(-1).toString(Qt::ISODate)),
                         qPrintable(shown));
            }
    }
    QCOMPARE(found, records);

    // --- a consumer group: a card, a lane on the topic card, its lag --------------------------------
    rd_kafka_t *consumer =
        ordersConsumer(bootstrap, QStringLiteral("audit"), groupId,
                       {{"auto.offset.reset", "earliest"}, {"enable.auto.commit", "false"}});
    QVERIFY(consumer);

    const broker::WireGroupCoordinator &groups = clients->server()->router().groups();
    const auto committedPartitions = [&] {
        int n = 0;
        for (const broker::WireCommittedOffset &o : groups.committedOffsets(groupId.toStdString()))
            n += o.topic == "orders" && o.offset >= 0;
        return n;
    };
    // Read, and commit what was read every so often, until every partition has a commit.
    int consumed = 0;
    QElapsedTimer sinceCommit;
    sinceCommit.start();
    const bool allCommitted = QTest::qWaitFor(
        [&] {
            while (rd_kafka_message_t *m = rd_kafka_consumer_poll(consumer, 0)) {
                consumed += m->err == RD_KAFKA_RESP_ERR_NO_ERROR;
                rd_kafka_message_destroy(m);
            }
            if (consumed > 0 && sinceCommit.elapsed() > 300) {
                rd_kafka_commit(consumer, nullptr, 1 /* async: the server answers on this thread */);
                sinceCommit.restart();
            }
            return committedPartitions() == 6;
        },
        2 * waitMs);
    QVERIFY2(allCommitted, qPrintable(QStringLiteral("%1 records consumed, %2 partitions committed")
                                          .arg(consumed)
                                          .arg(committedPartitions())));
    QVERIFY(consumed >= records);

    QVERIFY(QTest::qWaitFor([&] { return clients->overlay()->item(false, groupId) != nullptr; }, waitMs));
    ExternalClientItem *groupCard = clients->overlay()->item(false, groupId);
    QVERIFY(groupCard->isActive());
    QCOMPARE(clients->overlay()->connectedTopics(groupCard), QStringList{QStringLiteral("orders")});
    QVERIFY2(groupCard->subtitle().contains(QStringLiteral("1 member")), qPrintable(groupCard->subtitle()));
    QVERIFY(countClientRows(log, EventLogModel::ClientEvent::Group, groupId) >= 1);

    // The lane on the orders card: lag = log end − committed offset, summed over the partitions, as
    // for the scenario's own groups; the committed offsets are the group's commits.
    controller->pause();
    binder->refreshViews();
    TopicNodeItem *topic = scene->topicItem(QStringLiteral("orders"));
    QVERIFY(topic);
    QVERIFY2(topic->groups().contains(groupId), qPrintable(topic->groups().join(u',')));
    qint64 expected = 0;
    qint64 expectedFromHighWatermark = 0;
    bool replicated = true;
    for (const app::PartitionState &p :
         controller->simulation()->topicState(arch, QStringLiteral("orders"))) {
        const std::optional<std::int64_t> c =
            groups.committedOffset(groupId.toStdString(), "orders", p.partition);
        QVERIFY(c);
        expected += p.log_end - *c;
        expectedFromHighWatermark += p.high_watermark - *c;
        replicated = replicated && p.high_watermark == p.log_end;
    }
    QCOMPARE(topic->groupLag(groupId), expected);
    if (replicated)
        QCOMPARE(topic->groupLag(groupId), expectedFromHighWatermark);
    QVERIFY(topic->groupLabel(groupId).contains(groupId));
    // The topic browser lists the group beside the scenario's, with its commit and lag.
    browser->select(arch, QStringLiteral("orders"), 0);
    const QList<QTableWidgetItem *> rows = browser->groups()->findItems(groupId, Qt::MatchExactly);
    QCOMPARE(rows.size(), 1);
    const std::int64_t committed0 = *groups.committedOffset(groupId.toStdString(), "orders", 0);
    QCOMPARE(browser->groups()->item(rows.first()->row(), 1)->text(), QString::number(committed0));
    // POSTOFFICE_SCREENSHOT=file.png: the window as a trainer sees it now (README's screenshot).
    if (const QString shot = qEnvironmentVariable("POSTOFFICE_SCREENSHOT"); !shot.isEmpty()) {
        // The topic browser in front, from the producer's first record of partition 0 on.
        // The inspector (nothing to inspect here) gives its height to the topic browser.
        for (QDockWidget *dock : m_live->window()->findChildren<QDockWidget *>()) {
            if (dock->isAncestorOf(browser))
                dock->raise();
            if (dock->objectName() == QLatin1String("InspectorDock"))
                dock->hide();
        }
        browser->select(arch, QStringLiteral("orders"), firstPartition);
        browser->showFrom(firstOffset);
        m_live->window()->fitAll();
        QTest::qWait(200);
        QVERIFY(m_live->window()->grab().save(shot));
    }

    // --- no rewind while real clients are connected ----------------------------------------------
    const double before = controller->now();
    QVERIFY(before > 0);
    const app::Simulation *served = controller->simulation();
    controller->seek(0.0);
    QCOMPARE(controller->now(), before);
    QCOMPARE(controller->simulation(), served);
    QVERIFY2(m_live->window()->statusBar()->currentMessage().contains(QStringLiteral("cannot go back")),
             qPrintable(m_live->window()->statusBar()->currentMessage()));
    controller->play();

    // --- the group's member leaves; the producer disconnects -------------------------------------
    QVERIFY2(leaveGroup(consumer, clients), "the consumer could not leave its group");
    rd_kafka_destroy(consumer);
    QVERIFY(QTest::qWaitFor([&] { return !clients->overlay()->item(false, groupId)->isActive(); }, waitMs));
    QVERIFY(countClientRows(log, EventLogModel::ClientEvent::Group, QStringLiteral("left")) +
                countClientRows(log, EventLogModel::ClientEvent::Group, QStringLiteral("leaves")) >=
            1);

    rd_kafka_destroy(producer);
    QVERIFY(QTest::qWaitFor([&] { return clients->connectionCount() == 0; }, waitMs));
    clients->refresh();
    QVERIFY(!clients->overlay()->item(true, producerId)->isActive());
    QCOMPARE(countClientRows(log, EventLogModel::ClientEvent::Connection,
                             QStringLiteral("Kafka client “%1” disconnected").arg(producerId)),
             1);
    // The last client gone, the run has its own speed again.
    QCOMPARE(controller->speed(), 4.0);

    // --- stopping closes the ports and takes the cards away --------------------------------------
    clients->stop();
    QVERIFY(!clients->isServing());
    QVERIFY(!clients->action()->isChecked());
    QVERIFY(!clients->statusLabel()->isVisible());
    QVERIFY(clients->overlay()->items().isEmpty());
    bool anyCard = false;
    for (QGraphicsItem *item : scene->items())
        anyCard = anyCard || item->type() == ExternalClientItem::Type;
    QVERIFY(!anyCard);
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!probe.waitForConnected(3000));
    QCOMPARE(probe.error(), QAbstractSocket::ConnectionRefusedError);
    // Rewinding works again.
    controller->seek(0.0);
    QCOMPARE(controller->now(), 0.0);
}

void TestKafkaClients::aPortInUseIsSaidPlainly()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    KafkaClientsBinder *clients = m_live->binder()->kafkaClients();
    KafkaClientsBinder::Options options;
    options.basePort = squatter.serverPort();
    QString error;
    QVERIFY(!clients->start(options, &error));
    QVERIFY2(error.contains(QString::number(squatter.serverPort())) && error.contains(QStringLiteral("port")),
             qPrintable(error));
    QVERIFY(!clients->isServing());
    QVERIFY(!clients->action()->isChecked());
    QVERIFY(!clients->statusLabel()->isVisible());
    QCOMPARE(m_live->window()->statusBar()->currentMessage(), error);
    // Nothing is left listening on the other brokers' ports either: a second try on free ports works.
    options.basePort = 0;
    QVERIFY2(clients->start(options, &error), qPrintable(error));
    clients->stop();
}

void TestKafkaClients::anEditWhileServingWaitsUntilServingStops()
{
    LiveRunBinder *binder = m_live->binder();
    KafkaClientsBinder *clients = binder->kafkaClients();
    KafkaClientsBinder::Options options;
    options.basePort = 0;
    QString error;
    QVERIFY2(clients->start(options, &error), qPrintable(error));
    binder->controller()->advanceTo(5.0);
    const app::Simulation *served = binder->controller()->simulation();
    QVERIFY(
        !m_live->window()->currentDocument()->addNode(app::NodeKind::Service, QPointF(900, 900)).isEmpty());
    // The run goes on: the clients' simulation is kept.
    QCOMPARE(binder->controller()->simulation(), served);
    QCOMPARE(binder->controller()->now(), 5.0);
    QVERIFY(clients->isServing());
    QVERIFY(clients->restartPending());
    clients->stop();
    // Then the run starts again with the edit.
    QVERIFY(binder->controller()->simulation() != served);
    QCOMPARE(binder->controller()->now(), 0.0);
    QCOMPARE(binder->controller()->scenario().nodes.size(),
             m_live->window()->currentDocument()->scenario().nodes.size());
}

void TestKafkaClients::theRunMenuItemAsksWhereAndStops()
{
    KafkaClientsBinder *clients = m_live->binder()->kafkaClients();
    // The item is in the Run menu, beside the other run actions.
    QAction *item = nullptr;
    for (QAction *menu : m_live->window()->menuBar()->actions())
        if (menu->text() == QLatin1String("&Run"))
            for (QAction *a : menu->menu()->actions())
                if (a == clients->action())
                    item = a;
    QVERIFY(item);
    QVERIFY(item->isCheckable());

    // Checking it asks where to listen: 127.0.0.1 and 9092 by default, the decoupled shop (the
    // first with topics; the tight one has no broker) chosen. The test takes free ports.
    uitest::ModalDriver driver;
    QString defaults;
    driver.expect([&](QWidget *modal) {
        auto *dialog = qobject_cast<KafkaClientsDialog *>(modal);
        if (!dialog)
            return false;
        defaults = QStringLiteral("%1 %2 %3")
                       .arg(dialog->addressEdit()->text())
                       .arg(dialog->portBox()->value())
                       .arg(dialog->architectureBox()->currentText());
        dialog->portBox()->setValue(0);
        dialog->accept();
        return true;
    });
    item->trigger();
    QVERIFY(driver.allHandled());
    QVERIFY2(driver.unexpected().isEmpty(), qPrintable(driver.unexpected().join(u'\n')));
    QCOMPARE(defaults, QStringLiteral("127.0.0.1 9092 Decoupled"));
    QVERIFY(clients->isServing());
    QVERIFY(item->isChecked());
    QVERIFY(clients->statusLabel()->text().startsWith(QStringLiteral("Kafka clients: 127.0.0.1:")));

    // Restart and compare would rebuild the run: greyed out, the tooltip says why.
    int blocked = 0;
    for (QAction *menu : m_live->window()->menuBar()->actions())
        if (menu->text() == QLatin1String("&Run"))
            for (QAction *a : menu->menu()->actions())
                if (!a->isEnabled() && a->toolTip() == KafkaClientsBinder::rewindBlockedReason())
                    ++blocked;
    QCOMPARE(blocked, 2);

    // Unchecking stops: the port refuses connections, the menu is as it was.
    const quint16 port = clients->server()->port(0);
    item->trigger();
    QVERIFY(!clients->isServing());
    QVERIFY(!item->isChecked());
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!probe.waitForConnected(3000));
    for (QAction *menu : m_live->window()->menuBar()->actions())
        if (menu->text() == QLatin1String("&Run"))
            for (QAction *a : menu->menu()->actions())
                QVERIFY(a->toolTip() != KafkaClientsBinder::rewindBlockedReason());

    // Cancelling the dialog leaves it unchecked.
    driver.expect([](QWidget *modal) {
        auto *dialog = qobject_cast<KafkaClientsDialog *>(modal);
        if (dialog)
            dialog->reject();
        return dialog != nullptr;
    });
    item->trigger();
    QVERIFY(driver.allHandled());
    QVERIFY(!item->isChecked());
    QVERIFY(!clients->isServing());
}

void TestKafkaClients::aBrokerTakenDownClosesItsPort()
{
    QString error;
    QVERIFY2(m_live->open(QStringLiteral("broker-failure"), &error), qPrintable(error));
    LiveRunBinder *binder = m_live->binder();
    KafkaClientsBinder *clients = binder->kafkaClients();
    KafkaClientsBinder::Options options;
    options.basePort = 0;
    QVERIFY2(clients->start(options, &error), qPrintable(error));
    const quint16 port0 = clients->server()->port(0);
    QVERIFY(clients->server()->isListening(0));
    // broker-0 goes down at 600 s: its port closes, and the status bar and the log say so.
    binder->controller()->advanceTo(610.0);
    QVERIFY(!clients->server()->isListening(0));
    QVERIFY2(clients->statusLabel()->text().contains(QStringLiteral("broker 0 down")),
             qPrintable(clients->statusLabel()->text()));
    QCOMPARE(countClientRows(binder->eventLog()->model(), EventLogModel::ClientEvent::Connection,
                             QStringLiteral("Broker 0 is down: its port %1 refuses").arg(port0)),
             1);
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port0);
    QVERIFY(!probe.waitForConnected(3000));
    // Back at 1200 s, on the same port (Metadata stays true).
    binder->controller()->advanceTo(1210.0);
    QVERIFY(clients->server()->isListening(0));
    QCOMPARE(clients->server()->port(0), port0);
    QCOMPARE(countClientRows(binder->eventLog()->model(), EventLogModel::ClientEvent::Connection,
                             QStringLiteral("Broker 0 is back")),
             1);
    QVERIFY(!clients->statusLabel()->text().contains(QStringLiteral("down")));
    // Opening another scenario stops serving (its clients belonged to this run).
    QVERIFY2(m_live->open(QStringLiteral("baseline"), &error), qPrintable(error));
    QVERIFY(!clients->isServing());
    QVERIFY(!clients->statusLabel()->isVisible());
}

void TestKafkaClients::aClientInTheScenariosGroupSharesItsPartitions()
{
    // A learner's consumer joins the scenario's own analytics group (two simulated consumers of
    // orders): one card for the clients says which partitions they took, the scenario's lane on
    // the topic card stays the group's only lane, and the event log tells the rebalance with them.
    LiveRunBinder *binder = m_live->binder();
    KafkaClientsBinder *clients = binder->kafkaClients();
    SimulationController *controller = binder->controller();
    EventLogModel *log = binder->eventLog()->model();
    controller->seek(60.0);
    KafkaClientsBinder::Options options;
    options.basePort = qEnvironmentVariableIsSet("POSTOFFICE_SHARED_SCREENSHOT") ? 9092 : 0;
    QString error;
    QVERIFY2(clients->start(options, &error), qPrintable(error));
    const QString bootstrap = QStringLiteral("127.0.0.1:%1").arg(clients->server()->port(0));

    rd_kafka_t *consumer = ordersConsumer(bootstrap, QStringLiteral("learner"), QStringLiteral("analytics"));
    QVERIFY(consumer);
    const QString card = QStringLiteral("analytics (shared)");
    const bool seated = QTest::qWaitFor(
        [&] {
            while (rd_kafka_message_t *m = rd_kafka_consumer_poll(consumer, 0))
                rd_kafka_message_destroy(m);
            clients->refresh();
            const ExternalClientItem *item = clients->overlay()->item(false, card);
            return item && item->subtitle().contains(QStringLiteral("orders["));
        },
        2 * waitMs);
    QVERIFY2(seated, "the learner's consumer got no partitions of the analytics group");
    ExternalClientItem *item = clients->overlay()->item(false, card);
    QVERIFY(item->isActive());
    QVERIFY2(item->subtitle().startsWith(QStringLiteral("1 client reads orders[")),
             qPrintable(item->subtitle()));
    QCOMPARE(clients->overlay()->connectedTopics(item), QStringList{QStringLiteral("orders")});
    QVERIFY(clients->server()->router().sharedGroups().isShared("analytics"));
    // No second lane for the group on the orders card: the scenario's lane is the whole group's.
    controller->pause();
    binder->refreshViews();
    TopicNodeItem *topic =
        m_live->window()->graphScene(QStringLiteral("decoupled"))->topicItem(QStringLiteral("orders"));
    QVERIFY(topic->groups().contains(QStringLiteral("analytics")));
    QVERIFY(!topic->groups().contains(QStringLiteral("analytics (external)")));
    // The row words the rebalance in figures (three consumers now); its tooltip names who got what.
    bool toldRebalance = false;
    for (int r = 0; r < log->rowCount(); ++r) {
        const QModelIndex row = log->index(r, EventLogModel::Text);
        toldRebalance =
            toldRebalance || (log->data(row).toString().contains(QStringLiteral("among 3 consumers")) &&
                              log->data(row, Qt::ToolTipRole)
                                  .toString()
                                  .remove(QChar(0x200B))
                                  .contains(QStringLiteral("learner ← [")));
    }
    QVERIFY(toldRebalance);
    if (const QString shot = qEnvironmentVariable("POSTOFFICE_SHARED_SCREENSHOT"); !shot.isEmpty()) {
        m_live->window()->fitAll();
        QTest::qWait(200);
        QVERIFY(m_live->window()->grab().save(shot));
    }
    controller->play();

    QVERIFY2(leaveGroup(consumer, clients), "the consumer could not leave its group");
    rd_kafka_destroy(consumer);
    // Gone: the card says the simulated members read it all again.
    QVERIFY(QTest::qWaitFor(
        [&] {
            clients->refresh();
            return !clients->overlay()->item(false, card)->isActive();
        },
        waitMs));
    QVERIFY2(clients->overlay()->item(false, card)->subtitle().contains(QStringLiteral("read it all")),
             qPrintable(clients->overlay()->item(false, card)->subtitle()));
    clients->stop();
}

QTEST_MAIN(TestKafkaClients)
#include "tst_kafka_clients.moc"
