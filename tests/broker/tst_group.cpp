// Group coordinator: membership, generations, eager rebalances (join, leave, session timeout,
// subscription and metadata changes), offset commit errors, idle members, lag and observer hooks.

#include "BrokerObserver.h"
#include "ConsumerGroup.h"
#include "tst_group_fixture.h"

#include <QtTest>

using namespace postoffice::broker;
using postoffice::broker::test::GroupFixture;

namespace {

GroupConfig immediate(const char *assignor = "range", std::int64_t sessionTimeoutMs = 10000)
{
    GroupConfig c;
    c.assignor = assignor;
    c.sessionTimeoutMs = sessionTimeoutMs;
    c.rebalanceDelayMs = 0;
    return c;
}

std::size_t assignedCount(const ConsumerGroup &g)
{
    std::size_t n = 0;
    for (const auto &[id, m] : g.members())
        n += m.assignment.size();
    return n;
}

struct RecordingObserver : BrokerObserver
{
    QStringList events;
    void onCommit(const std::string &group, const std::string &topic, std::int32_t partition,
                  std::int64_t offset) override
    {
        events << QStringLiteral("commit %1 %2-%3@%4")
                      .arg(QString::fromStdString(group), QString::fromStdString(topic))
                      .arg(partition)
                      .arg(offset);
    }
    void onRebalance(const std::string &group, std::int32_t generation, std::int32_t memberCount) override
    {
        events << QStringLiteral("rebalance %1 gen %2 members %3")
                      .arg(QString::fromStdString(group))
                      .arg(generation)
                      .arg(memberCount);
    }
};

} // namespace

class TestGroup : public QObject
{
    Q_OBJECT

private slots:
    void invalidConfig_data()
    {
        QTest::addColumn<QString>("groupId");
        QTest::addColumn<QString>("assignor");
        QTest::addColumn<qint64>("sessionTimeoutMs");
        QTest::addColumn<qint64>("rebalanceDelayMs");
        QTest::addColumn<int>("expected");
        QTest::newRow("valid") << "g"
                               << "sticky" << qint64(10000) << qint64(0) << int(ErrorCode::None);
        QTest::newRow("empty group id")
            << ""
            << "range" << qint64(10000) << qint64(0) << int(ErrorCode::InvalidGroupId);
        QTest::newRow("unknown assignor")
            << "g"
            << "random" << qint64(10000) << qint64(0) << int(ErrorCode::InvalidConfig);
        QTest::newRow("zero session timeout")
            << "g"
            << "range" << qint64(0) << qint64(0) << int(ErrorCode::InvalidSessionTimeout);
        QTest::newRow("negative rebalance delay")
            << "g"
            << "range" << qint64(10000) << qint64(-1) << int(ErrorCode::InvalidConfig);
    }
    void invalidConfig()
    {
        QFETCH(QString, groupId);
        QFETCH(QString, assignor);
        QFETCH(qint64, sessionTimeoutMs);
        QFETCH(qint64, rebalanceDelayMs);
        QFETCH(int, expected);
        GroupFixture f;
        GroupConfig c;
        c.assignor = assignor.toStdString();
        c.sessionTimeoutMs = sessionTimeoutMs;
        c.rebalanceDelayMs = rebalanceDelayMs;
        std::string why;
        QCOMPARE(int(f.groups.createGroup(groupId.toStdString(), c, &why)), expected);
        QCOMPARE(why.empty(), expected == int(ErrorCode::None));
        QCOMPARE(f.groups.hasGroup(groupId.toStdString()), expected == int(ErrorCode::None));
    }

    // Kafka creates a group on its first JoinGroup, and accepts a simple commit (no member, generation -1)
    // for a group nobody has joined, e.g. an offsets reset by a tool.
    void implicitGroups()
    {
        GroupFixture f;
        f.createTopic("orders", 1);
        const auto joined = f.groups.join("auto", "a", {"orders"}, 0);
        QCOMPARE(joined.error, ErrorCode::None);
        QVERIFY(f.groups.hasGroup("auto"));
        QCOMPARE(f.groups.group("auto")->config().assignor, std::string("range"));
        QCOMPARE(f.groups.commit("tooling", "", -1, {"orders", 0}, 0), ErrorCode::None);
        QCOMPARE(f.groups.committed("tooling", {"orders", 0}), std::optional<std::int64_t>(0));
        QCOMPARE(f.groups.commit("nobody", "m-1", 3, {"orders", 0}, 0), ErrorCode::UnknownMemberId);
        QVERIFY(!f.groups.hasGroup("nobody"));
        QCOMPARE(f.groups.commit("", "", -1, {"orders", 0}, 0), ErrorCode::InvalidGroupId);
        QCOMPARE(f.groups.join("", "a", {"orders"}, 0).error, ErrorCode::InvalidGroupId);
        QCOMPARE(f.groups.groupIds(), (std::vector<std::string>{"auto", "tooling"}));
        QCOMPARE(f.groups.createGroup("auto", GroupConfig{}), ErrorCode::InvalidRequest);
    }

