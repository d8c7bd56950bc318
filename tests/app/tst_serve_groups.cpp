// A librdkafka high-level consumer group against `postoffice serve`: two members split a topic's
// partitions between them, commit what they read, and a consumer started later in the same group
// resumes exactly from the commits.

#include "ServeProcess.h"

#include <QElapsedTimer>
#include <QtTest>

#include <map>
#include <set>
#include <string>

using namespace postoffice::test;

namespace {

const QString kCluster = QStringLiteral(POSTOFFICE_FIXTURES_DIR "/scenarios/serve-cluster.json");
constexpr int kPartitions = 6;

RdKafka groupConsumer(const std::string &bootstrap, const std::string &group, const char *topic)
{
    char errstr[512];
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER,
                                  rdConf({{"bootstrap.servers", bootstrap},
                                          {"group.id", group},
                                          {"auto.offset.reset", "earliest"},
                                          {"enable.auto.commit", "false"},
                                          {"session.timeout.ms", "30000"}}),
                                  errstr, sizeof errstr);
    if (!rk)
        qFatal("consumer: %s", errstr);
    rd_kafka_poll_set_consumer(rk);
    rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(topics, topic, RD_KAFKA_PARTITION_UA);
    if (rd_kafka_subscribe(rk, topics) != RD_KAFKA_RESP_ERR_NO_ERROR)
        qFatal("subscribe failed");
    rd_kafka_topic_partition_list_destroy(topics);
    return RdKafka(rk);
}

std::set<int> assignment(rd_kafka_t *rk)
{
    std::set<int> partitions;
    rd_kafka_topic_partition_list_t *list = nullptr;
    if (rd_kafka_assignment(rk, &list) == RD_KAFKA_RESP_ERR_NO_ERROR && list) {
        for (int i = 0; i < list->cnt; ++i)
            partitions.insert(list->elems[i].partition);
        rd_kafka_topic_partition_list_destroy(list);
    }
    return partitions;
}

