// A learner's consumer joins the scenario's own consumer group ("inventory", two simulated members
// reading the 6 partitions of orders) through the group protocol, as a Kafka client on the wire
// would: it gets a share of the partitions, the simulated members stop reading those, its commits
// count as the group's progress, and when it leaves (or a simulated member crashes) the partitions
// move on from the offsets committed — with every order still accounted for at the end.
//
// The client here is a script speaking the group messages' real bytes to the coordinator the
// server uses; tst_serve_groups does the same with librdkafka over a socket.

#include "Cluster.h"
#include "ConsumerGroupDriver.h"
#include "EngineTestScenarios.h"
#include "HeartbeatMessages.h"
#include "JoinGroupMessages.h"
#include "KafkaApi.h"
#include "LeaveGroupMessages.h"
#include "OffsetCommitMessages.h"
#include "ScenarioGroupBridge.h"
#include "ServedScenario.h"
#include "Simulation.h"
#include "SyncGroupMessages.h"
#include "WireGroupConsumerProtocol.h"
#include "WireGroupCoordinator.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace postoffice;
using namespace postoffice::app;
using namespace postoffice::app::testing;

namespace {

constexpr int kPartitions = 6;
const char *const kGroup = "inventory";
const char *const kTopic = "orders";

class SimulationClock : public broker::Clock
{
public:
    explicit SimulationClock(const Simulation &s) : m_simulation(s) {}
    std::int64_t nowMs() const override
    {
        return std::int64_t(std::floor(m_simulation.now() * 1000.0 + 1e-6));
    }

private:
    const Simulation &m_simulation;
};

// The served architecture as the Kafka server runs it: the engine, the group coordinator and the
// bridge, stepped between engine steps.
struct Served
{
    explicit Served(double duration)
        : simulation(servedScenario(duration)), clock(simulation), coordinator(clock),
          architecture(int(simulation.architectures().indexOf(QStringLiteral("decoupled")))),
          bridge(simulation, architecture, coordinator, clock)
    {}

    void step(double dt = 0.05)
    {
        simulation.runUntil(simulation.now() + dt);
        const std::int64_t now = clock.nowMs();
        if (const auto due = coordinator.nextDeadlineMs(); due && *due <= now)
            coordinator.advance(now);
        bridge.advance();
    }
    // `consumers` of the inventory service's consumers crash now, for `duration` seconds.
    FaultSpec crash(int consumers, double duration)
    {
        FaultSpec f =
            fault(FaultKind::ConsumerCrash, QStringLiteral("inventory"), simulation.now(), duration);
        f.consumers = consumers;
        f.architecture = QStringLiteral("decoupled");
        simulation.injectFault(f);
        step();
        return f;
    }
    ConsumerGroupDriver &groups() { return *simulation.externalGroups(architecture); }
    const GroupRuntime &group() { return groups().group(std::uint32_t(groups().groupIndex(kGroup))); }
    std::set<int> simulatedPartitions()
    {
        std::set<int> all;
        for (const MemberRuntime &m : group().members)
            all.insert(m.partitions.begin(), m.partitions.end());
        return all;
    }
    std::int64_t logEnd(int partition)
    {
        return simulation.cluster(architecture)->logEndOffset(kTopic, partition);
    }

    Simulation simulation;
    SimulationClock clock;
    broker::WireGroupCoordinator coordinator;
    int architecture;
    ScenarioGroupBridge bridge;
};

// A consumer of orders in group inventory, speaking the group protocol's bytes.
class Learner
{
public:
    explicit Learner(Served &served) : m_served(served) {}

    std::string memberId;
    std::int32_t generation = -1;
    bool leader = false;
    std::set<int> partitions;
    std::vector<std::string> protocols = {"range", "roundrobin"}; // librdkafka's default
    // When it leads: the partitions of orders each member gets, by the members' ids (sorted).
    std::function<std::vector<std::vector<std::int32_t>>(const std::vector<std::string> &)> leaderAssigns;