    // Every join and leave completes one rebalance and bumps the generation by one.
    void generations_data()
    {
        QTest::addColumn<int>("joins");
        QTest::addColumn<int>("leaves");
        QTest::addColumn<int>("expectedGeneration");
        QTest::addColumn<int>("expectedState");
        QTest::newRow("first member") << 1 << 0 << 1 << int(GroupState::Stable);
        QTest::newRow("three members") << 3 << 0 << 3 << int(GroupState::Stable);
        QTest::newRow("three join, one leaves") << 3 << 1 << 4 << int(GroupState::Stable);
        QTest::newRow("all leave: empty, generation still counted") << 2 << 2 << 4 << int(GroupState::Empty);
    }
    void generations()
    {
        QFETCH(int, joins);
        QFETCH(int, leaves);
        QFETCH(int, expectedGeneration);
        QFETCH(int, expectedState);
        GroupFixture f;
        f.createTopic("orders", 6);
        QCOMPARE(f.groups.createGroup("g", immediate()), ErrorCode::None);
        std::vector<std::string> ids;
        for (int i = 0; i < joins; ++i)
            ids.push_back(f.groups.join("g", "c" + std::to_string(i), {"orders"}, 0).memberId);
        for (int i = 0; i < leaves; ++i)
            QCOMPARE(f.groups.leave("g", ids[std::size_t(i)], 0), ErrorCode::None);
        const ConsumerGroup &g = *f.groups.group("g");
        QCOMPARE(g.generation(), expectedGeneration);
        QCOMPARE(int(g.state()), expectedState);
        QCOMPARE(int(g.members().size()), joins - leaves);
        QCOMPARE(assignedCount(g), std::size_t(joins > leaves ? 6 : 0));
        for (const auto &[id, m] : g.members())
            QCOMPARE(m.assignedGeneration, expectedGeneration);
        QCOMPARE(f.groups.leave("g", "nobody", 0), ErrorCode::UnknownMemberId);
    }

    // The eager protocol pauses the whole group for the rebalance delay; changes during the pause join the
    // same round instead of extending it.
    void eagerRebalancePause()
    {
        GroupFixture f;
        f.createTopic("orders", 4);
        GroupConfig c = immediate("range", 60000);
        c.rebalanceDelayMs = 3000;
        f.groups.createGroup("g", c);
        const auto a = f.groups.join("g", "a", {"orders"}, 0).memberId;
        const ConsumerGroup &g = *f.groups.group("g");
        QCOMPARE(g.state(), GroupState::PreparingRebalance);
        QCOMPARE(g.rebalanceEndsMs(), std::optional<std::int64_t>(3000));
        QCOMPARE(f.groups.heartbeat("g", a, 1000), ErrorCode::RebalanceInProgress);
        const auto b = f.groups.join("g", "b", {"orders"}, 2000).memberId;
        QCOMPARE(g.rebalanceEndsMs(), std::optional<std::int64_t>(3000));
        f.runUntil(2999);
        QCOMPARE(g.state(), GroupState::PreparingRebalance);
        f.runUntil(3000);
        QCOMPARE(g.state(), GroupState::Stable);
        QCOMPARE(g.generation(), 1);
        QCOMPARE(g.member(a)->assignment.size(), std::size_t(2));
        QCOMPARE(g.member(b)->assignment.size(), std::size_t(2));
        QCOMPARE(f.groups.heartbeat("g", a, 3000), ErrorCode::None);

        // A leave pauses everyone again: the survivor owns nothing until the round completes.
        QCOMPARE(f.groups.leave("g", b, 10000), ErrorCode::None);
        QVERIFY(g.member(a)->assignment.empty());
        QCOMPARE(g.state(), GroupState::PreparingRebalance);
        f.runUntil(13000);
        QCOMPARE(g.member(a)->assignment.size(), std::size_t(4));
        QCOMPARE(g.generation(), 2);
        QCOMPARE(g.pausedMs(), qint64(6000));
        QCOMPARE(g.lastRebalanceReason(), RebalanceReason::Leave);
    }