void produce(const std::string &bootstrap, const char *topic, int from, int count)
{
    char errstr[512];
    RdKafka producer(
        rd_kafka_new(RD_KAFKA_PRODUCER, rdConf({{"bootstrap.servers", bootstrap}}), errstr, sizeof errstr));
    QVERIFY2(producer, errstr);
    for (int i = from; i < from + count; ++i) {
        const std::string key = "k" + std::to_string(i);
        const std::string value = std::to_string(i);
        QCOMPARE(rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic),
                                   RD_KAFKA_V_PARTITION(i % kPartitions),
                                   RD_KAFKA_V_KEY(key.data(), key.size()),
                                   RD_KAFKA_V_VALUE(const_cast<char *>(value.data()), value.size()),
                                   RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END),
                 RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    QCOMPARE(rd_kafka_flush(producer.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
}

} // namespace

class ServeGroupsTest : public QObject
{
    Q_OBJECT

private slots:
    void twoMembersSplitCommitAndAThirdResumes();
    void aClientJoinsTheScenariosOwnGroup();
    void theScenariosGroupsShowAsOnARealCluster();
};

void ServeGroupsTest::twoMembersSplitCommitAndAThirdResumes()
{
    ServeProcess serve;
    QVERIFY2(serve.start(kCluster, 3), qPrintable(serve.errors()));
    const std::string bootstrap = serve.bootstrap();
    const char *topic = "group-orders";

    // The topic, with 6 partitions over the 3 brokers, through CreateTopics.
    const QString created = createTopic(bootstrap, topic, kPartitions, 3);
    QVERIFY2(created.isEmpty(), qPrintable(created));
    produce(bootstrap, topic, 0, 600);

    RdKafka a = groupConsumer(bootstrap, "shipping", topic);
    RdKafka b = groupConsumer(bootstrap, "shipping", topic);
    std::map<int, std::set<int>> readBy; // member → values read
    std::set<int> all;
    QElapsedTimer timer;
    timer.start();
    while ((all.size() < 600 || assignment(a.get()).size() + assignment(b.get()).size() < kPartitions ||
            assignment(a.get()).empty() || assignment(b.get()).empty()) &&
           timer.elapsed() < 60000) {
        int member = 0;
        for (rd_kafka_t *rk : {a.get(), b.get()}) {
            if (rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 50)) {
                if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
                    const int v = std::stoi(std::string(static_cast<const char *>(m->payload), m->len));
                    readBy[member].insert(v);
                    all.insert(v);
                }
                rd_kafka_message_destroy(m);
            }
            ++member;
        }
    }
    QCOMPARE(int(all.size()), 600);
    // Both members own partitions, none twice, all six between them.
    const std::set<int> pa = assignment(a.get());
    const std::set<int> pb = assignment(b.get());
    QVERIFY2(!pa.empty() && !pb.empty(), qPrintable(serve.errors()));
    QCOMPARE(pa.size() + pb.size(), std::size_t(kPartitions));
    std::set<int> both = pa;
    both.insert(pb.begin(), pb.end());
    QCOMPARE(both.size(), std::size_t(kPartitions));
    // Both read records: the work was shared.
    QVERIFY(!readBy[0].empty() && !readBy[1].empty());
    QCOMPARE(rd_kafka_commit(a.get(), nullptr, 0), RD_KAFKA_RESP_ERR_NO_ERROR);
    QCOMPARE(rd_kafka_commit(b.get(), nullptr, 0), RD_KAFKA_RESP_ERR_NO_ERROR);
    // The committed positions, as the group coordinator reports them back.
    rd_kafka_topic_partition_list_t *committed = rd_kafka_topic_partition_list_new(kPartitions);
    for (int p = 0; p < kPartitions; ++p)
        rd_kafka_topic_partition_list_add(committed, topic, p);
    QCOMPARE(rd_kafka_committed(a.get(), committed, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
    for (int i = 0; i < committed->cnt; ++i)
        QCOMPARE(committed->elems[i].offset, std::int64_t(100)); // 600 records, 100 per partition
    rd_kafka_topic_partition_list_destroy(committed);
    // Listing the groups asks every broker and puts the answers together: the group is listed
    // once, by the broker that coordinates it, as in Kafka.
    const rd_kafka_group_list *groups = nullptr;
    QCOMPARE(rd_kafka_list_groups(a.get(), nullptr, &groups, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
    int listed = 0;
    for (int i = 0; i < groups->group_cnt; ++i)
        if (std::string(groups->groups[i].group) == "shipping") {
            ++listed;
            QCOMPARE(std::string(groups->groups[i].protocol_type), std::string("consumer"));
        }
    rd_kafka_group_list_destroy(groups);
    QCOMPARE(listed, 1);
    rd_kafka_consumer_close(a.get());
    rd_kafka_consumer_close(b.get());
    a.reset();
    b.reset();

    // 60 more records; a new member of the group reads exactly those, from the commits on.
    produce(bootstrap, topic, 600, 60);
    RdKafka c = groupConsumer(bootstrap, "shipping", topic);
    std::set<int> resumed;
    int duplicates = 0;
    timer.restart();
    while (resumed.size() < 60 && timer.elapsed() < 60000) {
        if (rd_kafka_message_t *m = rd_kafka_consumer_poll(c.get(), 100)) {
            if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
                const int v = std::stoi(std::string(static_cast<const char *>(m->payload), m->len));
                QVERIFY2(v >= 600,
                         qPrintable(QStringLiteral("record %1 read again after the commit").arg(v)));
                if (!resumed.insert(v).second)
                    ++duplicates;
            }
            rd_kafka_message_destroy(m);
        }
    }
    QCOMPARE(int(resumed.size()), 60);
    QCOMPARE(duplicates, 0);
    QCOMPARE(assignment(c.get()).size(), std::size_t(kPartitions));
    rd_kafka_consumer_close(c.get());
    c.reset();
    QCOMPARE(serve.stop(), 0);
    const QString log = serve.errors();
    QVERIFY2(log.contains(QStringLiteral("shipping")), qPrintable(log)); // group events in the log
}

void ServeGroupsTest::aClientJoinsTheScenariosOwnGroup()
{
    // The scenario's inventory service reads orders (6 partitions) with a group of two simulated
    // consumers. A learner's librdkafka consumer joins group "inventory": the three split the six
    // partitions (range: two each), the learner reads the shop's order records from its two, and
    // when it leaves, the simulated members take them back.
    ServeProcess serve;
    QVERIFY2(serve.start(kCluster, 3), qPrintable(serve.errors()));
    RdKafka learner = groupConsumer(serve.bootstrap(), "inventory", "orders");
    int records = 0;
    std::set<int> seenPartitions;
    QElapsedTimer timer;
    timer.start();
    while ((assignment(learner.get()).empty() || records < 3) && timer.elapsed() < 60000) {
        if (rd_kafka_message_t *m = rd_kafka_consumer_poll(learner.get(), 100)) {
            if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
                ++records;
                seenPartitions.insert(m->partition);
            }
            rd_kafka_message_destroy(m);
        }
    }
    const std::set<int> mine = assignment(learner.get());
    QVERIFY2(!mine.empty(), qPrintable(serve.errors()));
    QCOMPARE(mine.size(), std::size_t(2)); // not all six: the simulated members keep theirs
    QVERIFY2(records >= 3, qPrintable(serve.errors()));
    for (int p : seenPartitions)
        QVERIFY(mine.contains(p));
    QCOMPARE(rd_kafka_commit(learner.get(), nullptr, 0), RD_KAFKA_RESP_ERR_NO_ERROR);
    rd_kafka_consumer_close(learner.get());
    learner.reset();
    // The simulated members hear of the rebalance on their next heartbeat and form the next
    // generation without the learner.
    timer.restart();
    while (!serve.errors().contains(QStringLiteral("with 2 members")) && timer.elapsed() < 20000)
        QTest::qWait(200);
    QCOMPARE(serve.stop(), 0);
    const QString log = serve.errors();
    QVERIFY2(
        log.contains(QStringLiteral("client inventory-consumer-000 from simulated) joined group inventory")),
        qPrintable(log));
    QVERIFY2(log.contains(QStringLiteral("Group inventory is the scenario's own")), qPrintable(log));
    QVERIFY2(log.contains(QStringLiteral("with 3 members")), qPrintable(log));
    QVERIFY2(log.contains(QStringLiteral("with 2 members")), qPrintable(log));
}

void ServeGroupsTest::theScenariosGroupsShowAsOnARealCluster()
{
    // An admin tool asks the served cluster about its groups before any client joined one: the
    // scenario's groups are listed and described (state, protocol, simulated members and their
    // partitions) and their committed offsets answered — without disturbing them.
    ServeProcess serve;
    QVERIFY2(serve.start(kCluster, 3), qPrintable(serve.errors()));
    char errstr[512];
    RdKafka admin(rd_kafka_new(RD_KAFKA_CONSUMER,
                               rdConf({{"bootstrap.servers", serve.bootstrap()}, {"group.id", "inventory"}}),
                               errstr, sizeof errstr));
    QVERIFY2(admin, errstr);
    QTest::qWait(8000); // orders flow at 2 per second; the members auto-commit every 5 s

    const rd_kafka_group_list *groups = nullptr;
    QCOMPARE(rd_kafka_list_groups(admin.get(), nullptr, &groups, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
    std::map<std::string, const rd_kafka_group_info *> byName;
    for (int i = 0; i < groups->group_cnt; ++i)
        byName[groups->groups[i].group] = &groups->groups[i];
    QVERIFY(byName.contains("inventory") && byName.contains("analytics"));
    const rd_kafka_group_info *inventory = byName["inventory"];
    QCOMPARE(std::string(inventory->state), std::string("Stable"));
    QCOMPARE(std::string(inventory->protocol_type), std::string("consumer"));
    QCOMPARE(std::string(inventory->protocol), std::string("range"));
    QCOMPARE(inventory->member_cnt, 2);
    std::set<std::string> clients;
    for (int m = 0; m < inventory->member_cnt; ++m) {
        clients.insert(inventory->members[m].client_id);
        QCOMPARE(std::string(inventory->members[m].client_host), std::string("simulated"));
        QVERIFY(inventory->members[m].member_assignment_size > 0);
    }
    QCOMPARE(clients, (std::set<std::string>{"inventory-consumer-000", "inventory-consumer-001"}));
    rd_kafka_group_list_destroy(groups);

    rd_kafka_topic_partition_list_t *committed = rd_kafka_topic_partition_list_new(6);
    for (int p = 0; p < 6; ++p)
        rd_kafka_topic_partition_list_add(committed, "orders", p);
    QCOMPARE(rd_kafka_committed(admin.get(), committed, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
    std::int64_t total = 0;
    for (int i = 0; i < committed->cnt; ++i) {
        QVERIFY(committed->elems[i].offset >= 0);
        total += committed->elems[i].offset;
    }
    rd_kafka_topic_partition_list_destroy(committed);
    QVERIFY(total > 0); // the simulated members have committed what they processed
    // A consumer that assigned itself a partition cannot commit under the group's id while the
    // group has members, as in Kafka.
    rd_kafka_topic_partition_list_t *mine = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(mine, "orders", 0)->offset = 1;
    QCOMPARE(rd_kafka_commit(admin.get(), mine, 0), RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID);
    rd_kafka_topic_partition_list_destroy(mine);
    admin.reset();
    QCOMPARE(serve.stop(), 0);
    QVERIFY2(!serve.errors().contains(QStringLiteral("is the scenario's own")), qPrintable(serve.errors()));
}

QTEST_GUILESS_MAIN(ServeGroupsTest)
#include "tst_serve_groups.moc"
