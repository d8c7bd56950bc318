// The consumer-group membership protocol as a trainer explains it, driven without a simulation: a
// crashed consumer's partitions go unread until session.timeout.ms, then one rebalance hands them
// out; eager assignors stop every partition for the round, cooperative-sticky (KIP-429) only the
// ones that move; a restarted consumer rejoins with another rebalance; and a rebalance completes
// only after its round and after members have finished the record of a partition they give up.

#include "Assignor.h"
#include "GroupMembership.h"
#include "GroupRuntime.h"
#include "SimEvent.h"

#include <QTest>

#include <algorithm>
#include <vector>

using namespace postoffice::app;

namespace {

// Records what the protocol asks of the run.
class RecordingHost final : public GroupMembership::Host
{
public:
    struct Timer
    {
        double at = 0.0;
        std::uint32_t group = 0;
        std::uint32_t member = 0; // the round for a rebalance-round timer
        std::uint32_t epoch = 0;
    };

    void scheduleSessionTimeout(double at, std::uint32_t group, std::uint32_t member,
                                std::uint32_t epoch) override
    {
        sessionTimeouts.push_back({at, group, member, epoch});
    }
    void scheduleRebalanceRound(double at, std::uint32_t group, std::uint32_t round) override
    {
        rounds.push_back({at, group, round, 0});
    }
    void schedulePoll(double at, std::uint32_t group, std::uint32_t member, std::uint32_t epoch) override
    {
        polls.push_back({at, group, member, epoch});
    }
    void commitPartition(std::uint32_t group, int partition) override
    {
        commitGroups.push_back(group);
        commits.push_back(partition);
    }
    void announce(SimEvent &&event) override { events.push_back(std::move(event)); }

    static constexpr std::uint32_t kGroup = 7; // not 0, so a group number that is dropped shows

    std::vector<Timer> sessionTimeouts;
    std::vector<Timer> rounds;
    std::vector<Timer> polls;
    std::vector<std::uint32_t> commitGroups;
    std::vector<int> commits;
    std::vector<SimEvent> events;
};

constexpr double kSessionTimeoutS = 45.0;

GroupRuntime makeGroup(const QString &assignor, int members, int partitions)
{
    GroupRuntime g;
    g.name = QStringLiteral("billing");
    g.memberPrefix = "billing-consumer-";
    g.sessionTimeoutS = kSessionTimeoutS;
    g.assignor = postoffice::broker::Assignor::create(assignor.toStdString());
    g.members.resize(std::size_t(members));
    const std::size_t parts = std::size_t(partitions);
    g.resetPartitions(parts);
    return g;
}

int countOf(const std::vector<char> &flags)
{
    return int(std::count(flags.begin(), flags.end(), char(1)));
}

// Owner per partition once the pending rebalance completes.
std::vector<int> targetOwners(const GroupRuntime &g)
{
    std::vector<int> next(g.owner.size(), -1);
    for (std::size_t m = 0; m < g.target.size(); ++m)
        for (int p : g.target[m])
            next[std::size_t(p)] = int(m);
    return next;
}

// The rebalance in progress is handed its round timer.
void endRound(GroupMembership &membership, GroupRuntime &g, const RecordingHost &host)
{
    QVERIFY(!host.rounds.empty());
    const RecordingHost::Timer round = host.rounds.back();
    membership.onRebalanceRound(g, round.member, round.at);
}

// Three consumers on six partitions; the last one crashed and was timed out, so the two others hold
// three partitions each: a rejoin of the third now takes partitions from both.
struct TwoOfThree
{
    RecordingHost host;
    GroupRuntime g;
    GroupMembership membership;

    explicit TwoOfThree(const QString &assignor)
        : g(makeGroup(assignor, 3, 6)),
          membership(host, RecordingHost::kGroup, "orders", 6, QStringLiteral("billing"))
    {
        membership.form(g, 0.0);
        membership.crash(g, 2, 10.0);
        membership.onSessionTimeout(g, 2, host.sessionTimeouts.back().epoch, 10.0 + kSessionTimeoutS);
        membership.onRebalanceRound(g, host.rounds.back().member, host.rounds.back().at);
    }
};

} // namespace