    // A member that stops heartbeating is expired exactly session.timeout.ms after its last heartbeat, and
    // its partitions go to the survivors.
    void sessionTimeoutExpiry_data()
    {
        QTest::addColumn<qint64>("sessionTimeoutMs");
        QTest::addColumn<qint64>("lastHeartbeatMs");
        QTest::newRow("10 s timeout, silent from the start") << qint64(10000) << qint64(0);
        QTest::newRow("45 s timeout, last heartbeat at 5 s") << qint64(45000) << qint64(5000);
        QTest::newRow("2 ms timeout, last heartbeat at 1 ms") << qint64(2) << qint64(1);
    }
    void sessionTimeoutExpiry()
    {
        QFETCH(qint64, sessionTimeoutMs);
        QFETCH(qint64, lastHeartbeatMs);
        GroupFixture f;
        f.createTopic("orders", 6);
        f.groups.createGroup("g", immediate("roundrobin", sessionTimeoutMs));
        const auto alive = f.groups.join("g", "alive", {"orders"}, 0).memberId;
        const auto silent = f.groups.join("g", "silent", {"orders"}, 0).memberId;
        const ConsumerGroup &g = *f.groups.group("g");
        QCOMPARE(g.member(silent)->assignment.size(), std::size_t(3));
        f.groups.heartbeat("g", silent, lastHeartbeatMs);
        const std::int64_t expiry = lastHeartbeatMs + sessionTimeoutMs;
        // The survivor keeps heartbeating right up to the expiry instant.
        f.groups.heartbeat("g", alive, expiry - 1);
        f.runUntil(expiry - 1);
        QVERIFY(g.member(silent) != nullptr);
        QCOMPARE(f.groups.nextDeadlineMs(), std::optional<std::int64_t>(expiry));
        f.runUntil(expiry);
        QVERIFY(g.member(silent) == nullptr);
        QCOMPARE(g.expiredMemberCount(), 1);
        QCOMPARE(g.lastRebalanceReason(), RebalanceReason::SessionTimeout);
        QCOMPARE(g.generation(), 3);
        QCOMPARE(g.member(alive)->assignment.size(), std::size_t(6));
        QCOMPARE(f.groups.heartbeat("g", silent, expiry), ErrorCode::UnknownMemberId);
    }

    void subscriptionChange()
    {
        GroupFixture f;
        f.createTopic("orders", 2);
        f.createTopic("payments", 2);
        f.groups.createGroup("g", immediate());
        const auto a = f.groups.join("g", "a", {"orders"}, 0).memberId;
        const ConsumerGroup &g = *f.groups.group("g");
        QCOMPARE(g.generation(), 1);
        // Same topics in another order: no rebalance.
        QCOMPARE(f.groups.updateSubscription("g", a, {"orders"}, 10), ErrorCode::None);
        QCOMPARE(g.generation(), 1);
        QCOMPARE(f.groups.updateSubscription("g", a, {"payments", "orders"}, 20), ErrorCode::None);
        QCOMPARE(g.generation(), 2);
        QCOMPARE(g.lastRebalanceReason(), RebalanceReason::SubscriptionChange);
        QCOMPARE(g.member(a)->assignment.size(), std::size_t(4));
        QCOMPARE(f.groups.updateSubscription("g", "ghost", {"orders"}, 20), ErrorCode::UnknownMemberId);
    }

    // A topic created after the members subscribed is picked up at the next heartbeat.
    void metadataChange()
    {
        GroupFixture f;
        f.groups.createGroup("g", immediate());
        const auto a = f.groups.join("g", "a", {"late"}, 0).memberId;
        const ConsumerGroup &g = *f.groups.group("g");
        QVERIFY(g.member(a)->assignment.empty());
        f.createTopic("late", 3);
        QCOMPARE(f.groups.heartbeat("g", a, 100), ErrorCode::None);
        QCOMPARE(g.lastRebalanceReason(), RebalanceReason::MetadataChange);
        QCOMPARE(g.member(a)->assignment.size(), std::size_t(3));
    }