    // JoinGroup (with the MEMBER_ID_REQUIRED round) then SyncGroup, stepping the run meanwhile.
    bool joinAndSync()
    {
        for (int attempt = 0; attempt < 2; ++attempt) {
            broker::JoinGroupRequest join;
            join.groupId = kGroup;
            join.sessionTimeoutMs = 10000;
            join.rebalanceTimeoutMs = 30000;
            join.memberId = memberId;
            join.protocolType = "consumer";
            broker::WireGroupSubscription s;
            s.topics = {kTopic};
            for (const std::string &name : protocols)
                join.protocols.push_back({name, broker::WireGroupConsumerProtocol::encodeSubscription(s)});
            broker::JoinGroupResponse r;
            if (!call(broker::ApiKey::JoinGroup, 5, join, broker::encodeJoinGroupRequest, r,
                      broker::decodeJoinGroupResponse))
                return false;
            memberId = r.memberId;
            if (r.errorCode == broker::ErrorCode::MemberIdRequired)
                continue;
            if (r.errorCode != broker::ErrorCode::None)
                return false;
            generation = r.generationId;
            leader = r.leader == r.memberId;
            broker::SyncGroupRequest sync{kGroup, generation, memberId, std::nullopt, {}};
            if (leader && leaderAssigns) {
                std::vector<std::string> ids;
                for (const broker::JoinGroupResponseMember &m : r.members)
                    ids.push_back(m.memberId);
                std::sort(ids.begin(), ids.end());
                const auto partitionsOf = leaderAssigns(ids);
                for (std::size_t i = 0; i < ids.size(); ++i) {
                    broker::WireGroupAssignment a;
                    a.assignedPartitions.push_back({kTopic, partitionsOf[i]});
                    sync.assignments.push_back(
                        {ids[i], broker::WireGroupConsumerProtocol::encodeAssignment(a)});
                }
            }
            broker::SyncGroupResponse sr;
            if (!call(broker::ApiKey::SyncGroup, 3, sync, broker::encodeSyncGroupRequest, sr,
                      broker::decodeSyncGroupResponse) ||
                sr.errorCode != broker::ErrorCode::None)
                return false;
            broker::WireGroupAssignment a;
            partitions.clear();
            if (!broker::WireGroupConsumerProtocol::decodeAssignment(sr.assignment, a))
                return false;
            for (const auto &tp : a.assignedPartitions)
                partitions.insert(tp.partitions.begin(), tp.partitions.end());
            return true;
        }
        return false;
    }
    // Heartbeats once a second for up to `seconds`; told of a rebalance, joins again.
    bool rejoinWhenTold(int seconds)
    {
        for (int second = 0; second < seconds; ++second) {
            for (int i = 0; i < 20; ++i)
                m_served.step();
            if (heartbeat() == broker::ErrorCode::RebalanceInProgress)
                return joinAndSync();
        }
        return false;
    }
    broker::ErrorCode heartbeat()
    {
        broker::HeartbeatRequest h{kGroup, generation, memberId, std::nullopt};
        broker::HeartbeatResponse r;
        call(broker::ApiKey::Heartbeat, 3, h, broker::encodeHeartbeatRequest, r,
             broker::decodeHeartbeatResponse);
        return r.errorCode;
    }
    // Commits the log end of every partition it owns: it "processed" everything there.
    std::map<int, std::int64_t> commitAll()
    {
        broker::OffsetCommitRequest c;
        c.groupId = kGroup;
        c.generationId = generation;
        c.memberId = memberId;
        broker::OffsetCommitRequestTopic t;
        t.name = kTopic;
        std::map<int, std::int64_t> committed;
        for (int p : partitions) {
            committed[p] = m_served.logEnd(p);
            t.partitions.push_back({p, committed[p], -1, -1, std::nullopt});
        }
        c.topics.push_back(t);
        broker::OffsetCommitResponse r;
        call(broker::ApiKey::OffsetCommit, 7, c, broker::encodeOffsetCommitRequest, r,
             broker::decodeOffsetCommitResponse);
        for (const auto &rt : r.topics)
            for (const auto &rp : rt.partitions)
                if (rp.errorCode != broker::ErrorCode::None)
                    committed.erase(rp.partitionIndex);
        return committed;
    }
    void leave()
    {
        broker::LeaveGroupRequest l{kGroup, {{memberId, std::nullopt}}};
        broker::LeaveGroupResponse r;
        call(broker::ApiKey::LeaveGroup, 3, l, broker::encodeLeaveGroupRequest, r,
             broker::decodeLeaveGroupResponse);
    }

private:
    // Sends one request as the server would (the bridge sees a JoinGroup first) and steps the run
    // until it is answered (at most 60 simulated seconds).
    template<typename Req, typename Enc, typename Resp, typename Dec>
    bool call(broker::ApiKey key, std::int16_t version, const Req &request, Enc encode, Resp &response,
              Dec decode)
    {
        broker::WireWriter w;
        encode(w, version, request);
        if (key == broker::ApiKey::JoinGroup)
            m_served.bridge.onJoinGroup(version, w.buffer());
        auto answer = std::make_shared<std::optional<std::vector<std::uint8_t>>>();
        if (!m_served.coordinator.handle(
                std::int16_t(key), version, w.buffer(), "learner", "/127.0.0.1",
                [answer](std::vector<std::uint8_t> body) { *answer = std::move(body); }))
            return false;
        for (int i = 0; i < 1200 && !*answer; ++i)
            m_served.step();
        if (!*answer)
            return false;
        broker::WireReader in(**answer);
        return decode(in, version, response);
    }