class TestGroupMembership : public QObject
{
    Q_OBJECT

private slots:
    void formsTheFirstGeneration();
    void crashLeavesPartitionsUnreadUntilSessionTimeout_data();
    void crashLeavesPartitionsUnreadUntilSessionTimeout();
    void staleSessionTimeoutIsIgnored();
    void roundPausesEverythingOrOnlyWhatMoves_data();
    void roundPausesEverythingOrOnlyWhatMoves();
    void rejoinTriggersAnotherRebalance();
    void completesAfterRoundAndRevokedRecords_data();
    void completesAfterRoundAndRevokedRecords();
    void revokedPartitionsCommitAndRestartFromCommit_data();
    void revokedPartitionsCommitAndRestartFromCommit();
};

void TestGroupMembership::formsTheFirstGeneration()
{
    RecordingHost host;
    GroupRuntime g = makeGroup(QStringLiteral("range"), 3, 6);
    GroupMembership membership(host, RecordingHost::kGroup, "orders", 6, QStringLiteral("billing"));
    membership.form(g, 0.0);

    QCOMPARE(g.generation, 1);
    QVERIFY(!g.rebalancing);
    QVERIFY(host.rounds.empty()); // the group formed before traffic: no round charged
    // range: consecutive pairs, in member-id order
    QCOMPARE(g.owner, (std::vector<int>{0, 0, 1, 1, 2, 2}));
    QCOMPARE(host.events.size(), std::size_t(1));
    const SimEvent &e = host.events.front();
    QCOMPARE(e.kind, SimEventKind::Rebalance);
    QCOMPARE(e.node, QStringLiteral("billing"));
    QCOMPARE(e.count, 1);
    QCOMPARE(e.members, 3);
    QCOMPARE(e.partitions, 6);
    QCOMPARE(e.moved, 6); // everything is new to its first owner
    QVERIFY2(e.text.contains(QStringLiteral("billing-consumer-001 ← [2,3]")), qPrintable(e.text));
    QCOMPARE(host.polls.size(), std::size_t(3));
    for (std::uint32_t m = 0; m < 3; ++m) {
        QCOMPARE(host.polls[m].member, m);
        QCOMPARE(host.polls[m].group, RecordingHost::kGroup);
        QCOMPARE(host.polls[m].at, 0.0);
    }
}

void TestGroupMembership::crashLeavesPartitionsUnreadUntilSessionTimeout_data()
{
    QTest::addColumn<QString>("assignor");
    QTest::addColumn<int>("moved");
    // Three consumers on six partitions, the first one crashes. range re-splits the partitions in
    // order: [0,1,2] and [3,4,5], so 0, 1 and 3 change hands. roundrobin deals them out again:
    // [0,2,4] and [1,3,5], so 0, 1, 2 and 3 do. The sticky assignors keep what survivors own and
    // move only the crashed member's two.
    QTest::newRow("range") << QStringLiteral("range") << 3;
    QTest::newRow("roundrobin") << QStringLiteral("roundrobin") << 4;
    QTest::newRow("sticky") << QStringLiteral("sticky") << 2;
    QTest::newRow("cooperative-sticky") << QStringLiteral("cooperative-sticky") << 2;
}

