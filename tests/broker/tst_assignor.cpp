// Assignor outputs against Kafka's own assignor tests (RangeAssignorTest, RoundRobinAssignorTest,
// AbstractStickyAssignorTest in apache/kafka clients, 3.5+ where owned partitions are kept in
// partition-then-topic order). Each row names the Kafka test it reproduces.
//
// Table notation:
//   partitions    "topic1:3 topic2:2"                     topic:partition count
//   subscriptions "consumer1:topic1 consumer2:topic1,topic2"
//   owned         "consumer1@1:topic1-0,topic2-1"         member@generation:previously owned partitions
//   expected      "consumer1:topic1-0 consumer2:"          every member, partitions in assigned order

#include "Assignor.h"
#include "StickyAssignor.h"

#include <QString>
#include <QStringList>
#include <QtTest>

using namespace postoffice::broker;

namespace {

TopicPartition parsePartition(const QString &text)
{
    const qsizetype dash = text.lastIndexOf(u'-');
    return {text.left(dash).toStdString(), text.mid(dash + 1).toInt()};
}

PartitionCounts parseCounts(const QString &text)
{
    PartitionCounts counts;
    for (const QString &entry : text.split(u' ', Qt::SkipEmptyParts)) {
        const QStringList parts = entry.split(u':');
        counts[parts[0].toStdString()] = parts[1].toInt();
    }
    return counts;
}

GroupSubscriptions parseSubscriptions(const QString &subscriptions, const QString &owned)
{
    GroupSubscriptions result;
    for (const QString &entry : subscriptions.split(u' ', Qt::SkipEmptyParts)) {
        const qsizetype colon = entry.indexOf(u':');
        MemberSubscription &s = result[entry.left(colon).toStdString()];
        for (const QString &topic : entry.mid(colon + 1).split(u',', Qt::SkipEmptyParts))
            s.topics.push_back(topic.toStdString());
    }
    for (const QString &entry : owned.split(u' ', Qt::SkipEmptyParts)) {
        const qsizetype colon = entry.indexOf(u':');
        const QStringList head = entry.left(colon).split(u'@');
        MemberSubscription &s = result.at(head[0].toStdString());
        s.generation = head.size() > 1 ? head[1].toInt() : -1;
        for (const QString &tp : entry.mid(colon + 1).split(u',', Qt::SkipEmptyParts))
            s.ownedPartitions.push_back(parsePartition(tp));
    }
    return result;
}

QString format(const GroupAssignment &assignment)
{
    QStringList members;
    for (const auto &[memberId, partitions] : assignment) {
        QStringList tps;
        for (const TopicPartition &tp : partitions)
            tps << QString::fromStdString(tp.topic) + u'-' + QString::number(tp.partition);
        members << QString::fromStdString(memberId) + u':' + tps.join(u',');
    }
    return members.join(u' ');
}

// Kafka's verifyValidityAndBalance: every existing subscribed partition assigned exactly once, only to
// members subscribed to its topic, and no partition could move to a member holding two or more fewer.
QString validityProblem(const PartitionCounts &counts, const GroupSubscriptions &subs,
                        const GroupAssignment &a)
{
    std::map<TopicPartition, int> seen;
    for (const auto &[member, partitions] : a) {
        for (const TopicPartition &tp : partitions) {
            const auto &topics = subs.at(member).topics;
            if (std::find(topics.begin(), topics.end(), tp.topic) == topics.end())
                return QString::fromStdString(member + " got unsubscribed " + tp.topic);
            ++seen[tp];
        }
    }
    for (const auto &[topic, count] : counts) {
        bool subscribed = false;
        for (const auto &[member, s] : subs)
            subscribed = subscribed || std::find(s.topics.begin(), s.topics.end(), topic) != s.topics.end();
        for (std::int32_t p = 0; subscribed && p < count; ++p) {
            if (seen[{topic, p}] != 1)
                return QStringLiteral("%1-%2 assigned %3 times")
                    .arg(QString::fromStdString(topic))
                    .arg(p)
                    .arg(seen[{topic, p}]);
        }
    }
    for (const auto &[fuller, fullerParts] : a) {
        for (const auto &[emptier, emptierParts] : a) {
            if (fullerParts.size() < emptierParts.size() + 2)
                continue;
            const auto &topics = subs.at(emptier).topics;
            for (const TopicPartition &tp : fullerParts) {
                if (std::find(topics.begin(), topics.end(), tp.topic) != topics.end())
                    return QString::fromStdString("unbalanced: " + tp.topic + " could move from " + fuller +
                                                  " to " + emptier);
            }
        }
    }
    return {};
}

} // namespace