    Served &m_served;
};

} // namespace

class SharedGroupTest : public QObject
{
    Q_OBJECT

private slots:
    void aClientSharesTheGroupsPartitionsAndHandsThemBack();
    void aCrashedSimulatedMemberLeavesItsPartitionsToTheClient();
    void aClientInAnotherGroupChangesNothing();
    void aKafkaJsClientIsSeatedWithItsRoundRobinAssigner();
    void whenServingStopsTheGroupIsTheEnginesAgain();
    void aLeadingClientsBadAssignmentBreaksNothing();
};

void SharedGroupTest::aClientSharesTheGroupsPartitionsAndHandsThemBack()
{
    const double duration = 300;
    Simulation plain(servedScenario(duration));
    plain.run();

    Served served(duration);
    QVERIFY(served.architecture >= 0);
    QVERIFY(served.groups().groupIndex(kGroup) >= 0);
    while (served.simulation.now() < 30)
        served.step(0.5);
    QCOMPARE(served.simulatedPartitions().size(), std::size_t(kPartitions)); // two members read all six
    QVERIFY(!served.group().shared);

    QStringList said;
    served.bridge.setListener([&](const QString &text) { said << text; });
    Learner learner(served);
    QVERIFY(learner.joinAndSync());
    QVERIFY(served.bridge.isShared(kGroup));
    QCOMPARE(said.size(), 1);
    QVERIFY2(
        said.first().startsWith(QStringLiteral("Group inventory is the scenario's own: its 2 simulated")),
        qPrintable(said.first()));
    QVERIFY(!learner.leader); // the simulated members were there first: one of them leads
    // Range over three members of 6 partitions: two each, the learner's none of the others'.
    QCOMPARE(learner.partitions.size(), std::size_t(2));
    for (int i = 0; i < 100 && served.simulatedPartitions().size() != 4; ++i)
        served.step();
    const std::set<int> simulated = served.simulatedPartitions();
    QCOMPARE(simulated.size(), std::size_t(4));
    for (int p : learner.partitions) {
        QVERIFY(!simulated.contains(p));
        QCOMPARE(served.group().owner[std::size_t(p)], -1);
    }
    // Two simulated members, each with two partitions.
    for (const MemberRuntime &m : served.group().members)
        QCOMPARE(m.partitions.size(), std::size_t(2));

    // The learner reads and commits for a minute, heartbeating as a client does.
    std::map<int, std::int64_t> lastCommit;
    const std::int64_t processedBefore = served.group().processed[std::size_t(*simulated.begin())];
    for (int second = 0; second < 60; ++second) {
        for (int i = 0; i < 20; ++i)
            served.step();
        if (second % 3 == 0)
            QCOMPARE(learner.heartbeat(), broker::ErrorCode::None);
        if (second % 5 == 4)
            lastCommit = learner.commitAll();
    }
    for (int i = 0; i < 40; ++i)
        served.step(); // the bridge copies commits once a second
    QCOMPARE(lastCommit.size(), learner.partitions.size());
    for (const auto &[p, offset] : lastCommit) {
        QVERIFY(offset > 0);
        QCOMPARE(served.group().committed[std::size_t(p)], offset); // the group's lag counts from there
    }
    // The simulated members kept reading their own partitions meanwhile.
    QVERIFY(served.group().processed[std::size_t(*simulated.begin())] > processedBefore);

    // The learner leaves: the simulated members hear of the rebalance on their next heartbeat,
    // rejoin, and take all six back, starting on the learner's from its commits.
    learner.leave();
    for (int i = 0; i < 400 && served.simulatedPartitions().size() != kPartitions; ++i)
        served.step();
    QCOMPARE(served.simulatedPartitions().size(), std::size_t(kPartitions));
    for (const auto &[p, offset] : lastCommit) {
        QVERIFY(served.group().position[std::size_t(p)] >= offset);
        QVERIFY(served.group().processed[std::size_t(p)] >= offset);
    }

    served.simulation.run();
    const ArchitectureSummary &a = decoupled(plain.summary());
    const ArchitectureSummary &b = decoupled(served.simulation.summary());
    // Every order accounted for: the same orders placed; those whose record the learner committed
    // were settled by its commit, the rest by the simulated members.
    QVERIFY(b.conservation_ok);
    QCOMPARE(b.placed, a.placed);
    QCOMPARE(b.lost, quint64(0));
    QCOMPARE(b.completed + b.in_flight + b.failed, a.completed + a.in_flight + a.failed);
    QVERIFY(b.completed >= a.completed - 5);
    for (const GroupSummary &g : b.groups)
        QCOMPARE(g.end_lag, qint64(0));
}