void TestGroupMembership::crashLeavesPartitionsUnreadUntilSessionTimeout()
{
    QFETCH(QString, assignor);
    QFETCH(int, moved);
    RecordingHost host;
    GroupRuntime g = makeGroup(assignor, 3, 6);
    GroupMembership membership(host, RecordingHost::kGroup, "orders", 6, QStringLiteral("billing"));
    membership.form(g, 0.0);
    const std::vector<int> crashedOwned = g.members[0].partitions;
    QCOMPARE(crashedOwned.size(), std::size_t(2));
    host.events.clear();
    host.polls.clear();

    membership.crash(g, 0, 10.0);
    // The coordinator has not noticed: no rebalance, and the dead member's partitions are read by
    // nobody (the survivors keep theirs).
    QVERIFY(!g.rebalancing);
    QVERIFY(host.rounds.empty());
    QVERIFY(host.events.empty());
    QVERIFY(g.members[0].joined);
    for (int p : crashedOwned)
        QCOMPARE(g.owner[std::size_t(p)], -1);
    QCOMPARE(int(std::count(g.owner.begin(), g.owner.end(), -1)), 2);
    QCOMPARE(host.sessionTimeouts.size(), std::size_t(1));
    const RecordingHost::Timer timeout = host.sessionTimeouts.front();
    QCOMPARE(timeout.at, 10.0 + kSessionTimeoutS);
    QCOMPARE(timeout.member, 0u);
    QCOMPARE(timeout.epoch, g.members[0].epoch);

    membership.onSessionTimeout(g, timeout.member, timeout.epoch, timeout.at);
    QVERIFY(g.rebalancing);
    QVERIFY(!g.members[0].joined);
    QCOMPARE(host.rounds.size(), std::size_t(1));
    QCOMPARE(host.rounds.front().at, timeout.at + GroupMembership::kRoundS);
    QVERIFY(host.events.empty()); // the round takes its time

    endRound(membership, g, host);
    QCOMPARE(host.events.size(), std::size_t(1)); // exactly one rebalance
    const SimEvent &e = host.events.front();
    QCOMPARE(e.t_s, timeout.at + GroupMembership::kRoundS);
    QCOMPARE(e.count, 2); // generation + 1
    QCOMPARE(g.generation, 2);
    QCOMPARE(e.members, 2);
    QCOMPARE(e.partitions, 6);
    QCOMPARE(e.moved, moved);
    QVERIFY2(e.text.contains(QStringLiteral("left (session.timeout.ms 45000 expired): billing-consumer-000")),
             qPrintable(e.text));
    QVERIFY(!g.rebalancing);
    QCOMPARE(int(std::count(g.owner.begin(), g.owner.end(), 0)), 0);
    QCOMPARE(int(std::count(g.owner.begin(), g.owner.end(), -1)), 0); // every partition read again
    // the survivors start fetching; the dead member does not
    QCOMPARE(host.polls.size(), std::size_t(2));
    QCOMPARE(host.polls[0].member, 1u);
    QCOMPARE(host.polls[1].member, 2u);
}

void TestGroupMembership::staleSessionTimeoutIsIgnored()
{
    // A consumer restarted before its old session expired and crashed again: the old session's
    // timer must not remove it early; only the new session's expiry does.
    RecordingHost host;
    GroupRuntime g = makeGroup(QStringLiteral("range"), 2, 4);
    GroupMembership membership(host, RecordingHost::kGroup, "orders", 4, QStringLiteral("billing"));
    membership.form(g, 0.0);
    membership.crash(g, 1, 5.0);
    const RecordingHost::Timer first = host.sessionTimeouts.back();
    membership.rejoin(g, 1, 8.0);
    endRound(membership, g, host);
    QCOMPARE(g.generation, 2);
    membership.crash(g, 1, 20.0);
    QCOMPARE(host.sessionTimeouts.size(), std::size_t(2));
    const RecordingHost::Timer second = host.sessionTimeouts.back();
    QCOMPARE(second.at, 20.0 + kSessionTimeoutS);
    const std::size_t rounds = host.rounds.size();

    membership.onSessionTimeout(g, first.member, first.epoch, first.at);
    QVERIFY(g.members[1].joined);
    QVERIFY(!g.rebalancing);
    QCOMPARE(host.rounds.size(), rounds);
    QVERIFY(g.left.isEmpty());

    membership.onSessionTimeout(g, second.member, second.epoch, second.at);
    QVERIFY(!g.members[1].joined);
    QVERIFY(g.rebalancing);
    QCOMPARE(host.rounds.size(), rounds + 1);
}