class TestAssignor : public QObject
{
    Q_OBJECT

private:
    void addKafkaCommonRows()
    {
        // Cases whose expected result is the same for all three Kafka assignors.
        QTest::newRow("testOneConsumerNoTopic") << ""
                                                << "consumer1:"
                                                << ""
                                                << "consumer1:";
        QTest::newRow("testOneConsumerNonexistentTopic") << ""
                                                         << "consumer1:topic1"
                                                         << ""
                                                         << "consumer1:";
        QTest::newRow("testOneConsumerOneTopic") << "topic1:3"
                                                 << "consumer1:topic1"
                                                 << ""
                                                 << "consumer1:topic1-0,topic1-1,topic1-2";
        QTest::newRow("testOnlyAssignsPartitionsFromSubscribedTopics")
            << "topic1:3 other:3"
            << "consumer1:topic1"
            << ""
            << "consumer1:topic1-0,topic1-1,topic1-2";
        QTest::newRow("testOneConsumerMultipleTopics") << "topic1:1 topic2:2"
                                                       << "consumer1:topic1,topic2"
                                                       << ""
                                                       << "consumer1:topic1-0,topic2-0,topic2-1";
        QTest::newRow("testTwoConsumersOneTopicOnePartition") << "topic1:1"
                                                              << "consumer1:topic1 consumer2:topic1"
                                                              << ""
                                                              << "consumer1:topic1-0 consumer2:";
        QTest::newRow("testTwoConsumersOneTopicTwoPartitions") << "topic1:2"
                                                               << "consumer1:topic1 consumer2:topic1"
                                                               << ""
                                                               << "consumer1:topic1-0 consumer2:topic1-1";
    }

private slots:
    void factory_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("known");
        QTest::newRow("range") << "range" << true;
        QTest::newRow("roundrobin") << "roundrobin" << true;
        QTest::newRow("sticky") << "sticky" << true;
        QTest::newRow("cooperative-sticky") << "cooperative-sticky" << true;
        QTest::newRow("unknown") << "fair" << false;
        QTest::newRow("empty") << "" << false;
    }
    void factory()
    {
        QFETCH(QString, name);
        QFETCH(bool, known);
        auto assignor = Assignor::create(name.toStdString());
        QCOMPARE(assignor != nullptr, known);
        if (assignor)
            QCOMPARE(QString::fromUtf8(assignor->name()), name);
    }

    void range_data()
    {
        QTest::addColumn<QString>("partitions");
        QTest::addColumn<QString>("subscriptions");
        QTest::addColumn<QString>("owned");
        QTest::addColumn<QString>("expected");
        addKafkaCommonRows();
        QTest::newRow("testMultipleConsumersMixedTopics")
            << "topic1:3 topic2:2"
            << "consumer1:topic1 consumer2:topic1,topic2 consumer3:topic1"
            << ""
            << "consumer1:topic1-0 consumer2:topic1-1,topic2-0,topic2-1 consumer3:topic1-2";
        QTest::newRow("testTwoConsumersTwoTopicsSixPartitions")
            << "topic1:3 topic2:3"
            << "consumer1:topic1,topic2 consumer2:topic1,topic2"
            << ""
            << "consumer1:topic1-0,topic1-1,topic2-0,topic2-1 consumer2:topic1-2,topic2-2";
        // The static members of the Kafka test sort the same by instance id as by member id.
        QTest::newRow("testStaticMemberRangeAssignmentPersistent (first generation)")
            << "topic1:5 topic2:4"
            << "consumer1:topic1,topic2 consumer2:topic1,topic2 consumer3:topic1,topic2 "
               "consumer4:topic1,topic2"
            << ""
            << "consumer1:topic1-0,topic1-1,topic2-0 consumer2:topic1-2,topic2-1 consumer3:topic1-3,topic2-2 "
               "consumer4:topic1-4,topic2-3";
        QTest::newRow("seven consumers on six partitions: the last idles")
            << "orders:6"
            << "c1:orders c2:orders c3:orders c4:orders c5:orders c6:orders c7:orders"
            << ""
            << "c1:orders-0 c2:orders-1 c3:orders-2 c4:orders-3 c5:orders-4 c6:orders-5 c7:";
        QTest::newRow("range ignores previous ownership") << "topic1:2"
                                                          << "consumer1:topic1 consumer2:topic1"
                                                          << "consumer1@3:topic1-1 consumer2@3:topic1-0"
                                                          << "consumer1:topic1-0 consumer2:topic1-1";
    }
    void range() { check("range"); }

    void roundrobin_data()
    {
        QTest::addColumn<QString>("partitions");
        QTest::addColumn<QString>("subscriptions");
        QTest::addColumn<QString>("owned");
        QTest::addColumn<QString>("expected");
        addKafkaCommonRows();
        QTest::newRow("testMultipleConsumersMixedTopics")
            << "topic1:3 topic2:2"
            << "consumer1:topic1 consumer2:topic1,topic2 consumer3:topic1"
            << ""
            << "consumer1:topic1-0 consumer2:topic1-1,topic2-0,topic2-1 consumer3:topic1-2";
        QTest::newRow("testTwoDynamicConsumersTwoTopicsSixPartitions")
            << "topic1:3 topic2:3"
            << "consumer1:topic1,topic2 consumer2:topic1,topic2"
            << ""
            << "consumer1:topic1-0,topic1-2,topic2-1 consumer2:topic1-1,topic2-0,topic2-2";
        QTest::newRow("testStaticMemberAssignmentPersistent (first generation)")
            << "topic1:3 topic2:3"
            << "consumer1:topic1,topic2 consumer2:topic1,topic2 consumer3:topic1,topic2 "
               "consumer4:topic1,topic2"
            << ""
            << "consumer1:topic1-0,topic2-1 consumer2:topic1-1,topic2-2 consumer3:topic1-2 "
               "consumer4:topic2-0";
        // Sticky's doc comment in Kafka shows this round-robin result (testPoorRoundRobinAssignmentScenario).
        QTest::newRow("testPoorRoundRobinAssignmentScenario (round robin result)")
            << "topic1:2 topic2:1 topic3:2 topic4:1 topic5:2"
            << "consumer1:topic1,topic2,topic3,topic4,topic5 consumer2:topic1,topic3,topic5 "
               "consumer3:topic1,topic3,topic5 consumer4:topic1,topic2,topic3,topic4,topic5"
            << ""
            << "consumer1:topic1-0,topic3-0,topic5-0 consumer2:topic1-1,topic3-1,topic5-1 consumer3: "
               "consumer4:topic2-0,topic4-0";
    }
    void roundrobin() { check("roundrobin"); }

    void sticky_data()
    {
        QTest::addColumn<QString>("partitions");
        QTest::addColumn<QString>("subscriptions");
        QTest::addColumn<QString>("owned");
        QTest::addColumn<QString>("expected");
        addKafkaCommonRows();
        QTest::newRow("testOnlyAssignsPartitionsFromSubscribedTopics (owned other topic)")
            << "topic:2"
            << "consumer:topic"
            << "consumer@1:topic-0,topic-1,other-0,other-1"
            << "consumer:topic-0,topic-1";
        QTest::newRow("testMultipleConsumersMixedTopicSubscriptions")
            << "topic1:3 topic2:2"
            << "consumer1:topic1 consumer2:topic1,topic2 consumer3:topic1"
            << ""
            << "consumer1:topic1-0,topic1-2 consumer2:topic2-0,topic2-1 consumer3:topic1-1";
        QTest::newRow("testTwoConsumersTwoTopicsSixPartitions")
            << "topic1:3 topic2:3"
            << "consumer1:topic1,topic2 consumer2:topic1,topic2"
            << ""
            << "consumer1:topic1-0,topic1-2,topic2-1 consumer2:topic1-1,topic2-0,topic2-2";
        QTest::newRow("testConsumerOwningMinQuotaExpectedMaxQuota")
            << "topic1:2 topic2:3"
            << "consumer1:topic1,topic2 consumer2:topic1,topic2"
            << "consumer1@1:topic1-0,topic2-1 consumer2@1:topic1-1,topic2-2"
            << "consumer1:topic1-0,topic2-1,topic2-0 consumer2:topic1-1,topic2-2";
        QTest::newRow("testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers")
            << "topic1:2 topic2:2"
            << "consumer1:topic1,topic2 consumer2:topic1,topic2 consumer3:topic1,topic2"
            << "consumer1@1:topic1-0,topic2-0 consumer2@1:topic1-1,topic2-1 consumer3@1:"
            << "consumer1:topic1-0 consumer2:topic1-1,topic2-1 consumer3:topic2-0";
        QTest::newRow("testAllConsumersAreUnderMinQuota")
            << "topic1:2 topic2:3"
            << "consumer1:topic1,topic2 consumer2:topic1,topic2 consumer3:topic1,topic2"
            << "consumer1@1:topic1-0 consumer2@1:topic1-1 consumer3@1:"
            << "consumer1:topic1-0,topic2-1 consumer2:topic1-1,topic2-2 consumer3:topic2-0";
        QTest::newRow("testAddRemoveConsumerOneTopic (consumer2 joins)")
            << "topic:3"
            << "consumer1:topic consumer2:topic"
            << "consumer1@1:topic-0,topic-1,topic-2 consumer2@1:"
            << "consumer1:topic-0,topic-1 consumer2:topic-2";
        QTest::newRow("testAddRemoveConsumerOneTopic (consumer1 leaves)")
            << "topic:3"
            << "consumer2:topic"
            << "consumer2@1:topic-2"
            << "consumer2:topic-2,topic-0,topic-1";
        QTest::newRow("testAddRemoveTwoConsumersTwoTopics (fresh)")
            << "topic1:3 topic2:4"
            << "consumer1:topic1,topic2 consumer2:topic1,topic2"
            << ""
            << "consumer1:topic1-0,topic1-2,topic2-1,topic2-3 consumer2:topic1-1,topic2-0,topic2-2";
        QTest::newRow("testAddRemoveTwoConsumersTwoTopics (add 2 consumers)")
            << "topic1:3 topic2:4"
            << "consumer1:topic1,topic2 consumer2:topic1,topic2 consumer3:topic1,topic2 "
               "consumer4:topic1,topic2"
            << "consumer1@1:topic1-0,topic1-2,topic2-1,topic2-3 consumer2@1:topic1-1,topic2-0,topic2-2 "
               "consumer3@1: consumer4@1:"
            << "consumer1:topic1-0,topic2-1 consumer2:topic2-0,topic1-1 consumer3:topic1-2,topic2-3 "
               "consumer4:topic2-2";
        QTest::newRow("testAddRemoveTwoConsumersTwoTopics (remove 2 consumers)")
            << "topic1:3 topic2:4"
            << "consumer3:topic1,topic2 consumer4:topic1,topic2"
            << "consumer3@1:topic1-2,topic2-3 consumer4@1:topic2-2"
            << "consumer3:topic1-2,topic2-3,topic1-0,topic2-1 consumer4:topic2-2,topic1-1,topic2-0";
        QTest::newRow("owned partition claimed by a newer generation wins")
            << "topic:2"
            << "consumer1:topic consumer2:topic"
            << "consumer1@1:topic-0,topic-1 consumer2@2:topic-1"
            << "consumer1:topic-0 consumer2:topic-1";
        QTest::newRow("seven consumers on six partitions: the last idles")
            << "orders:6"
            << "c1:orders c2:orders c3:orders c4:orders c5:orders c6:orders c7:orders"
            << ""
            << "c1:orders-0 c2:orders-1 c3:orders-2 c4:orders-3 c5:orders-4 c6:orders-5 c7:";
    }
    void sticky() { check("sticky"); }

    // Kafka's verifyValidityAndBalance on the unequal-subscription scenarios, for every assignor that
    // promises balance (range does not).
    void validAndBalanced_data()
    {
        QTest::addColumn<QString>("assignor");
        QTest::addColumn<QString>("partitions");
        QTest::addColumn<QString>("subscriptions");
        QTest::addColumn<QString>("owned");
        const QString poorPartitions = "topic1:2 topic2:1 topic3:2 topic4:1 topic5:2";
        const QString poorSubs =
            "consumer1:topic1,topic2,topic3,topic4,topic5 consumer2:topic1,topic3,topic5 "
            "consumer3:topic1,topic3,topic5 consumer4:topic1,topic2,topic3,topic4,topic5";
        QTest::newRow("sticky testPoorRoundRobinAssignmentScenario")
            << "sticky" << poorPartitions << poorSubs << "";
        QTest::newRow("sticky mixed, owned unbalanced") << "sticky"
                                                        << "a:4 b:4"
                                                        << "m1:a m2:a,b m3:b m4:a,b"
                                                        << "m2@1:a-0,a-1,a-2,a-3,b-0,b-1,b-2,b-3";
        QTest::newRow("sticky equal, all owned by one") << "sticky"
                                                        << "t:7"
                                                        << "m1:t m2:t m3:t"
                                                        << "m1@4:t-0,t-1,t-2,t-3,t-4,t-5,t-6";
        QTest::newRow("roundrobin equal subscriptions") << "roundrobin"
                                                        << "t1:5 t2:3"
                                                        << "a:t1,t2 b:t1,t2 c:t1,t2"
                                                        << "";
    }
    void validAndBalanced()
    {
        QFETCH(QString, assignor);
        QFETCH(QString, partitions);
        QFETCH(QString, subscriptions);
        QFETCH(QString, owned);
        const PartitionCounts counts = parseCounts(partitions);
        const GroupSubscriptions subs = parseSubscriptions(subscriptions, owned);
        const GroupAssignment result = Assignor::create(assignor.toStdString())->assign(counts, subs);
        QCOMPARE(validityProblem(counts, subs, result), QString());
    }

    // testReassignmentAfterOneConsumerLeaves, reduced: after a member leaves, every other member keeps all
    // it owned and only the leaver's partitions move.
    void stickyKeepsOwnershipWhenAMemberLeaves_data()
    {
        QTest::addColumn<int>("members");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<int>("leaver");
        QTest::newRow("6 partitions, 3 members, first leaves") << 3 << 6 << 0;
        QTest::newRow("12 partitions, 5 members, middle leaves") << 5 << 12 << 2;
        QTest::newRow("20 partitions, 9 members, last leaves") << 9 << 20 << 8;
    }
    void stickyKeepsOwnershipWhenAMemberLeaves()
    {
        QFETCH(int, members);
        QFETCH(int, partitions);
        QFETCH(int, leaver);
        const PartitionCounts counts{{"topic", partitions}};
        GroupSubscriptions subs;
        for (int i = 0; i < members; ++i)
            subs["consumer" + std::to_string(10 + i)].topics = {"topic"};
        StickyAssignor sticky;
        const GroupAssignment first = sticky.assign(counts, subs);
        for (auto &[member, s] : subs) {
            s.ownedPartitions = first.at(member);
            s.generation = 1;
        }
        subs.erase("consumer" + std::to_string(10 + leaver));
        const GroupAssignment second = sticky.assign(counts, subs);
        QCOMPARE(validityProblem(counts, subs, second), QString());
        for (const auto &[member, s] : subs) {
            for (const TopicPartition &tp : first.at(member)) {
                const auto &now = second.at(member);
                QVERIFY2(std::find(now.begin(), now.end(), tp) != now.end(), member.c_str());
            }
        }
    }

    void javaHashMapOrder_data()
    {
        QTest::addColumn<QStringList>("keys");
        QTest::addColumn<QStringList>("expected");
        // Bucket = (h ^ h >>> 16) & 15 of String.hashCode(): "a" = 97 → 1, "b" = 98 → 2, "q" = 113 → 1;
        // "q" and "a" share bucket 1 and keep their insertion order.
        QTest::newRow("single-letter keys") << QStringList{"q", "b", "a"} << QStringList{"q", "a", "b"};
        QTest::newRow("empty") << QStringList{} << QStringList{};
    }
    void javaHashMapOrder()
    {
        QFETCH(QStringList, keys);
        QFETCH(QStringList, expected);
        std::vector<std::string> in;
        for (const QString &k : keys)
            in.push_back(k.toStdString());
        QStringList out;
        for (const std::string &k : StickyAssignor::javaHashMapOrder(in))
            out << QString::fromStdString(k);
        QCOMPARE(out, expected);
    }

    void deterministic()
    {
        const PartitionCounts counts{{"orders", 6}, {"payments", 3}};
        GroupSubscriptions subs;
        subs["b"].topics = {"orders"};
        subs["a"].topics = {"orders", "payments"};
        subs["c"].topics = {"payments", "orders"};
        for (const std::string &name : Assignor::names()) {
            auto assignor = Assignor::create(name);
            QCOMPARE(format(assignor->assign(counts, subs)), format(assignor->assign(counts, subs)));
        }
    }

private:
    void check(const char *assignorName)
    {
        QFETCH(QString, partitions);
        QFETCH(QString, subscriptions);
        QFETCH(QString, owned);
        QFETCH(QString, expected);
        const PartitionCounts counts = parseCounts(partitions);
        const GroupSubscriptions subs = parseSubscriptions(subscriptions, owned);
        const GroupAssignment result = Assignor::create(assignorName)->assign(counts, subs);
        QCOMPARE(format(result), expected);
    }
};

QTEST_APPLESS_MAIN(TestAssignor)
#include "tst_assignor.moc"
