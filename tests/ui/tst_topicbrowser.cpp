// The topic browser: records of a partition with offset, key, value, timestamp and headers read
// from the broker core (without counting as a consumer fetch), newest page or from an offset,
// paging back and forth, retention explained; and each consumer group's committed offset and lag
// from a running simulation of a shipped scenario.
#include "LiveRunTestSupport.h"

#include "BrokerObserver.h"
#include "Cluster.h"
#include "ManualClock.h"
#include "Simulation.h"
#include "SimulationController.h"
#include "TopicBrowser.h"
#include "TopicRecordModel.h"

#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace postoffice;
using ui::TopicRecordModel;

class TestTopicBrowser : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void recordsHaveIncreasingOffsets();
    void pagesFromOffset_data();
    void pagesFromOffset();
    void unknownPartitionIsAnError();
    void showsGroupOffsetsOfARun();
    void showsTheRecordsInTheBrokerOfARun();
    void readingIsNotAConsumerFetch();
    void followsTheRunOnlyWhileVisible();
    void pagesBackAndForthThroughARun();
    void explainsRecordsDeletedByRetention();

private:
    std::unique_ptr<broker::ManualClock> m_clock;
    std::unique_ptr<broker::Cluster> m_cluster;
};

void TestTopicBrowser::init()
{
    m_clock = std::make_unique<broker::ManualClock>(1000);
    m_cluster = std::make_unique<broker::Cluster>(1, *m_clock);
    broker::TopicConfig config;
    config.partitions = 2;
    QCOMPARE(m_cluster->createTopic("orders", config), broker::ErrorCode::None);
    for (int i = 0; i < 50; ++i) {
        broker::Record r;
        r.key = "order-" + std::to_string(i);
        r.value = "{\"order_id\":" + std::to_string(i) + "}";
        r.timestampMs = 1000 + i * 10;
        r.headers = {{"type", "OrderPlaced"}};
        bool done = false;
        m_cluster->produce("orders", 1, r, broker::Acks::Leader,
                           [&](const broker::ProduceResult &) { done = true; });
        QVERIFY(done);
    }
}

void TestTopicBrowser::cleanup()
{
    m_cluster.reset();
    m_clock.reset();
}

void TestTopicBrowser::recordsHaveIncreasingOffsets()
{
    TopicRecordModel model;
    QString error;
    QVERIFY2(model.load(*m_cluster, "orders", 1, -1, 20, &error), qPrintable(error));
    QCOMPARE(model.rowCount(), 20);
    // The newest page: offsets 30..49, in order.
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.row(r).offset, qint64(30 + r));
    const TopicRecordModel::Row &last = model.row(19);
    QCOMPARE(last.key, QString("order-49"));
    QCOMPARE(last.value, QString("{\"order_id\":49}"));
    QCOMPARE(last.timestampMs, qint64(1490));
    QCOMPARE(last.headers, QString("type=OrderPlaced"));
    QCOMPARE(model.index(19, TopicRecordModel::Timestamp).data().toString(), QString("0:00:01.490"));
    QCOMPARE(model.index(0, TopicRecordModel::Offset).data().toLongLong(), 30);
    // Partition 0 is empty: no rows, no error.
    QVERIFY(model.load(*m_cluster, "orders", 0, -1, 20, &error));
    QCOMPARE(model.rowCount(), 0);
}

void TestTopicBrowser::pagesFromOffset_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<int>("rows");
    QTest::addColumn<qint64>("firstOffset");
    QTest::newRow("start") << qint64(0) << 10 << qint64(0);
    QTest::newRow("middle") << qint64(25) << 10 << qint64(25);
    QTest::newRow("near end") << qint64(45) << 10 << qint64(45);
    QTest::newRow("past end clamps") << qint64(500) << 10 << qint64(-1);
}

void TestTopicBrowser::pagesFromOffset()
{
    QFETCH(qint64, from);
    QFETCH(int, rows);
    QFETCH(qint64, firstOffset);
    TopicRecordModel model;
    QVERIFY(model.load(*m_cluster, "orders", 1, from, rows));
    if (firstOffset < 0) {
        QCOMPARE(model.rowCount(), 0);
        return;
    }
    QCOMPARE(model.row(0).offset, firstOffset);
    QCOMPARE(model.rowCount(), int(std::min<qint64>(rows, 50 - from)));
}

