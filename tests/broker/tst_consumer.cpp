// Embedded consumer on the cluster and the group coordinator: auto-commit timing, manual commits,
// auto.offset.reset (also after retention deleted the committed position), idle members, the eager
// rebalance pause, at-least-once redelivery after a crash, and determinism.

#include "Consumer.h"
#include "ConsumerGroup.h"
#include "tst_group_fixture.h"

#include <QtTest>

using namespace postoffice::broker;
using postoffice::broker::test::GroupFixture;

namespace {

ConsumerConfig consumerConfig(const std::string &clientId, bool autoCommit = true,
                              std::int64_t intervalMs = 5000, OffsetReset reset = OffsetReset::Earliest)
{
    ConsumerConfig c;
    c.groupId = "g";
    c.clientId = clientId;
    c.enableAutoCommit = autoCommit;
    c.autoCommitIntervalMs = intervalMs;
    c.autoOffsetReset = reset;
    return c;
}

void createGroup(GroupFixture &f, const char *assignor = "range", std::int64_t sessionTimeoutMs = 10000,
                 std::int64_t rebalanceDelayMs = 0)
{
    GroupConfig g;
    g.assignor = assignor;
    g.sessionTimeoutMs = sessionTimeoutMs;
    g.rebalanceDelayMs = rebalanceDelayMs;
    QCOMPARE(f.groups.createGroup("g", g), ErrorCode::None);
}

QString committedText(const GroupFixture &f, const TopicPartition &tp)
{
    const auto c = f.groups.committed("g", tp);
    return c ? QString::number(*c) : QStringLiteral("-");
}

} // namespace

class TestConsumer : public QObject
{
    Q_OBJECT

private slots:
    void subscribeErrors()
    {
        GroupFixture f;
        ConsumerConfig noGroup = consumerConfig("a");
        noGroup.groupId.clear();
        Consumer a(f.cluster, f.groups, noGroup);
        QCOMPARE(a.subscribe({"orders"}, 0), ErrorCode::InvalidGroupId);
        ConsumerConfig badPoll = consumerConfig("b");
        badPoll.maxPollRecords = 0;
        Consumer b(f.cluster, f.groups, badPoll);
        QCOMPARE(b.subscribe({"orders"}, 0), ErrorCode::InvalidConfig);
        Consumer c(f.cluster, f.groups, consumerConfig("c"));
        QCOMPARE(c.poll(0).error, ErrorCode::InvalidRequest); // not subscribed
        c.crash();
        QCOMPARE(c.subscribe({"orders"}, 0), ErrorCode::InvalidRequest);
    }

    // Java's auto-commit: at the start of a poll, once auto.commit.interval.ms has passed since the last
    // auto-commit (or since joining), the positions consumed so far are committed; then records are fetched.
    void autoCommitTiming_data()
    {
        QTest::addColumn<bool>("autoCommit");
        QTest::addColumn<qint64>("intervalMs");
        QTest::addColumn<QList<qint64>>("pollTimes");
        QTest::addColumn<QStringList>("committedAfterEachPoll");
        QTest::newRow("5 s interval")
            << true << qint64(5000) << QList<qint64>{0, 1000, 5000, 6000, 9999, 10000}
            << QStringList{"-", "-", "20", "20", "20", "50"};
        QTest::newRow("interval 0: every poll commits the previous one")
            << true << qint64(0) << QList<qint64>{0, 1, 2, 3} << QStringList{"-", "10", "20", "30"};
        QTest::newRow("late polls: one commit per poll at most")
            << true << qint64(1000) << QList<qint64>{0, 7000, 7500, 8000}
            << QStringList{"-", "10", "10", "30"};
        QTest::newRow("auto-commit disabled")
            << false << qint64(1) << QList<qint64>{0, 5000, 10000} << QStringList{"-", "-", "-"};
    }
    void autoCommitTiming()
    {
        QFETCH(bool, autoCommit);
        QFETCH(qint64, intervalMs);
        QFETCH(QList<qint64>, pollTimes);
        QFETCH(QStringList, committedAfterEachPoll);
        GroupFixture f;
        f.createTopic("orders", 1);
        f.produce("orders", 0, 100);
        createGroup(f, "range", 60000);
        Consumer c(f.cluster, f.groups, consumerConfig("a", autoCommit, intervalMs));
        QCOMPARE(c.subscribe({"orders"}, 0), ErrorCode::None);
        QStringList committed;
        for (qint64 t : pollTimes) {
            f.runUntil(t);
            const PollResult r = c.poll(t, 10);
            QCOMPARE(r.error, ErrorCode::None);
            QCOMPARE(r.records.size(), std::size_t(10));
            committed << committedText(f, {"orders", 0});
        }
        QCOMPARE(committed, committedAfterEachPoll);
        QCOMPARE(c.polledCount(), std::int64_t(10 * pollTimes.size()));
    }