    void commitErrors_data()
    {
        QTest::addColumn<QString>("member");      // "self", "ghost" or "" (simple commit)
        QTest::addColumn<int>("generationDelta"); // relative to the group's generation; -99 = generation -1
        QTest::addColumn<int>("partition");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<int>("expected");
        QTest::newRow("current generation") << "self" << 0 << 0 << qint64(5) << int(ErrorCode::None);
        QTest::newRow("stale generation")
            << "self" << -1 << 0 << qint64(5) << int(ErrorCode::IllegalGeneration);
        QTest::newRow("future generation")
            << "self" << 1 << 0 << qint64(5) << int(ErrorCode::IllegalGeneration);
        QTest::newRow("unknown member") << "ghost" << 0 << 0 << qint64(5) << int(ErrorCode::UnknownMemberId);
        QTest::newRow("simple commit from a tool") << "" << -99 << 1 << qint64(7) << int(ErrorCode::None);
        QTest::newRow("no member but a generation")
            << "" << 0 << 0 << qint64(5) << int(ErrorCode::UnknownMemberId);
        QTest::newRow("partition out of range")
            << "self" << 0 << 9 << qint64(5) << int(ErrorCode::UnknownTopicOrPartition);
        QTest::newRow("negative offset") << "self" << 0 << 0 << qint64(-1) << int(ErrorCode::InvalidRequest);
    }
    void commitErrors()
    {
        QFETCH(QString, member);
        QFETCH(int, generationDelta);
        QFETCH(int, partition);
        QFETCH(qint64, offset);
        QFETCH(int, expected);
        GroupFixture f;
        f.createTopic("orders", 2);
        f.groups.createGroup("g", immediate());
        const auto self = f.groups.join("g", "a", {"orders"}, 0).memberId;
        f.groups.join("g", "b", {"orders"}, 0); // generation 2: generation 1 is now stale
        const ConsumerGroup &g = *f.groups.group("g");
        const std::string memberId = member == "self" ? self : member.toStdString();
        const std::int32_t generation = generationDelta == -99 ? -1 : g.generation() + generationDelta;
        const TopicPartition tp{"orders", partition};
        QCOMPARE(int(f.groups.commit("g", memberId, generation, tp, offset)), expected);
        const auto committed = f.groups.committed("g", tp);
        QCOMPARE(committed.has_value(), expected == int(ErrorCode::None));
        if (committed)
            QCOMPARE(*committed, std::int64_t(offset));
    }

    // Parallelism is capped by partitions: members beyond the partition count own nothing, visibly.
    void idleMembers_data()
    {
        QTest::addColumn<QString>("assignor");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<int>("members");
        for (const char *a : {"range", "roundrobin", "sticky", "cooperative-sticky"}) {
            QTest::addRow("%s: 7 members, 6 partitions", a) << a << 6 << 7;
            QTest::addRow("%s: 6 members, 6 partitions", a) << a << 6 << 6;
            QTest::addRow("%s: 5 members, 2 partitions", a) << a << 2 << 5;
        }
    }
    void idleMembers()
    {
        QFETCH(QString, assignor);
        QFETCH(int, partitions);
        QFETCH(int, members);
        GroupFixture f;
        f.createTopic("orders", partitions);
        f.groups.createGroup("g", immediate(assignor.toLatin1().constData()));
        for (int i = 0; i < members; ++i)
            f.groups.join("g", "c" + std::to_string(i), {"orders"}, 0);
        const ConsumerGroup &g = *f.groups.group("g");
        QCOMPARE(int(g.idleMembers().size()), std::max(0, members - partitions));
        QCOMPARE(int(assignedCount(g)), partitions);
        for (const auto &[id, m] : g.members())
            QVERIFY(m.assignment.size() <= 1 || partitions > members);
    }