void TestTopicBrowser::unknownPartitionIsAnError()
{
    TopicRecordModel model;
    QString error;
    QVERIFY(!model.load(*m_cluster, "orders", 7, -1, 10, &error));
    QVERIFY(error.contains("orders"));
    QVERIFY(error.contains("7"));
    QVERIFY(!model.load(*m_cluster, "payments", 0, -1, 10, &error));
    QVERIFY(error.contains("payments"));
}

void TestTopicBrowser::showsGroupOffsetsOfARun()
{
    ui::SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("notification-outage")));
    ui::TopicBrowser browser(&c);
    const int decoupled = c.architectures().indexOf("decoupled");
    QVERIFY(decoupled >= 0);
    c.advanceTo(300);
    browser.select(decoupled, "orders", 0);
    QTableWidget *groups = browser.groups();
    QVERIFY(groups->rowCount() >= 3);                    // inventory, notification, analytics
    std::map<QString, std::pair<qint64, qint64>> before; // group → (committed, lag)
    for (int r = 0; r < groups->rowCount(); ++r)
        before[groups->item(r, 0)->text()] = {groups->item(r, 1)->text().toLongLong(),
                                              groups->item(r, 2)->text().toLongLong()};
    QVERIFY(before.count("notification"));
    QVERIFY(before["notification"].first > 0);
    QVERIFY(browser.summaryText().contains("high watermark"));
    // Five minutes into the outage the notification group has not moved and lags far behind.
    c.advanceTo(610);
    browser.refresh();
    c.advanceTo(900);
    browser.refresh();
    for (int r = 0; r < groups->rowCount(); ++r) {
        const QString g = groups->item(r, 0)->text();
        const qint64 committed = groups->item(r, 1)->text().toLongLong();
        const qint64 lag = groups->item(r, 2)->text().toLongLong();
        QVERIFY2(committed >= before[g].first, qPrintable(g));
        if (g == "notification")
            QVERIFY2(lag > 200, qPrintable(QString::number(lag))); // 20/s over 6 partitions × 290 s ≈ 970
        else
            QVERIFY2(lag < 100, qPrintable(g + ": " + QString::number(lag)));
    }
}

namespace {

// The rows the browser shows must be exactly what the broker holds at those offsets.
void compareWithBroker(const TopicRecordModel &model, const broker::Cluster &cluster,
                       const std::string &topic, int partition)
{
    QVERIFY(model.rowCount() > 0);
    broker::FetchResult direct;
    QCOMPARE(cluster.read(topic, partition, model.firstOffset(), model.rowCount(), direct),
             broker::ErrorCode::None);
    QCOMPARE(int(direct.records.size()), model.rowCount());
    for (int r = 0; r < model.rowCount(); ++r) {
        const broker::RecordView &v = direct.records[size_t(r)];
        const TopicRecordModel::Row &row = model.row(r);
        QCOMPARE(row.offset, qint64(v.offset()));
        QCOMPARE(row.key,
                 v.key() ? QString::fromUtf8(v.key()->data(), qsizetype(v.key()->size())) : "(null)");
        QCOMPARE(row.value, QString::fromUtf8(v.value()->data(), qsizetype(v.value()->size())));
        QCOMPARE(row.timestampMs, qint64(v.timestampMs()));
    }
}

int decoupledIndex(const ui::SimulationController &c)
{
    return int(c.architectures().indexOf("decoupled"));
}

} // namespace