    void manualCommit()
    {
        GroupFixture f;
        f.createTopic("orders", 1);
        f.produce("orders", 0, 30);
        createGroup(f);
        Consumer c(f.cluster, f.groups, consumerConfig("a", false));
        c.subscribe({"orders"}, 0);
        const PollResult r = c.poll(0, 10);
        QCOMPARE(r.records.front().record.offset(), std::int64_t(0));
        QCOMPARE(r.records.back().record.offset(), std::int64_t(9));
        QCOMPARE(committedText(f, {"orders", 0}), QString("-"));
        QCOMPARE(c.commitSync(), ErrorCode::None);
        QCOMPARE(committedText(f, {"orders", 0}), QString("10"));
        // Processing one record at a time: commit the offset of the next record to read.
        QCOMPARE(c.commit({"orders", 0}, 4), ErrorCode::None);
        QCOMPARE(committedText(f, {"orders", 0}), QString("4"));
        QCOMPARE(c.position({"orders", 0}), std::optional<std::int64_t>(10));
    }

    void offsetResetWithoutCommit_data()
    {
        QTest::addColumn<int>("reset");
        QTest::addColumn<int>("expectedRecords");
        QTest::addColumn<qint64>("expectedFirstOffset");
        QTest::addColumn<int>("expectedError");
        QTest::newRow("earliest reads the retained log and what follows")
            << int(OffsetReset::Earliest) << 11 << qint64(0) << int(ErrorCode::None);
        QTest::newRow("latest reads only what comes next")
            << int(OffsetReset::Latest) << 3 << qint64(8) << int(ErrorCode::None);
        QTest::newRow("none refuses to guess")
            << int(OffsetReset::None) << 0 << qint64(-1) << int(ErrorCode::OffsetOutOfRange);
    }
    void offsetResetWithoutCommit()
    {
        QFETCH(int, reset);
        QFETCH(int, expectedRecords);
        QFETCH(qint64, expectedFirstOffset);
        QFETCH(int, expectedError);
        GroupFixture f;
        f.createTopic("orders", 1);
        f.produce("orders", 0, 8);
        createGroup(f);
        Consumer c(f.cluster, f.groups, consumerConfig("a", true, 5000, OffsetReset(reset)));
        c.subscribe({"orders"}, 0);
        PollResult r = c.poll(0, 100);
        f.produce("orders", 0, 3);
        const PollResult more = c.poll(10, 100);
        r.records.insert(r.records.end(), more.records.begin(), more.records.end());
        QCOMPARE(int(r.error), expectedError);
        QCOMPARE(int(r.records.size()), expectedRecords);
        if (!r.records.empty())
            QCOMPARE(r.records.front().record.offset(), std::int64_t(expectedFirstOffset));
    }