void SharedGroupTest::aCrashedSimulatedMemberLeavesItsPartitionsToTheClient()
{
    Served served(400);
    while (served.simulation.now() < 20)
        served.step(0.5);
    Learner learner(served);
    QVERIFY(learner.joinAndSync());
    QCOMPARE(learner.partitions.size(), std::size_t(2));
    for (int i = 0; i < 100 && served.simulatedPartitions().size() != 4; ++i)
        served.step();

    // One of the two simulated consumers crashes for two minutes. Its session (45 s in the
    // scenario) expires on the coordinator, the group rebalances and the learner — heartbeating
    // — is told to rejoin: the survivors and the learner split the six partitions.
    const FaultSpec crash = served.crash(1, 120);
    QCOMPARE(served.simulatedPartitions().size(), std::size_t(2)); // the dead one's two are unread
    QVERIFY(learner.rejoinWhenTold(80));
    QVERIFY(served.simulation.now() > crash.at_s + 40);  // not before the session expired
    QCOMPARE(learner.partitions.size(), std::size_t(3)); // two members left: three each
    for (int i = 0; i < 100 && served.simulatedPartitions().size() != 3; ++i)
        served.step();
    const std::set<int> simulated = served.simulatedPartitions();
    QCOMPARE(simulated.size(), std::size_t(3));
    for (int p : learner.partitions)
        QVERIFY(!simulated.contains(p));
}

void SharedGroupTest::aClientInAnotherGroupChangesNothing()
{
    // A group id the scenario does not have stays the client's own.
    Served served(120);
    while (served.simulation.now() < 10)
        served.step(0.5);
    broker::JoinGroupRequest join;
    join.groupId = "my-own-group";
    join.sessionTimeoutMs = 10000;
    join.protocolType = "consumer";
    join.protocols = {{"range", {}}};
    broker::WireWriter w;
    broker::encodeJoinGroupRequest(w, 5, join);
    served.bridge.onJoinGroup(5, w.buffer());
    QVERIFY(!served.bridge.isShared("my-own-group"));
    QVERIFY(!served.group().shared);
    QCOMPARE(served.simulatedPartitions().size(), std::size_t(kPartitions));
}