void TestTopicBrowser::showsTheRecordsInTheBrokerOfARun()
{
    ui::SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("notification-outage")));
    ui::TopicBrowser browser(&c);
    const int decoupled = decoupledIndex(c);
    QVERIFY(decoupled >= 0);
    c.advanceTo(120);
    browser.select(decoupled, "orders", 2);
    const broker::Cluster *cluster = c.simulation()->cluster(decoupled);
    QVERIFY(cluster);
    const qint64 hw = cluster->highWatermark("orders", 2);
    QVERIFY2(hw > 20, qPrintable(QString::number(hw))); // two minutes of orders spread over 6 partitions
    const TopicRecordModel *model = browser.records();
    // The newest page: it ends just below the high watermark.
    QCOMPARE(model->lastOffset(), hw - 1);
    QCOMPARE(model->rowCount(), int(std::min<qint64>(hw, ui::TopicBrowser::maxRows)));
    compareWithBroker(*model, *cluster, "orders", 2);
    // Keys are order ids, values name the order; timestamps lie within the run.
    QVERIFY(!model->row(0).key.isEmpty());
    QVERIFY2(model->row(0).value.startsWith("order=" + model->row(0).key), qPrintable(model->row(0).value));
    QVERIFY(model->row(model->rowCount() - 1).timestampMs <= 120000);
    QVERIFY(browser.summaryText().contains(QString("high watermark %1").arg(hw)));

    // The newest page follows the run as it advances.
    c.advanceTo(180);
    browser.refresh();
    QVERIFY(cluster->highWatermark("orders", 2) > hw);
    QCOMPARE(model->lastOffset(), cluster->highWatermark("orders", 2) - 1);
    compareWithBroker(*model, *cluster, "orders", 2);

    // The tight architecture has no broker: said, not an empty table.
    browser.select(int(c.architectures().indexOf("tight")), "orders", 0);
    QCOMPARE(model->rowCount(), 0);
    QVERIFY2(browser.summaryText().contains("does not use topic orders"), qPrintable(browser.summaryText()));
}

namespace {

struct FetchCounter : broker::BrokerObserver
{
    int fetches = 0;
    void onFetch(const std::string &, std::int32_t, std::int64_t, std::int32_t) override { ++fetches; }
};

} // namespace

void TestTopicBrowser::readingIsNotAConsumerFetch()
{
    FetchCounter counter;
    m_cluster->addObserver(&counter);
    TopicRecordModel model;
    QVERIFY(model.load(*m_cluster, "orders", 1, 0, 50));
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(counter.fetches, 0);
    m_cluster->removeObserver(&counter);
}

void TestTopicBrowser::followsTheRunOnlyWhileVisible()
{
    ui::SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("notification-outage")));
    ui::TopicBrowser browser(&c);
    browser.select(decoupledIndex(c), "orders", 1);
    const broker::Cluster *cluster = c.simulation()->cluster(decoupledIndex(c));
    c.advanceTo(60);
    QTest::qWait(2 * 1000 / ui::TopicBrowser::refreshHz);
    QCOMPARE(browser.records()->rowCount(), 0); // hidden: not read
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    c.advanceTo(90);
    QTRY_COMPARE(browser.records()->lastOffset(), cluster->highWatermark("orders", 1) - 1);
    QVERIFY(browser.records()->lastOffset() > 0);
}

void TestTopicBrowser::pagesBackAndForthThroughARun()
{
    ui::SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("notification-outage")));
    ui::TopicBrowser browser(&c);
    const int decoupled = decoupledIndex(c);
    c.advanceTo(900);
    browser.select(decoupled, "orders", 0);
    const broker::Cluster *cluster = c.simulation()->cluster(decoupled);
    const qint64 hw = cluster->highWatermark("orders", 0);
    const int page = ui::TopicBrowser::maxRows;
    QVERIFY2(hw > 3 * page, qPrintable(QString::number(hw)));
    const TopicRecordModel *model = browser.records();
    QCOMPARE(browser.pageStart(), qint64(-1));
    QCOMPARE(model->firstOffset(), hw - page);

    auto *older = browser.findChild<QToolButton *>("olderButton");
    auto *newer = browser.findChild<QToolButton *>("newerButton");
    auto *newest = browser.findChild<QToolButton *>("newestButton");
    QVERIFY(older && newer && newest);
    QVERIFY(older->isEnabled());
    QVERIFY(!newer->isEnabled()); // already at the newest
    older->click();
    QCOMPARE(model->firstOffset(), hw - 2 * page);
    QCOMPARE(model->lastOffset(), hw - page - 1);
    compareWithBroker(*model, *cluster, "orders", 0);
    older->click();
    QCOMPARE(model->firstOffset(), hw - 3 * page);

    // A pinned page stays put while the run goes on.
    c.advanceTo(960);
    browser.refresh();
    QCOMPARE(model->firstOffset(), hw - 3 * page);
    newer->click();
    QCOMPARE(model->firstOffset(), hw - 2 * page);
    QVERIFY(browser.summaryText().contains(
        QString("showing offsets %1–%2").arg(hw - 2 * page).arg(hw - page - 1)));
    newest->click();
    QCOMPARE(browser.pageStart(), qint64(-1));
    QCOMPARE(model->lastOffset(), cluster->highWatermark("orders", 0) - 1);

    // Paging back to the very beginning disables "Older".
    browser.showFrom(0);
    QCOMPARE(model->firstOffset(), qint64(0));
    QVERIFY(!older->isEnabled());
    QVERIFY(browser.noticeText().isEmpty());
    // An offset not written yet falls back to the newest page and says so.
    browser.showFrom(hw * 10);
    QCOMPARE(browser.pageStart(), qint64(-1));
    QVERIFY2(browser.noticeText().contains("not been written yet"), qPrintable(browser.noticeText()));
}