    // The broker is not a database: retention deleted the committed position, the fetch is
    // OffsetOutOfRange and auto.offset.reset decides where to go; skipped records are counted.
    void offsetResetAfterRetention_data()
    {
        QTest::addColumn<int>("reset");
        QTest::addColumn<qint64>("expectedFirstOffset"); // -1: nothing returned
        QTest::addColumn<qint64>("expectedSkipped");
        QTest::addColumn<int>("expectedError");
        // Offsets 0..9 expired; 10..14 were produced afterwards; the group had committed 3.
        QTest::newRow("earliest: from the new log start")
            << int(OffsetReset::Earliest) << qint64(10) << qint64(7) << int(ErrorCode::None);
        QTest::newRow("latest: from the high watermark")
            << int(OffsetReset::Latest) << qint64(-1) << qint64(12) << int(ErrorCode::None);
        QTest::newRow("none: error, nothing read")
            << int(OffsetReset::None) << qint64(-1) << qint64(0) << int(ErrorCode::OffsetOutOfRange);
    }
    void offsetResetAfterRetention()
    {
        QFETCH(int, reset);
        QFETCH(qint64, expectedFirstOffset);
        QFETCH(qint64, expectedSkipped);
        QFETCH(int, expectedError);
        GroupFixture f;
        TopicConfig t;
        t.retentionMs = 1000;
        t.segmentBytes = 14; // one record per segment, so retention can delete each
        QVERIFY(f.createTopic("orders", 1, t));
        f.produce("orders", 0, 10);
        createGroup(f, "range", 1000000);
        QCOMPARE(f.groups.commit("g", "", -1, {"orders", 0}, 3), ErrorCode::None);
        f.runUntil(f.cluster.config().logRetentionCheckIntervalMs);
        QCOMPARE(f.cluster.logStartOffset("orders", 0), std::int64_t(10));
        f.produce("orders", 0, 5);
        const std::int64_t now = f.clock.nowMs();
        Consumer c(f.cluster, f.groups, consumerConfig("a", false, 5000, OffsetReset(reset)));
        c.subscribe({"orders"}, now);
        const PollResult r = c.poll(now, 100);
        QCOMPARE(int(r.error), expectedError);
        if (expectedFirstOffset < 0) {
            QVERIFY(r.records.empty());
        } else {
            QCOMPARE(r.records.front().record.offset(), std::int64_t(expectedFirstOffset));
            QCOMPARE(r.records.size(), std::size_t(5));
        }
        QCOMPARE(c.skippedByRetentionCount(), std::int64_t(expectedSkipped));
        QCOMPARE(c.offsetResetCount(), std::int64_t(expectedError == int(ErrorCode::None) ? 1 : 0));
    }

    // A 7th consumer on 6 partitions idles, visibly, and polls nothing.
    void idleConsumer()
    {
        GroupFixture f;
        f.createTopic("orders", 6);
        for (int p = 0; p < 6; ++p)
            f.produce("orders", p, 5);
        createGroup(f, "roundrobin");
        std::vector<std::unique_ptr<Consumer>> consumers;
        for (int i = 0; i < 7; ++i) {
            consumers.push_back(
                std::make_unique<Consumer>(f.cluster, f.groups, consumerConfig("c" + std::to_string(i))));
            consumers.back()->subscribe({"orders"}, 0);
        }
        int idle = 0;
        std::int64_t total = 0;
        for (auto &c : consumers) {
            const PollResult r = c->poll(1, 100);
            QCOMPARE(r.error, ErrorCode::None);
            total += std::int64_t(r.records.size());
            if (c->isIdle()) {
                ++idle;
                QVERIFY(r.records.empty());
            }
        }
        QCOMPARE(idle, 1);
        QCOMPARE(total, std::int64_t(30));
        QVERIFY(consumers.back()->isIdle()); // member ids sort in join order: c6 joined last
        QCOMPARE(f.groups.group("g")->idleMembers(), std::vector<std::string>{consumers.back()->memberId()});
    }

    // The eager rebalance stops consumption for the configured pause; the simulator shows the gap.
    void rebalancePause()
    {
        GroupFixture f;
        f.createTopic("orders", 2);
        f.produce("orders", 0, 10);
        f.produce("orders", 1, 10);
        createGroup(f, "range", 60000, 3000);
        Consumer a(f.cluster, f.groups, consumerConfig("a"));
        a.subscribe({"orders"}, 0);
        QCOMPARE(a.poll(0).error, ErrorCode::RebalanceInProgress);
        f.runUntil(2999);
        QCOMPARE(a.poll(2999).error, ErrorCode::RebalanceInProgress);
        f.runUntil(3000);
        PollResult r = a.poll(3000);
        QCOMPARE(r.error, ErrorCode::None);
        QCOMPARE(r.records.size(), std::size_t(20));
        QCOMPARE(a.generation(), 1);
        // A second consumer joins: a pauses again, then each owns one partition.
        Consumer b(f.cluster, f.groups, consumerConfig("b"));
        b.subscribe({"orders"}, 4000);
        QVERIFY(a.assignment().empty());
        QCOMPARE(a.poll(4000).error, ErrorCode::RebalanceInProgress);
        f.runUntil(7000);
        QCOMPARE(a.assignment().size(), std::size_t(1));
        QCOMPARE(b.assignment().size(), std::size_t(1));
        QCOMPARE(a.generation(), 2);
        // a auto-committed on revocation, so nobody re-reads anything.
        f.produce("orders", 1, 1);
        r = b.poll(7000);
        QCOMPARE(r.records.size(), std::size_t(1));
        QCOMPARE(b.redeliveredCount(), std::int64_t(0));
    }