    // lag = high watermark − committed offset; without a commit, measured from where auto.offset.reset
    // would start (earliest: log start, latest: nothing behind).
    void lag_data()
    {
        QTest::addColumn<int>("reset");
        QTest::addColumn<qint64>("commitP0"); // -1 = no commit
        QTest::addColumn<qint64>("commitP1");
        QTest::addColumn<qint64>("expectedP0");
        QTest::addColumn<qint64>("expectedP1");
        // Partition 0 holds 10 records, partition 1 holds 4.
        QTest::newRow("both committed")
            << int(OffsetReset::Latest) << qint64(3) << qint64(4) << qint64(7) << qint64(0);
        QTest::newRow("nothing committed, earliest")
            << int(OffsetReset::Earliest) << qint64(-1) << qint64(-1) << qint64(10) << qint64(4);
        QTest::newRow("nothing committed, latest")
            << int(OffsetReset::Latest) << qint64(-1) << qint64(-1) << qint64(0) << qint64(0);
        QTest::newRow("one committed, earliest")
            << int(OffsetReset::Earliest) << qint64(10) << qint64(-1) << qint64(0) << qint64(4);
        QTest::newRow("committed at 0")
            << int(OffsetReset::Latest) << qint64(0) << qint64(0) << qint64(10) << qint64(4);
    }
    void lag()
    {
        QFETCH(int, reset);
        QFETCH(qint64, commitP0);
        QFETCH(qint64, commitP1);
        QFETCH(qint64, expectedP0);
        QFETCH(qint64, expectedP1);
        GroupFixture f;
        f.createTopic("orders", 2);
        f.produce("orders", 0, 10);
        f.produce("orders", 1, 4);
        GroupConfig c = immediate();
        c.autoOffsetReset = OffsetReset(reset);
        f.groups.createGroup("g", c);
        const auto a = f.groups.join("g", "a", {"orders"}, 0).memberId;
        const std::int32_t gen = f.groups.group("g")->generation();
        if (commitP0 >= 0)
            QCOMPARE(f.groups.commit("g", a, gen, {"orders", 0}, commitP0), ErrorCode::None);
        if (commitP1 >= 0)
            QCOMPARE(f.groups.commit("g", a, gen, {"orders", 1}, commitP1), ErrorCode::None);
        const auto lags = f.groups.lagByPartition("g");
        QCOMPARE(lags.size(), std::size_t(2));
        QCOMPARE(lags[0].lag, std::int64_t(expectedP0));
        QCOMPARE(lags[1].lag, std::int64_t(expectedP1));
        QCOMPARE(lags[0].highWatermark, std::int64_t(10));
        QCOMPARE(lags[0].owner, a);
        QCOMPARE(f.groups.totalLag("g"), std::int64_t(expectedP0 + expectedP1));
        // New records raise the lag one for one.
        f.produce("orders", 1, 5);
        const std::int64_t grown = reset == int(OffsetReset::Latest) && commitP1 < 0 ? 0 : 5;
        QCOMPARE(f.groups.totalLag("g"), std::int64_t(expectedP0 + expectedP1 + grown));
    }

    void observerHooks()
    {
        GroupFixture f;
        RecordingObserver observer;
        f.cluster.addObserver(&observer);
        f.createTopic("orders", 1);
        f.groups.createGroup("g", immediate());
        const auto a = f.groups.join("g", "a", {"orders"}, 0).memberId;
        f.groups.commit("g", a, 1, {"orders", 0}, 0);
        f.groups.commit("g", a, 0, {"orders", 0}, 1); // stale: no hook
        f.groups.leave("g", a, 5);
        QCOMPARE(observer.events, (QStringList{"rebalance g gen 1 members 1", "commit g orders-0@0",
                                               "rebalance g gen 2 members 0"}));
        f.cluster.removeObserver(&observer);
    }

    // Same inputs, same state: membership, assignment and offsets after a scripted run are identical.
    void deterministic()
    {
        auto run = [] {
            GroupFixture f;
            f.createTopic("orders", 6);
            f.createTopic("payments", 3);
            GroupConfig c;
            c.assignor = "sticky";
            c.sessionTimeoutMs = 5000;
            c.rebalanceDelayMs = 700;
            f.groups.createGroup("g", c);
            std::vector<std::string> ids;
            for (int i = 0; i < 4; ++i)
                ids.push_back(f.groups.join("g", "c" + std::to_string(i % 2), {"orders", "payments"}, i * 100)
                                  .memberId);
            for (std::int64_t t = 1000; t <= 20000; t += 1000) {
                for (std::size_t i = 0; i < ids.size(); ++i) {
                    if (i != 1 || t < 4000) // member 1 falls silent
                        f.groups.heartbeat("g", ids[i], t);
                }
                f.runUntil(t);
                const ConsumerGroup &g = *f.groups.group("g");
                for (const auto &[id, m] : g.members()) {
                    for (const TopicPartition &tp : m.assignment)
                        f.groups.commit("g", id, g.generation(), tp, t / 100 + tp.partition);
                }
            }
            QStringList dump;
            const ConsumerGroup &g = *f.groups.group("g");
            dump << QString::number(g.generation()) << QString::number(g.rebalanceCount());
            for (const auto &[id, m] : g.members()) {
                QString line = QString::fromStdString(id) + u':';
                for (const TopicPartition &tp : m.assignment)
                    line += QString::fromStdString(tp.topic) + QString::number(tp.partition) + u',';
                dump << line;
            }
            for (const auto &[tp, offset] : g.committedOffsets())
                dump << QString::fromStdString(tp.topic) + QString::number(tp.partition) + u'=' +
                            QString::number(offset);
            return dump;
        };
        const QStringList first = run();
        QCOMPARE(run(), first);
        QVERIFY(first.size() > 5);
    }
};

QTEST_APPLESS_MAIN(TestGroup)
#include "tst_group.moc"