void TestGroupMembership::roundPausesEverythingOrOnlyWhatMoves_data()
{
    QTest::addColumn<QString>("assignor");
    QTest::addColumn<bool>("eager");
    // The third consumer rejoins; it takes one partition from each of the two that hold three.
    QTest::newRow("range") << QStringLiteral("range") << true;
    QTest::newRow("roundrobin") << QStringLiteral("roundrobin") << true;
    QTest::newRow("sticky") << QStringLiteral("sticky") << true;
    QTest::newRow("cooperative-sticky") << QStringLiteral("cooperative-sticky") << false;
}

void TestGroupMembership::roundPausesEverythingOrOnlyWhatMoves()
{
    QFETCH(QString, assignor);
    QFETCH(bool, eager);
    TwoOfThree group(assignor);
    GroupRuntime &g = group.g;
    QCOMPARE(countOf(g.paused), 0);

    group.membership.rejoin(g, 2, 100.0);
    QVERIFY(g.rebalancing);
    if (eager) {
        QCOMPARE(countOf(g.paused), 6); // every member revokes everything
    } else {
        // only what changes owner pauses: one partition from each survivor
        QCOMPARE(countOf(g.paused), 2);
        const std::vector<int> next = targetOwners(g);
        for (std::size_t p = 0; p < g.paused.size(); ++p)
            QCOMPARE(bool(g.paused[p]), g.owner[p] != next[p]);
    }
    endRound(group.membership, g, group.host);
    QVERIFY(!g.rebalancing);
    QCOMPARE(countOf(g.paused), 0); // fetching resumes everywhere
}

void TestGroupMembership::rejoinTriggersAnotherRebalance()
{
    TwoOfThree group(QStringLiteral("range"));
    GroupRuntime &g = group.g;
    RecordingHost &host = group.host;
    QCOMPARE(g.generation, 2);
    const std::uint32_t oldEpoch = g.members[2].epoch;
    host.events.clear();
    host.polls.clear();

    group.membership.rejoin(g, 2, 100.0);
    QVERIFY(g.members[2].alive);
    QVERIFY(g.members[2].joined);
    QVERIFY(g.members[2].epoch != oldEpoch); // work of the old incarnation is recognised as stale
    QVERIFY(host.events.empty());
    endRound(group.membership, g, host);

    QCOMPARE(host.events.size(), std::size_t(1));
    const SimEvent &e = host.events.front();
    QCOMPARE(e.count, 3);
    QCOMPARE(e.members, 3);
    QCOMPARE(e.moved, 3); // range: [0,1,2] [3,4,5] become [0,1] [2,3] [4,5]: 2, 4 and 5 move
    QVERIFY2(e.text.contains(QStringLiteral("joined: billing-consumer-002")), qPrintable(e.text));
    QVERIFY2(!e.text.contains(QStringLiteral("left")), qPrintable(e.text)); // reasons are not repeated
    QCOMPARE(g.owner, (std::vector<int>{0, 0, 1, 1, 2, 2}));
    QCOMPARE(host.polls.size(), std::size_t(3));
    QCOMPARE(host.polls[2].epoch, g.members[2].epoch);

    // A second rejoin of a live member is no change of membership.
    group.membership.rejoin(g, 2, 120.0);
    QVERIFY(!g.rebalancing);
}

void TestGroupMembership::completesAfterRoundAndRevokedRecords_data()
{
    QTest::addColumn<QString>("assignor");
    QTest::addColumn<bool>("busyOnRevoked"); // the record in hand is of a partition being given up
    QTest::addColumn<bool>("waits");
    QTest::newRow("eager: every partition is revoked") << QStringLiteral("range") << true << true;
    QTest::newRow("cooperative: record of a moving partition")
        << QStringLiteral("cooperative-sticky") << true << true;
    QTest::newRow("cooperative: record of a kept partition")
        << QStringLiteral("cooperative-sticky") << false << false;
}