    // Eager stops the whole group for every rebalance; cooperative-sticky (KIP-429) lets members keep
    // consuming what they own, revokes only what moves (committing it) and hands it over in a second round.
    void eagerVersusCooperative_data()
    {
        QTest::addColumn<QString>("assignor");
        QTest::addColumn<int>("errorWhileRebalancing");
        QTest::addColumn<int>("finalGeneration");
        QTest::addColumn<qint64>("pausedMs");
        QTest::newRow("sticky (eager)")
            << "sticky" << int(ErrorCode::RebalanceInProgress) << 2 << qint64(6000);
        QTest::newRow("cooperative-sticky") << "cooperative-sticky" << int(ErrorCode::None) << 3 << qint64(0);
    }
    void eagerVersusCooperative()
    {
        QFETCH(QString, assignor);
        QFETCH(int, errorWhileRebalancing);
        QFETCH(int, finalGeneration);
        QFETCH(qint64, pausedMs);
        GroupFixture f;
        f.createTopic("orders", 4);
        for (int p = 0; p < 4; ++p)
            f.produce("orders", p, 100);
        createGroup(f, assignor.toLatin1().constData(), 60000, 3000);
        Consumer a(f.cluster, f.groups, consumerConfig("a"));
        a.subscribe({"orders"}, 0);
        f.runUntil(3000);
        QCOMPARE(a.assignment().size(), std::size_t(4));
        QCOMPARE(a.poll(3000, 40).records.size(), std::size_t(40));

        Consumer b(f.cluster, f.groups, consumerConfig("b"));
        b.subscribe({"orders"}, 4000);
        f.runUntil(5000);
        const PollResult during = a.poll(5000, 40);
        QCOMPARE(int(during.error), errorWhileRebalancing);
        QCOMPARE(during.records.empty(), errorWhileRebalancing != int(ErrorCode::None));

        f.runUntil(20000);
        const ConsumerGroup &g = *f.groups.group("g");
        QCOMPARE(g.state(), GroupState::Stable);
        QCOMPARE(g.generation(), finalGeneration);
        QCOMPARE(g.pausedMs(), std::int64_t(pausedMs));
        QCOMPARE(a.assignment().size(), std::size_t(2));
        QCOMPARE(b.assignment().size(), std::size_t(2));
        // Whatever a consumed on the partitions it gave up was committed on revocation: b re-reads nothing.
        b.poll(20000, 500);
        QCOMPARE(b.redeliveredCount(), std::int64_t(0));
        QCOMPARE(a.redeliveredCount(), std::int64_t(0));
    }