void SharedGroupTest::aKafkaJsClientIsSeatedWithItsRoundRobinAssigner()
{
    // kafkajs offers only its "RoundRobinAssigner" (the consumer protocol's payloads under its
    // own name): the simulated members offer it too and assign round robin.
    Served served(120);
    while (served.simulation.now() < 10)
        served.step(0.5);
    Learner learner(served);
    learner.protocols = {"RoundRobinAssigner"};
    QVERIFY(learner.joinAndSync());
    QCOMPARE(learner.partitions.size(), std::size_t(2));
    for (int i = 0; i < 100 && served.simulatedPartitions().size() != 4; ++i)
        served.step();
    QCOMPARE(served.simulatedPartitions().size(), std::size_t(4));
    QCOMPARE(QString::fromLatin1(served.group().assignor->name().data()), QStringLiteral("roundrobin"));
    // Round robin over the members sorted by id: the learner ("learner-…") comes last of three.
    QCOMPARE(learner.partitions, (std::set<int>{2, 5}));
}

void SharedGroupTest::whenServingStopsTheGroupIsTheEnginesAgain()
{
    // The trainer stops accepting clients while the run goes on: the learner's partitions go back
    // to the simulated members from its last commit, and the group runs its own protocol again
    // (a crash is noticed when the session times out, and the survivor takes over).
    Served served(400);
    while (served.simulation.now() < 10)
        served.step(0.5);
    Learner learner(served);
    QVERIFY(learner.joinAndSync());
    for (int i = 0; i < 100 && served.simulatedPartitions().size() != 4; ++i)
        served.step();
    for (int i = 0; i < 100; ++i)
        served.step();
    const std::map<int, std::int64_t> commits = learner.commitAll();
    QCOMPARE(commits.size(), std::size_t(2));
    served.bridge.release();
    QVERIFY(!served.group().shared);
    QVERIFY(!served.bridge.isShared(kGroup));
    for (int i = 0; i < 100 && served.simulatedPartitions().size() != kPartitions; ++i)
        served.step();
    QCOMPARE(served.simulatedPartitions().size(), std::size_t(kPartitions));
    for (const auto &[p, offset] : commits)
        QVERIFY(served.group().processed[std::size_t(p)] >= offset);

    const FaultSpec crash = served.crash(1, 200);
    QCOMPARE(served.simulatedPartitions().size(), std::size_t(3));
    for (int i = 0; i < 1200 && served.simulatedPartitions().size() != kPartitions; ++i)
        served.step();
    QCOMPARE(served.simulatedPartitions().size(), std::size_t(kPartitions)); // the survivor reads all
    QVERIFY(served.simulation.now() > crash.at_s + 45);                      // after session.timeout.ms
}

void SharedGroupTest::aLeadingClientsBadAssignmentBreaksNothing()
{
    // Both simulated consumers are down when the learner joins: it is first in the group and
    // leads it. When they are back it hands out the partitions itself — badly: a partition the
    // topic lacks, a negative one, and partition 1 to both. The simulation keeps what makes sense:
    // each partition read by one member at most.
    Served served(300);
    while (served.simulation.now() < 10)
        served.step(0.5);
    const FaultSpec crash = served.crash(2, 30);
    QVERIFY(served.simulatedPartitions().empty());

    Learner learner(served);
    learner.leaderAssigns = [](const std::vector<std::string> &ids) {
        if (ids.size() == 1)
            return std::vector<std::vector<std::int32_t>>{{0, 1, 2, 3, 4, 5}};
        // inventory-consumer-000-…, inventory-consumer-001-…, learner-…
        return std::vector<std::vector<std::int32_t>>{{0, 1, 99, -1}, {1, 2}, {3, 4, 5}};
    };
    QVERIFY(learner.joinAndSync());
    QVERIFY(learner.leader);
    QCOMPARE(learner.partitions.size(), std::size_t(kPartitions));
    QVERIFY(learner.rejoinWhenTold(60));
    QVERIFY(learner.leader);
    for (int i = 0; i < 100 && served.simulatedPartitions().size() != 3; ++i)
        served.step();
    const GroupRuntime &g = served.group();
    QCOMPARE(g.members[0].partitions, (std::vector<int>{0, 1}));
    QCOMPARE(g.members[1].partitions, (std::vector<int>{2}));
    QCOMPARE(g.owner, (std::vector<int>{0, 0, 1, -1, -1, -1}));
    for (int i = 0; i < 200; ++i)
        served.step(); // and the run goes on
}

QTEST_GUILESS_MAIN(SharedGroupTest)
#include "tst_shared_group.moc"
