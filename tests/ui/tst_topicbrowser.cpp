// The topic browser: records of a partition with offset, key, value, timestamp and headers read
// from the broker core, newest first page or from an offset, clear errors; and each consumer
// group's committed offset and lag from a running simulation.
#include "LiveRunTestSupport.h"

#include "Cluster.h"
#include "ManualClock.h"
#include "Simulation.h"
#include "SimulationController.h"
#include "TopicBrowser.h"
#include "TopicRecordModel.h"

#include <QTableWidget>
#include <QTest>

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

QTEST_MAIN(TestTopicBrowser)
#include "tst_topicbrowser.moc"