    // At-least-once: a member crashes between processing and committing; after session.timeout.ms the
    // partition's new owner re-reads from the last committed offset. Exactly the uncommitted records are
    // delivered twice, and counted.
    void crashRedelivery_data()
    {
        QTest::addColumn<bool>("autoCommit");
        QTest::addColumn<bool>("commitAfterEachPoll");  // commitSync() right after processing each poll
        QTest::addColumn<QList<qint64>>("victimPolls"); // times the victim polls 10 records before crashing
        QTest::addColumn<qint64>("expectedRedelivered");
        QTest::newRow("crash before the first auto-commit")
            << true << false << QList<qint64>{1000, 2000} << qint64(20);
        QTest::newRow("auto-committed 20, then 10 more")
            << true << false << QList<qint64>{1000, 2000, 5000} << qint64(10);
        QTest::newRow("auto-committed at 5 s and 10 s, 10 uncommitted")
            << true << false << QList<qint64>{1000, 5000, 10000} << qint64(10);
        QTest::newRow("manual commit never called")
            << false << false << QList<qint64>{1000, 2000, 3000} << qint64(30);
        QTest::newRow("manual commitSync after each poll")
            << false << true << QList<qint64>{1000, 2000, 3000} << qint64(0);
    }
    void crashRedelivery()
    {
        QFETCH(bool, autoCommit);
        QFETCH(bool, commitAfterEachPoll);
        QFETCH(QList<qint64>, victimPolls);
        QFETCH(qint64, expectedRedelivered);
        const std::int64_t sessionTimeoutMs = 10000;
        GroupFixture f;
        f.createTopic("orders", 2);
        f.produce("orders", 0, 100);
        f.produce("orders", 1, 100);
        createGroup(f, "range", sessionTimeoutMs);
        Consumer victim(f.cluster, f.groups, consumerConfig("a-victim", autoCommit));
        Consumer survivor(f.cluster, f.groups, consumerConfig("b-survivor", autoCommit));
        victim.subscribe({"orders"}, 0);
        survivor.subscribe({"orders"}, 0);
        QCOMPARE(victim.assignment(), (std::vector<TopicPartition>{{"orders", 0}}));
        std::int64_t crashAt = 0;
        for (qint64 t : victimPolls) {
            f.runUntil(t);
            QCOMPARE(victim.poll(t, 10).records.size(), std::size_t(10));
            if (commitAfterEachPoll)
                QCOMPARE(victim.commitSync(), ErrorCode::None);
            survivor.heartbeat(t);
            crashAt = t;
        }
        victim.crash();
        const std::int64_t consumedByVictim = 10 * std::int64_t(victimPolls.size());
        const std::int64_t committedBefore = f.groups.committed("g", {"orders", 0}).value_or(0);
        QCOMPARE(consumedByVictim - committedBefore, std::int64_t(expectedRedelivered));

        // The survivor keeps polling its own partition; the victim's partition waits for the expiry.
        std::int64_t t = crashAt;
        std::vector<std::int64_t> reread;
        std::int64_t redeliveredP0 = 0;
        while (t < crashAt + sessionTimeoutMs + 1000) {
            t += 500;
            f.runUntil(t);
            for (const ConsumerRecord &r : survivor.poll(t, 50).records) {
                if (r.partition == 0) {
                    reread.push_back(r.record.offset());
                    redeliveredP0 += r.redelivered ? 1 : 0;
                }
            }
        }
        const ConsumerGroup &g = *f.groups.group("g");
        QCOMPARE(g.expiredMemberCount(), 1);
        QCOMPARE(g.lastRebalanceReason(), RebalanceReason::SessionTimeout);
        QCOMPARE(survivor.assignment().size(), std::size_t(2));
        QVERIFY(!reread.empty());
        QCOMPARE(reread.front(), committedBefore); // resumes at the committed offset
        QCOMPARE(redeliveredP0, std::int64_t(expectedRedelivered));
        // Without commits the survivor also re-reads its own partition after the eager rebalance, so the
        // group total can be larger; it is always the sum of what members saw again.
        QCOMPARE(g.redeliveredCount(), survivor.redeliveredCount());
        if (autoCommit)
            QCOMPARE(g.redeliveredCount(), std::int64_t(expectedRedelivered));
        if (expectedRedelivered == 0)
            QVERIFY(!reread.empty() && reread.front() == consumedByVictim);
        // Nothing is lost: every offset of partition 0 up to what was read is covered.
        QCOMPARE(reread.back() + 1, committedBefore + std::int64_t(reread.size()));
    }

    // A graceful close commits and leaves at once: no wait for the session timeout, no redelivery.
    void gracefulCloseNoRedelivery()
    {
        GroupFixture f;
        f.createTopic("orders", 2);
        f.produce("orders", 0, 40);
        f.produce("orders", 1, 40);
        createGroup(f, "range", 30000);
        Consumer a(f.cluster, f.groups, consumerConfig("a"));
        Consumer b(f.cluster, f.groups, consumerConfig("b"));
        a.subscribe({"orders"}, 0);
        b.subscribe({"orders"}, 0);
        QCOMPARE(a.poll(100, 15).records.size(), std::size_t(15));
        a.close(200);
        QVERIFY(!a.isMember());
        QCOMPARE(b.assignment().size(), std::size_t(2));
        std::int64_t fromP0 = 0;
        for (const ConsumerRecord &r : b.poll(300, 500).records) {
            if (r.partition == 0) {
                if (fromP0 == 0)
                    QCOMPARE(r.record.offset(), std::int64_t(15));
                ++fromP0;
            }
        }
        QCOMPARE(fromP0, std::int64_t(25));
        QCOMPARE(b.redeliveredCount(), std::int64_t(0));
        QCOMPARE(f.groups.group("g")->expiredMemberCount(), 0);
    }