void TestTopicBrowser::explainsRecordsDeletedByRetention()
{
    // The outage scenario with a one-minute retention and small segments: by 0:16:00 retention
    // (checked every 5 minutes) has deleted most of what was written, and the notification group,
    // down since 0:10:00, had not read it.
    app::Scenario s = uitest::loadShipped("notification-outage");
    app::NodeSpec *orders = nullptr;
    for (app::NodeSpec &n : s.nodes)
        if (n.id == "orders")
            orders = &n;
    QVERIFY(orders);
    orders->config["retention.ms"] = "60000";
    orders->config["segment.bytes"] = "4096";
    ui::SimulationController c;
    QVERIFY2(c.setScenario(s), qPrintable(c.errorString()));
    ui::TopicBrowser browser(&c);
    const int decoupled = decoupledIndex(c);
    c.advanceTo(960);
    browser.select(decoupled, "orders", 0);
    const broker::Cluster *cluster = c.simulation()->cluster(decoupled);
    const qint64 start = cluster->logStartOffset("orders", 0);
    QVERIFY2(start > 0, "retention deleted nothing: the test scenario does not exercise it");
    QVERIFY(browser.summaryText().contains(QString("offsets 0–%1 deleted by retention").arg(start - 1)));
    QVERIFY(browser.summaryText().contains("retention.ms = 60000 (1 min)"));
    QVERIFY(browser.noticeText().isEmpty());
    compareWithBroker(*browser.records(), *cluster, "orders", 0);
    QVERIFY(browser.records()->firstOffset() >= start);

    // Asking for deleted offsets explains why, then shows what is left from the log start.
    browser.showFrom(0);
    QVERIFY2(browser.noticeText().contains(QString("Offsets 0–%1 no longer exist").arg(start - 1)),
             qPrintable(browser.noticeText()));
    QVERIFY(browser.noticeText().contains("not a database"));
    QCOMPARE(browser.records()->firstOffset(), start);
    compareWithBroker(*browser.records(), *cluster, "orders", 0);
    if (const QByteArray dir = qgetenv("POSTOFFICE_SCREENSHOT_DIR"); !dir.isEmpty()) {
        browser.resize(720, 640);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        QVERIFY(browser.grab().save(QString::fromLocal8Bit(dir) + "/topicbrowser-retention.png"));
    }

    // The notification group, down since 0:10:00, lost what retention deleted unread: it resumes
    // at the log start (auto.offset.reset=earliest) and its lag counts only what is still there.
    bool seen = false;
    for (int r = 0; r < browser.groups()->rowCount(); ++r) {
        if (browser.groups()->item(r, 0)->text() != "notification")
            continue;
        seen = true;
        QCOMPARE(browser.groups()->item(r, 1)->text().toLongLong(), start);
        QCOMPARE(browser.groups()->item(r, 2)->text().toLongLong(),
                 cluster->logEndOffset("orders", 0) - start);
    }
    QVERIFY(seen);
}

QTEST_MAIN(TestTopicBrowser)
#include "tst_topicbrowser.moc"