void TestGroupMembership::completesAfterRoundAndRevokedRecords()
{
    QFETCH(QString, assignor);
    QFETCH(bool, busyOnRevoked);
    QFETCH(bool, waits);
    TwoOfThree group(assignor);
    GroupRuntime &g = group.g;
    RecordingHost &host = group.host;
    host.events.clear();

    group.membership.rejoin(g, 2, 100.0);
    // Before the round is over nothing completes, however idle everyone is.
    group.membership.tryCompleteRebalance(g, 100.5);
    QVERIFY(host.events.empty());
    QVERIFY(g.rebalancing);

    // Member 0 holds a record of one of its partitions.
    MemberRuntime &member = g.members[0];
    const auto held = std::find_if(member.partitions.begin(), member.partitions.end(),
                                   [&](int p) { return bool(g.paused[std::size_t(p)]) == busyOnRevoked; });
    QVERIFY(held != member.partitions.end());
    member.busy = true;
    member.busyPartition = *held;

    endRound(group.membership, g, host);
    if (!waits) {
        QCOMPARE(host.events.size(), std::size_t(1));
        QCOMPARE(host.events.front().t_s, 100.0 + GroupMembership::kRoundS);
        return;
    }
    QVERIFY(host.events.empty());
    QVERIFY(g.rebalancing);
    // the member finishes the record (as the run does) and rejoins
    member.busy = false;
    member.busyPartition = -1;
    group.membership.tryCompleteRebalance(g, 101.3);
    QCOMPARE(host.events.size(), std::size_t(1));
    QCOMPARE(host.events.front().t_s, 101.3);
    QVERIFY(!g.rebalancing);
}

void TestGroupMembership::revokedPartitionsCommitAndRestartFromCommit_data()
{
    QTest::addColumn<QString>("assignor");
    QTest::addColumn<bool>("autoCommit");
    QTest::addColumn<int>("commits");
    // enable.auto.commit commits every partition given up: all six under an eager assignor, the two
    // that move under cooperative-sticky. Without it the consumer commits after every record itself.
    QTest::newRow("range, auto commit") << QStringLiteral("range") << true << 6;
    QTest::newRow("cooperative-sticky, auto commit") << QStringLiteral("cooperative-sticky") << true << 2;
    QTest::newRow("range, manual commit") << QStringLiteral("range") << false << 0;
}

void TestGroupMembership::revokedPartitionsCommitAndRestartFromCommit()
{
    QFETCH(QString, assignor);
    QFETCH(bool, autoCommit);
    QFETCH(int, commits);
    TwoOfThree group(assignor);
    GroupRuntime &g = group.g;
    g.autoCommit = autoCommit;
    group.host.commits.clear();
    group.host.commitGroups.clear();
    for (std::size_t p = 0; p < g.position.size(); ++p) {
        g.committed[p] = 10;
        g.position[p] = 15; // fetched past the commit
        g.fetched[p] = FetchedRange{10, 3};
    }

    group.membership.rejoin(g, 2, 100.0);
    const std::vector<char> revoked = g.paused;
    endRound(group.membership, g, group.host);

    QCOMPARE(int(group.host.commits.size()), commits);
    for (int p : group.host.commits)
        QVERIFY(revoked[std::size_t(p)]);
    for (std::uint32_t committedGroup : group.host.commitGroups)
        QCOMPARE(committedGroup, RecordingHost::kGroup);
    for (std::size_t p = 0; p < g.position.size(); ++p) {
        // A partition given up restarts from its committed offset, its fetch session closed; one kept
        // (cooperative) goes on where it was.
        QCOMPARE(g.position[p], revoked[p] ? 10 : 15);
        QCOMPARE(g.fetched[p].brokerEpoch, revoked[p] ? 0u : 3u);
    }
}

QTEST_GUILESS_MAIN(TestGroupMembership)
#include "tst_group_membership.moc"