    // A consumer that stops polling past session.timeout.ms loses its membership; its next poll rejoins as
    // a new member and reads on from the committed offsets.
    void rejoinAfterExpiry()
    {
        GroupFixture f;
        f.createTopic("orders", 1);
        f.produce("orders", 0, 20);
        createGroup(f, "range", 5000);
        Consumer a(f.cluster, f.groups, consumerConfig("a", false));
        a.subscribe({"orders"}, 0);
        a.poll(0, 5);
        a.commitSync();
        a.poll(1000, 5); // 5..9 consumed, not committed
        const std::string firstId = a.memberId();
        f.runUntil(7000);
        QVERIFY(f.groups.group("g")->member(firstId) == nullptr);
        const PollResult r = a.poll(7000, 100);
        QCOMPARE(r.error, ErrorCode::None);
        QVERIFY(a.memberId() != firstId);
        QCOMPARE(r.records.front().record.offset(), std::int64_t(5));
        QCOMPARE(a.redeliveredCount(), std::int64_t(5));
        QVERIFY(r.records.front().redelivered);
        QVERIFY(!r.records.back().redelivered);
    }

    // max.poll.interval.ms: the process heartbeats but the application stopped polling; after the
    // interval the consumer leaves (no commit), the others take over, and its next poll rejoins.
    void pollTimeoutLeavesGroup()
    {
        GroupFixture f;
        f.createTopic("orders", 2);
        f.produce("orders", 0, 30);
        f.produce("orders", 1, 30);
        createGroup(f, "range", 30000);
        ConsumerConfig stalled = consumerConfig("a", false);
        stalled.maxPollIntervalMs = 10000;
        Consumer a(f.cluster, f.groups, stalled);
        Consumer b(f.cluster, f.groups, consumerConfig("b", false));
        a.subscribe({"orders"}, 0);
        b.subscribe({"orders"}, 0);
        QCOMPARE(a.poll(0, 5).records.size(), std::size_t(5));
        for (std::int64_t t = 1000; t <= 10000; t += 1000) {
            QCOMPARE(a.heartbeat(t), ErrorCode::None);
            b.poll(t, 0);
        }
        QCOMPARE(a.assignment().size(), std::size_t(1));
        QCOMPARE(a.heartbeat(10001), ErrorCode::UnknownMemberId);
        QVERIFY(!a.isMember());
        QCOMPARE(a.pollTimeoutCount(), std::int64_t(1));
        const ConsumerGroup &g = *f.groups.group("g");
        QCOMPARE(g.lastRebalanceReason(), RebalanceReason::Leave);
        QCOMPARE(g.expiredMemberCount(), 0); // it left; the session never expired
        QCOMPARE(b.assignment().size(), std::size_t(2));
        // b re-reads the 5 records a took but never committed.
        std::int64_t redeliveredP0 = 0;
        for (const ConsumerRecord &r : b.poll(10002, 500).records)
            redeliveredP0 += r.partition == 0 && r.redelivered ? 1 : 0;
        QCOMPARE(redeliveredP0, std::int64_t(5));
        // a's application comes back: it polls, rejoins and gets a share again.
        QCOMPARE(a.poll(20000, 0).error, ErrorCode::None);
        QVERIFY(a.isMember());
        QCOMPARE(a.assignment().size(), std::size_t(1));
    }

    // Same inputs → same deliveries: two runs of a crash-and-restart script hand out the same records to
    // the same members in the same order.
    void deterministic()
    {
        auto run = [] {
            GroupFixture f;
            f.createTopic("orders", 3);
            createGroup(f, "sticky", 4000, 500);
            std::vector<std::unique_ptr<Consumer>> cs;
            for (int i = 0; i < 3; ++i) {
                cs.push_back(std::make_unique<Consumer>(f.cluster, f.groups,
                                                        consumerConfig("c" + std::to_string(i), true, 700)));
                cs.back()->subscribe({"orders"}, 0);
            }
            QStringList log;
            for (std::int64_t t = 0; t <= 30000; t += 250) {
                f.runUntil(t);
                f.produce("orders", int(t / 250) % 3, 2);
                if (t == 8000)
                    cs[1]->crash();
                if (t == 20000)
                    cs[1]->restart(t);
                for (std::size_t i = 0; i < cs.size(); ++i) {
                    if (cs[i]->isCrashed())
                        continue;
                    for (const ConsumerRecord &r : cs[i]->poll(t, 3).records)
                        log << QStringLiteral("%1 %2 p%3@%4%5")
                                   .arg(t)
                                   .arg(i)
                                   .arg(r.partition)
                                   .arg(r.record.offset())
                                   .arg(r.redelivered ? "*" : "");
                }
            }
            log << QString::number(f.groups.totalLag("g"));
            return log;
        };
        const QStringList first = run();
        QCOMPARE(run(), first);
        QVERIFY(first.size() > 100);
    }
};

QTEST_APPLESS_MAIN(TestConsumer)
#include "tst_consumer.moc"
