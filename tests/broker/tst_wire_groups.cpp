// Kafka consumer groups over the wire: a group of real-client-shaped members driven only through
// encoded JoinGroup / SyncGroup / Heartbeat / LeaveGroup / OffsetCommit / OffsetFetch / DescribeGroups /
// ListGroups bodies, the way librdkafka or the Java consumer talks to a Kafka group coordinator.

#include "tst_wire_group_client.h"

#include <QtTest>

#include <limits>

using namespace postoffice::broker;
using postoffice::broker::test::GroupWire;
using postoffice::broker::test::Slot;

namespace {

WireGroupConfig noInitialDelay()
{
    WireGroupConfig c;
    c.initialRebalanceDelayMs = 0;
    return c;
}

std::vector<std::int32_t> partitionsOf(const WireGroupMemberInfo &m, const std::string &topic)
{
    for (const WireGroupTopicPartitions &tp : m.assignedPartitions)
        if (tp.topic == topic)
            return tp.partitions;
    return {};
}

} // namespace

class TestWireGroups : public QObject
{
    Q_OBJECT

private slots:
    // The scene of a consumer group starting: two consumers of "orders" arrive, are told to come back
    // with a member id, wait the initial rebalance delay together, and the first one to join is the
    // leader that receives both subscriptions and hands out the partitions.
    void twoConsumersFormAGroup()
    {
        GroupWire w; // group.initial.rebalance.delay.ms = 3000 (Kafka's default)
        QStringList events;
        std::vector<WireGroupEvent> raw;
        w.coordinator.setListener([&](const WireGroupEvent &e) {
            events << QString::fromStdString(e.text);
            raw.push_back(e);
        });

        Slot a0 = w.join("orders-app", "", "consumer-a", {"orders"});
        JoinGroupResponse ra0 = w.joinResponse(a0);
        QCOMPARE(ra0.errorCode, ErrorCode::MemberIdRequired);
        QCOMPARE(ra0.memberId, std::string("consumer-a-1"));
        QCOMPARE(ra0.generationId, -1);
        Slot b0 = w.join("orders-app", "", "consumer-b", {"orders"});
        JoinGroupResponse rb0 = w.joinResponse(b0);
        QCOMPARE(rb0.errorCode, ErrorCode::MemberIdRequired);
        QCOMPARE(rb0.memberId, std::string("consumer-b-2"));
        // A member id handed out is not a member yet.
        QCOMPARE(w.coordinator.group("orders-app")->members.size(), std::size_t(0));
        QCOMPARE(w.coordinator.group("orders-app")->pendingMembers, std::size_t(2));

        Slot a = w.join("orders-app", ra0.memberId, "consumer-a", {"orders"});
        w.clock.advanceMs(100);
        Slot b = w.join("orders-app", rb0.memberId, "consumer-b", {"orders"});
        QVERIFY(!a->replied() && !b->replied());
        QCOMPARE(w.coordinator.group("orders-app")->state, WireGroupState::PreparingRebalance);
        // The first delay ends at 3000 ms but a newcomer arrived during it: Kafka waits one more delay.
        w.advanceTo(3000);
        QVERIFY(!a->replied() && !b->replied());
        QCOMPARE(*w.coordinator.nextDeadlineMs(), std::int64_t(6000));
        w.advanceTo(6000);
        QVERIFY(a->replied() && b->replied());

        const JoinGroupResponse ra = w.joinResponse(a);
        const JoinGroupResponse rb = w.joinResponse(b);
        QCOMPARE(ra.errorCode, ErrorCode::None);
        QCOMPARE(rb.errorCode, ErrorCode::None);
        QCOMPARE(ra.generationId, 1);
        QCOMPARE(rb.generationId, 1);
        QCOMPARE(ra.leader, std::string("consumer-a-1"));
        QCOMPARE(rb.leader, std::string("consumer-a-1"));
        QCOMPARE(ra.protocolName, std::string("range"));
        // The leader sees every member's subscription; a follower sees nobody.
        QCOMPARE(ra.members.size(), std::size_t(2));
        QCOMPARE(ra.members[0].memberId, std::string("consumer-a-1"));
        QCOMPARE(ra.members[1].memberId, std::string("consumer-b-2"));
        WireGroupSubscription sub;
        QVERIFY(WireGroupConsumerProtocol::decodeSubscription(ra.members[1].metadata, sub));
        QCOMPARE(sub.topics, std::vector<std::string>{"orders"});
        QVERIFY(rb.members.empty());
        QCOMPARE(w.coordinator.group("orders-app")->state, WireGroupState::CompletingRebalance);

        // The follower asks for its assignment first and waits for the leader's.
        Slot sb = w.sync("orders-app", 1, "consumer-b-2", {});
        QVERIFY(!sb->replied());
        Slot sa = w.sync("orders-app", 1, "consumer-a-1",
                         {{"consumer-a-1", GroupWire::assignment({{"orders", {0, 1}}})},
                          {"consumer-b-2", GroupWire::assignment({{"orders", {2}}})}});
        QCOMPARE(w.syncResponse(sa).errorCode, ErrorCode::None);
        QCOMPARE(w.syncResponse(sb).errorCode, ErrorCode::None);
        WireGroupAssignment got;
        QVERIFY(WireGroupConsumerProtocol::decodeAssignment(w.syncResponse(sb).assignment, got));
        QCOMPARE(got.assignedPartitions.size(), std::size_t(1));
        QCOMPARE(got.assignedPartitions[0].partitions, std::vector<std::int32_t>{2});
        QVERIFY(WireGroupConsumerProtocol::decodeAssignment(w.syncResponse(sa).assignment, got));
        QCOMPARE(got.assignedPartitions[0].partitions, (std::vector<std::int32_t>{0, 1}));

        // What the GUI shows.
        const WireGroupInfo info = *w.coordinator.group("orders-app");
        QCOMPARE(info.state, WireGroupState::Stable);
        QCOMPARE(info.generation, 1);
        QCOMPARE(info.protocolType, std::string("consumer"));
        QCOMPARE(info.protocolName, std::string("range"));
        QCOMPARE(info.leaderId, std::string("consumer-a-1"));
        QCOMPARE(info.members.size(), std::size_t(2));
        QVERIFY(info.members[0].leader);
        QCOMPARE(info.members[1].clientId, std::string("consumer-b"));
        QCOMPARE(info.members[1].clientHost, std::string("/127.0.0.1"));
        QCOMPARE(info.members[1].subscribedTopics, std::vector<std::string>{"orders"});
        QCOMPARE(partitionsOf(info.members[0], "orders"), (std::vector<std::int32_t>{0, 1}));
        QCOMPARE(partitionsOf(info.members[1], "orders"), std::vector<std::int32_t>{2});

        // What the event log shows, in order.
        QCOMPARE(events.size(), 5);
        QVERIFY(events[0].contains("consumer-a-1") && events[0].contains("joined group orders-app"));
        QVERIFY(events[1].contains("rebalancing"));
        QVERIFY(events[2].contains("consumer-b-2") && events[2].contains("joined"));
        QVERIFY(events[3].contains("generation 1 with 2 members"));
        QVERIFY(events[4].contains("stable at generation 1"));
        QCOMPARE(raw[0].kind, WireGroupEvent::Kind::MemberJoined);
        QCOMPARE(raw[0].clientId, std::string("consumer-a"));
        QCOMPARE(raw[1].kind, WireGroupEvent::Kind::RebalanceStarted);
        QCOMPARE(raw[3].kind, WireGroupEvent::Kind::RebalanceCompleted);
        QCOMPARE(raw[3].generation, 1);
        QCOMPARE(raw[3].memberCount, 2);
        QCOMPARE(raw[3].timeMs, std::int64_t(6000));
        QCOMPARE(raw[4].kind, WireGroupEvent::Kind::GroupStable);
        w.verifyEveryRequestAnsweredOnce();
    }

    void heartbeatsTellMembersOfARebalance()
    {
        GroupWire w;
        w.formStableGroup("g", {"a", "b"});
        QCOMPARE(w.heartbeat("g", 1, "a-1"), ErrorCode::None);
        QCOMPARE(w.heartbeat("g", 1, "b-2"), ErrorCode::None);

        // A third consumer arrives: the group rebalances and the others hear of it on their heartbeat.
        Slot c0 = w.join("g", "", "c", {"orders"});
        Slot c = w.join("g", w.joinResponse(c0).memberId, "c", {"orders"});
        QVERIFY(!c->replied());
        QCOMPARE(w.coordinator.group("g")->state, WireGroupState::PreparingRebalance);
        QCOMPARE(w.heartbeat("g", 1, "a-1"), ErrorCode::RebalanceInProgress);
        QCOMPARE(w.heartbeat("g", 1, "b-2"), ErrorCode::RebalanceInProgress);
        // A SyncGroup of the old generation during the rebalance is told the same.
        QCOMPARE(w.syncResponse(w.sync("g", 1, "b-2", {})).errorCode, ErrorCode::RebalanceInProgress);
        // Commits of the current generation still count while the group is preparing (Kafka allows them).
        QCOMPARE(w.commit("g", 1, "a-1", "orders", 0, 42), ErrorCode::None);

        Slot a = w.join("g", "a-1", "a", {"orders"});
        QVERIFY(!a->replied());
        Slot b = w.join("g", "b-2", "b", {"orders"});
        QVERIFY(a->replied() && b->replied() && c->replied());
        QCOMPARE(w.joinResponse(a).generationId, 2);
        QCOMPARE(w.joinResponse(a).members.size(), std::size_t(3));
        QCOMPARE(w.joinResponse(c).leader, std::string("a-1"));
        // A heartbeat of the old generation is now illegal; the new one is fine.
        QCOMPARE(w.heartbeat("g", 1, "a-1"), ErrorCode::IllegalGeneration);
        QCOMPARE(w.heartbeat("g", 2, "a-1"), ErrorCode::None);
        QCOMPARE(w.heartbeat("g", 2, "nobody-9"), ErrorCode::UnknownMemberId);
        QCOMPARE(w.heartbeat("other", 2, "a-1"), ErrorCode::UnknownMemberId);
        w.verifyEveryRequestAnsweredOnce();
    }

    void aSilentMemberIsExpiredAndTheOtherRejoinsAlone()
    {
        GroupWire w;
        QList<WireGroupEvent::Kind> kinds;
        w.coordinator.setListener([&](const WireGroupEvent &e) { kinds << e.kind; });
        w.formStableGroup("g", {"a", "b"}, 10000);
        kinds.clear();
        const std::int64_t t0 = w.clock.nowMs(); // the group became stable
        // a heartbeats every 3 s; b has crashed.
        for (int i = 0; i < 3; ++i) {
            w.advanceTo(w.clock.nowMs() + 3000);
            QCOMPARE(w.heartbeat("g", 1, "a-1"), ErrorCode::None);
        }
        QCOMPARE(w.coordinator.group("g")->members.size(), std::size_t(2));
        QCOMPARE(*w.coordinator.nextDeadlineMs(), t0 + 10000); // b's session.timeout.ms
        w.advanceTo(t0 + 9999);
        QCOMPARE(w.coordinator.group("g")->members.size(), std::size_t(2));
        w.advanceTo(t0 + 10000);
        QCOMPARE(w.coordinator.group("g")->members.size(), std::size_t(1));
        QCOMPARE(w.coordinator.group("g")->state, WireGroupState::PreparingRebalance);
        QCOMPARE(kinds.value(0), WireGroupEvent::Kind::MemberExpired);
        QCOMPARE(kinds.value(1), WireGroupEvent::Kind::RebalanceStarted);

        QCOMPARE(w.heartbeat("g", 1, "a-1"), ErrorCode::RebalanceInProgress);
        Slot a = w.join("g", "a-1", "a", {"orders"});
        const JoinGroupResponse r = w.joinResponse(a);
        QCOMPARE(r.errorCode, ErrorCode::None);
        QCOMPARE(r.generationId, 2);
        QCOMPARE(r.leader, std::string("a-1"));
        QCOMPARE(r.members.size(), std::size_t(1));
        // The expired member learns it is out when it comes back.
        QCOMPARE(w.heartbeat("g", 1, "b-2"), ErrorCode::UnknownMemberId);
        QCOMPARE(w.joinResponse(w.join("g", "b-2", "b", {"orders"})).errorCode, ErrorCode::UnknownMemberId);
        w.verifyEveryRequestAnsweredOnce();
    }

    void aLeavingMemberTriggersARebalance_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("LeaveGroup v0") << 0;
        QTest::newRow("LeaveGroup v3 (members array)") << 3;
    }
    void aLeavingMemberTriggersARebalance()
    {
        QFETCH(int, version);
        GroupWire w;
        w.formStableGroup("g", {"a", "b"});
        const LeaveGroupResponse left = w.leave("g", {"b-2"}, std::int16_t(version));
        QCOMPARE(left.errorCode, ErrorCode::None);
        if (version >= 3) {
            QCOMPARE(left.members.size(), std::size_t(1));
            QCOMPARE(left.members[0].memberId, std::string("b-2"));
            QCOMPARE(left.members[0].errorCode, ErrorCode::None);
        }
        QCOMPARE(w.coordinator.group("g")->state, WireGroupState::PreparingRebalance);
        QCOMPARE(w.heartbeat("g", 1, "a-1"), ErrorCode::RebalanceInProgress);
        const JoinGroupResponse r = w.joinResponse(w.join("g", "a-1", "a", {"orders"}));
        QCOMPARE(r.generationId, 2);
        QCOMPARE(r.members.size(), std::size_t(1));

        // Leaving twice, or a group nobody knows: UNKNOWN_MEMBER_ID (per member from v3 on).
        const LeaveGroupResponse again = w.leave("g", {"b-2"}, std::int16_t(version));
        if (version >= 3) {
            QCOMPARE(again.errorCode, ErrorCode::None);
            QCOMPARE(again.members[0].errorCode, ErrorCode::UnknownMemberId);
        } else {
            QCOMPARE(again.errorCode, ErrorCode::UnknownMemberId);
        }
        // The last member leaving empties the group at the next generation.
        QCOMPARE(w.leave("g", {"a-1"}, std::int16_t(version)).errorCode, ErrorCode::None);
        QCOMPARE(w.coordinator.group("g")->state, WireGroupState::Empty);
        QCOMPARE(w.coordinator.group("g")->generation, 3);
        w.verifyEveryRequestAnsweredOnce();
    }

    void leaveGroupV3RemovesSeveralMembersAtOnce()
    {
        GroupWire w;
        w.formStableGroup("g", {"a", "b", "c"});
        const LeaveGroupResponse left = w.leave("g", {"a-1", "c-3", "ghost-7"}, 3);
        QCOMPARE(left.members.size(), std::size_t(3));
        QCOMPARE(left.members[0].errorCode, ErrorCode::None);
        QCOMPARE(left.members[1].errorCode, ErrorCode::None);
        QCOMPARE(left.members[2].errorCode, ErrorCode::UnknownMemberId);
        const WireGroupInfo g = *w.coordinator.group("g");
        QCOMPARE(g.members.size(), std::size_t(1));
        // The leader left: the next member in join order leads.
        QCOMPARE(g.leaderId, std::string("b-2"));
        w.verifyEveryRequestAnsweredOnce();
    }

    void membersThatDoNotRejoinInTimeAreRemoved()
    {
        GroupWire w;
        // session.timeout.ms 30 s, rebalance.timeout.ms (max.poll.interval.ms) 5 s
        w.formStableGroup("g", {"a", "b"}, 30000, 5000);
        Slot c0 = w.join("g", "", "c", {"orders"}, 30000, 5000);
        Slot c = w.join("g", w.joinResponse(c0).memberId, "c", {"orders"}, 30000, 5000);
        const std::int64_t t0 = w.clock.nowMs();
        Slot a = w.join("g", "a-1", "a", {"orders"}, 30000, 5000);
        // b is stuck in a long poll and never rejoins.
        w.advanceTo(t0 + 4999);
        QVERIFY(!a->replied());
        w.advanceTo(t0 + 5000);
        QVERIFY(a->replied() && c->replied());
        const JoinGroupResponse r = w.joinResponse(a);
        QCOMPARE(r.generationId, 2);
        QCOMPARE(r.members.size(), std::size_t(2));
        QCOMPARE(r.members[1].memberId, std::string("c-3"));
        QCOMPARE(w.coordinator.group("g")->members.size(), std::size_t(2));
        QCOMPARE(w.heartbeat("g", 1, "b-2"), ErrorCode::UnknownMemberId);
        w.verifyEveryRequestAnsweredOnce();
    }

    void aMemberThatNeverFetchesItsAssignmentIsRemoved()
    {
        GroupWire w;
        Slot a = w.joinTwice("g", "a", {"orders"}, 30000, 5000);
        QCOMPARE(w.joinResponse(a).generationId, 1);
        // Kafka 3.x: members must SyncGroup within the rebalance timeout after the join phase.
        const std::int64_t t0 = w.clock.nowMs();
        w.advanceTo(t0 + 4999);
        QCOMPARE(w.coordinator.group("g")->members.size(), std::size_t(1));
        w.advanceTo(t0 + 5000);
        QCOMPARE(w.coordinator.group("g")->members.size(), std::size_t(0));
        QCOMPARE(w.coordinator.group("g")->state, WireGroupState::Empty);
        QCOMPARE(w.coordinator.group("g")->generation, 2);
        w.verifyEveryRequestAnsweredOnce();
    }

    void aMemberIdNeverUsedExpires()
    {
        GroupWire w;
        w.formStableGroup("g", {"a"}, 10000);
        const std::int64_t t0 = w.clock.nowMs();
        // A client is given an id (MEMBER_ID_REQUIRED) and dies before using it.
        QCOMPARE(w.joinResponse(w.join("g", "", "x", {"orders"})).errorCode, ErrorCode::MemberIdRequired);
        QCOMPARE(w.coordinator.group("g")->pendingMembers, std::size_t(1));
        // The leader rejoins: the join phase waits for the pending member, as Kafka does...
        Slot a = w.join("g", "a-1", "a", {"orders"}, 10000, 60000);
        QVERIFY(!a->replied());
        // ...until its session.timeout.ms ends its claim.
        w.advanceTo(t0 + 9999);
        QVERIFY(!a->replied());
        w.advanceTo(t0 + 10000);
        QVERIFY(a->replied());
        QCOMPARE(w.joinResponse(a).generationId, 2);
        QCOMPARE(w.coordinator.group("g")->pendingMembers, std::size_t(0));
        w.verifyEveryRequestAnsweredOnce();
    }

    void oldClientsJoinWithoutTheMemberIdRound()
    {
        GroupWire w(noInitialDelay());
        for (std::int16_t version = 0; version <= 3; ++version) {
            // Appended, not "g" + …: GCC 12's -Wrestrict misreads that operator+ at -O3.
            const std::string group = std::string("g").append(std::to_string(version));
            const JoinGroupResponse r =
                w.joinResponse(w.join(group, "", "old", {"orders"}, 10000, 10000, version));
            QCOMPARE(r.errorCode, ErrorCode::None);
            QCOMPARE(r.generationId, 1);
            QCOMPARE(r.leader, r.memberId);
        }
        // v0 has no rebalance timeout: the session timeout stands in for it, as in Kafka.
        const JoinGroupResponse v0 = w.joinResponse(w.join("v0", "", "old", {"orders"}, 7000, 99999, 0));
        QCOMPARE(v0.errorCode, ErrorCode::None);
        QCOMPARE(w.coordinator.group("v0")->members.at(0).rebalanceTimeoutMs, 7000);
        const JoinGroupResponse v1 = w.joinResponse(w.join("v1", "", "old", {"orders"}, 7000, 99999, 1));
        QCOMPARE(w.coordinator.group("v1")->members.at(0).rebalanceTimeoutMs, 99999);
        QCOMPARE(v1.errorCode, ErrorCode::None);
        w.verifyEveryRequestAnsweredOnce();
    }

    void joinRequestsKafkaRefuses()
    {
        GroupWire w(noInitialDelay());
        QCOMPARE(w.joinResponse(w.join("", "", "a", {"orders"})).errorCode, ErrorCode::InvalidGroupId);
        // group.min.session.timeout.ms is 6000, group.max.session.timeout.ms 1800000.
        QCOMPARE(w.joinResponse(w.join("g", "", "a", {"orders"}, 5999)).errorCode,
                 ErrorCode::InvalidSessionTimeout);
        QCOMPARE(w.joinResponse(w.join("g", "", "a", {"orders"}, 1800001)).errorCode,
                 ErrorCode::InvalidSessionTimeout);
        // A member id the coordinator never gave.
        QCOMPARE(w.joinResponse(w.join("g", "made-up-1", "a", {"orders"})).errorCode,
                 ErrorCode::UnknownMemberId);
        // Nothing was left behind by the refusals.
        QVERIFY(w.coordinator.groupIds().empty());

        w.formStableGroup("g", {"a"});
        // Another protocol type, or no assignor in common with the group.
        JoinGroupRequest other = w.joinRequest("g", "", {"orders"});
        other.protocolType = "connect";
        QCOMPARE(w.joinResponse(w.joinRaw(other, "x", 5)).errorCode, ErrorCode::InconsistentGroupProtocol);
        JoinGroupRequest sticky = w.joinRequest("g", "", {"orders"});
        sticky.protocols = {{"cooperative-sticky", GroupWire::subscription({"orders"})}};
        QCOMPARE(w.joinResponse(w.joinRaw(sticky, "x", 5)).errorCode, ErrorCode::InconsistentGroupProtocol);
        w.verifyEveryRequestAnsweredOnce();
    }

    // Kafka's choice of assignor: among those every member supports, the one most members prefer.
    void theProtocolIsChosenByVote()
    {
        GroupWire w; // with the initial delay so all three are in the first generation
        auto joinWith = [&](const std::string &client, std::vector<std::string> prefs) {
            JoinGroupRequest req = w.joinRequest("g", "", {"orders"});
            req.protocols.clear();
            for (const std::string &p : prefs)
                req.protocols.push_back({p, GroupWire::subscription({"orders"})});
            req.memberId = w.joinResponse(w.joinRaw(req, client, 5)).memberId;
            return w.joinRaw(req, client, 5);
        };
        Slot a = joinWith("a", {"range", "roundrobin", "sticky"});
        Slot b = joinWith("b", {"roundrobin", "range"});
        Slot c = joinWith("c", {"roundrobin", "range", "sticky"});
        w.advanceTo(6000);
        QCOMPARE(w.joinResponse(a).protocolName, std::string("roundrobin"));
        QCOMPARE(w.joinResponse(b).protocolName, std::string("roundrobin"));
        // The leader receives each member's metadata for the chosen protocol.
        QCOMPARE(w.joinResponse(a).members.size(), std::size_t(3));
        QCOMPARE(w.joinResponse(c).members.size(), std::size_t(0));
        w.verifyEveryRequestAnsweredOnce();
    }

    void aLostJoinResponseIsAnsweredAgain()
    {
        GroupWire w;
        Slot a = w.joinTwice("g", "a", {"orders"});
        QCOMPARE(w.joinResponse(a).generationId, 1);
        // Same metadata while CompletingRebalance: the same generation again, no new rebalance.
        const JoinGroupResponse again = w.joinResponse(w.join("g", "a-1", "a", {"orders"}));
        QCOMPARE(again.generationId, 1);
        QCOMPARE(again.members.size(), std::size_t(1));
        QCOMPARE(w.coordinator.group("g")->state, WireGroupState::CompletingRebalance);
        // A follower of a stable group rejoining with unchanged metadata also gets the current generation.
        w.formStableGroup("h", {"x", "y"});
        const JoinGroupResponse follower = w.joinResponse(w.join("h", "y-3", "y", {"orders"}));
        QCOMPARE(follower.generationId, 1);
        QCOMPARE(w.coordinator.group("h")->state, WireGroupState::Stable);
        // A changed subscription rebalances.
        Slot changed = w.join("h", "y-3", "y", {"orders", "payments"});
        QVERIFY(!changed->replied());
        QCOMPARE(w.coordinator.group("h")->state, WireGroupState::PreparingRebalance);
        w.verifyEveryRequestAnsweredOnce();
    }

    void aSecondJoinWhileTheFirstWaitsAnswersTheFirst()
    {
        // Two JoinGroups of the same member in flight (a client retrying on another connection):
        // each request still gets exactly one answer; the older is told to rejoin.
        GroupWire w;
        w.formStableGroup("g", {"a", "b"});
        Slot first = w.join("g", "b-2", "b", {"orders", "payments"});
        QVERIFY(!first->replied());
        Slot second = w.join("g", "b-2", "b", {"orders", "payments"});
        QCOMPARE(w.joinResponse(first).errorCode, ErrorCode::RebalanceInProgress);
        QVERIFY(!second->replied());
        w.join("g", "a-1", "a", {"orders"});
        QCOMPARE(w.joinResponse(second).generationId, 2);
        w.verifyEveryRequestAnsweredOnce();
    }

    void syncGroupErrors()
    {
        GroupWire w;
        w.formStableGroup("g", {"a", "b"});
        QCOMPARE(w.syncResponse(w.sync("g", 0, "a-1", {})).errorCode, ErrorCode::IllegalGeneration);
        QCOMPARE(w.syncResponse(w.sync("g", 1, "ghost-1", {})).errorCode, ErrorCode::UnknownMemberId);
        QCOMPARE(w.syncResponse(w.sync("nope", 1, "a-1", {})).errorCode, ErrorCode::UnknownMemberId);
        QCOMPARE(w.syncResponse(w.sync("", 1, "a-1", {})).errorCode, ErrorCode::InvalidGroupId);
        // Stable: a SyncGroup returns the member's current assignment again.
        WireGroupAssignment got;
        QVERIFY(WireGroupConsumerProtocol::decodeAssignment(
            w.syncResponse(w.sync("g", 1, "b-2", {})).assignment, got));
        QCOMPARE(got.assignedPartitions.at(0).partitions, std::vector<std::int32_t>{1});
        w.verifyEveryRequestAnsweredOnce();
    }

    void aRebalanceDuringSyncAnswersTheWaitingFollowers()
    {
        GroupWire w;
        w.formStableGroup("g", {"a", "b"});
        // Leader rejoins → generation 2 with both once b rejoins too.
        Slot a = w.join("g", "a-1", "a", {"orders"});
        Slot b = w.join("g", "b-2", "b", {"orders"});
        QCOMPARE(w.joinResponse(b).generationId, 2);
        // Between the join and the assignment, commits are refused: the member owns nothing yet.
        QCOMPARE(w.commit("g", 2, "a-1", "orders", 0, 1), ErrorCode::RebalanceInProgress);
        Slot sb = w.sync("g", 2, "b-2", {});
        QVERIFY(!sb->replied());
        // Before the leader's assignment, a newcomer: the waiting follower is told to rejoin.
        Slot c0 = w.join("g", "", "c", {"orders"});
        w.join("g", w.joinResponse(c0).memberId, "c", {"orders"});
        QVERIFY(sb->replied());
        QCOMPARE(w.syncResponse(sb).errorCode, ErrorCode::RebalanceInProgress);
        QCOMPARE(w.joinResponse(a).generationId, 2);
        w.verifyEveryRequestAnsweredOnce();
    }

    void committedOffsetsSurviveAndAreFetched()
    {
        GroupWire w;
        w.formStableGroup("g", {"a", "b"});
        QCOMPARE(w.commit("g", 1, "a-1", "orders", 0, 120, "checkpoint"), ErrorCode::None);
        QCOMPARE(w.commit("g", 1, "b-2", "orders", 1, 7), ErrorCode::None);
        QCOMPARE(w.commit("g", 1, "b-2", "payments", 0, 3), ErrorCode::None);
        // Members of another generation, or strangers, may not commit.
        QCOMPARE(w.commit("g", 0, "a-1", "orders", 0, 999), ErrorCode::IllegalGeneration);
        QCOMPARE(w.commit("g", 1, "ghost-5", "orders", 0, 999), ErrorCode::UnknownMemberId);
        QCOMPARE(w.commit("g", -1, "", "orders", 0, 999), ErrorCode::UnknownMemberId);
        QCOMPARE(w.commit("nobody", 3, "x-1", "orders", 0, 999), ErrorCode::IllegalGeneration);
        // offset.metadata.max.bytes
        QCOMPARE(w.commit("g", 1, "a-1", "orders", 0, 999, std::string(4097, 'x')),
                 ErrorCode::OffsetMetadataTooLarge);

        for (std::int16_t version : {std::int16_t(1), std::int16_t(5)}) {
            const OffsetFetchResponse r = w.fetchOffsets("g", {{"orders", {0, 1, 2}}}, version);
            QCOMPARE(r.errorCode, ErrorCode::None);
            QCOMPARE(r.topics.size(), std::size_t(1));
            QCOMPARE(r.topics[0].partitions.size(), std::size_t(3));
            QCOMPARE(r.topics[0].partitions[0].committedOffset, std::int64_t(120));
            QCOMPARE(r.topics[0].partitions[0].metadata, std::optional<std::string>("checkpoint"));
            QCOMPARE(r.topics[0].partitions[1].committedOffset, std::int64_t(7));
            QCOMPARE(r.topics[0].partitions[2].committedOffset, std::int64_t(-1)); // never committed
            QCOMPARE(r.topics[0].partitions[2].errorCode, ErrorCode::None);
        }
        // v2+: null topics = every committed offset of the group.
        const OffsetFetchResponse all = w.fetchAllOffsets("g", 2);
        QCOMPARE(all.topics.size(), std::size_t(2));
        QCOMPARE(all.topics[0].name, std::string("orders"));
        QCOMPARE(all.topics[0].partitions.size(), std::size_t(2));
        QCOMPARE(all.topics[1].name, std::string("payments"));
        QCOMPARE(all.topics[1].partitions[0].committedOffset, std::int64_t(3));
        // An unknown group: -1 everywhere, no error (Kafka's answer).
        QCOMPARE(w.fetchOffsets("nobody", {{"orders", {0}}}, 5).topics[0].partitions[0].committedOffset,
                 std::int64_t(-1));

        // Everyone leaves; the offsets stay for the next consumers of the group.
        w.leave("g", {"a-1", "b-2"}, 3);
        QCOMPARE(w.coordinator.group("g")->state, WireGroupState::Empty);
        QCOMPARE(*w.coordinator.committedOffset("g", "orders", 0), std::int64_t(120));
        QCOMPARE(w.fetchOffsets("g", {{"orders", {0}}}, 3).topics[0].partitions[0].committedOffset,
                 std::int64_t(120));
        // A standalone consumer (assign(), generation -1) may commit to the empty group.
        QCOMPARE(w.commit("g", -1, "", "orders", 0, 130), ErrorCode::None);
        QCOMPARE(w.commit("standalone", -1, "", "orders", 2, 5, {}, 0), ErrorCode::None);
        QCOMPARE(*w.coordinator.committedOffset("standalone", "orders", 2), std::int64_t(5));
        const auto offsets = w.coordinator.committedOffsets("g");
        QCOMPARE(offsets.size(), std::size_t(3));
        QCOMPARE(offsets[0].offset, std::int64_t(130));
        QCOMPARE(offsets[0].metadata, std::string());
        w.verifyEveryRequestAnsweredOnce();
    }

    void theServerCanRefuseCommitsForUnknownPartitions()
    {
        GroupWire w(noInitialDelay());
        w.coordinator.setCommitValidator([](const std::string &topic, std::int32_t partition) {
            return topic == "orders" && partition < 3 ? ErrorCode::None : ErrorCode::UnknownTopicOrPartition;
        });
        QCOMPARE(w.commit("g", -1, "", "orders", 2, 5), ErrorCode::None);
        QCOMPARE(w.commit("g", -1, "", "orders", 3, 5), ErrorCode::UnknownTopicOrPartition);
        QCOMPARE(w.commit("g", -1, "", "missing", 0, 5), ErrorCode::UnknownTopicOrPartition);
        QCOMPARE(w.coordinator.committedOffsets("g").size(), std::size_t(1));
        w.verifyEveryRequestAnsweredOnce();
    }

    void describeAndListShowTheGroups()
    {
        GroupWire w;
        // Unknown: Dead, as Kafka says.
        DescribeGroupsResponse d = w.describe({"g"}, 4);
        QCOMPARE(d.groups.size(), std::size_t(1));
        QCOMPARE(d.groups[0].errorCode, ErrorCode::None);
        QCOMPARE(d.groups[0].groupState, std::string("Dead"));
        QCOMPARE(w.listGroups(2).groups.size(), std::size_t(0));

        w.formStableGroup("g", {"a", "b"});
        d = w.describe({"g"}, 4, true);
        const DescribedGroup &g = d.groups[0];
        QCOMPARE(g.groupState, std::string("Stable"));
        QCOMPARE(g.protocolType, std::string("consumer"));
        QCOMPARE(g.protocolData, std::string("range"));
        QCOMPARE(g.members.size(), std::size_t(2));
        QCOMPARE(g.members[0].memberId, std::string("a-1"));
        QCOMPARE(g.members[0].clientId, std::string("a"));
        QCOMPARE(g.members[0].clientHost, std::string("/127.0.0.1"));
        QCOMPARE(g.members[1].memberMetadata, GroupWire::subscription({"orders"}));
        WireGroupAssignment got;
        QVERIFY(WireGroupConsumerProtocol::decodeAssignment(g.members[1].memberAssignment, got));
        QCOMPARE(got.assignedPartitions.at(0).partitions, std::vector<std::int32_t>{1});
        QVERIFY(g.authorizedOperations != std::numeric_limits<std::int32_t>::min());

        // While rebalancing: members listed, without metadata, assignment or protocol.
        w.join("g", "a-1", "a", {"orders"});
        d = w.describe({"g", "unknown"}, 0);
        QCOMPARE(d.groups[0].groupState, std::string("PreparingRebalance"));
        QCOMPARE(d.groups[0].protocolData, std::string());
        QCOMPARE(d.groups[0].members.size(), std::size_t(2));
        QVERIFY(d.groups[0].members[0].memberMetadata.empty());
        QVERIFY(d.groups[0].members[0].memberAssignment.empty());
        QCOMPARE(d.groups[1].groupState, std::string("Dead"));
        w.join("g", "b-2", "b", {"orders"});
        QCOMPARE(w.describe({"g"}, 2).groups[0].groupState, std::string("CompletingRebalance"));

        w.commit("offsets-only", -1, "", "orders", 0, 1);
        for (std::int16_t version = kListGroupsMinVersion; version <= kListGroupsMaxVersion; ++version) {
            const ListGroupsResponse l = w.listGroups(version);
            QCOMPARE(l.errorCode, ErrorCode::None);
            QCOMPARE(l.groups.size(), std::size_t(2));
            QCOMPARE(l.groups[0].groupId, std::string("g"));
            QCOMPARE(l.groups[0].protocolType, std::string("consumer"));
            QCOMPARE(l.groups[1].groupId, std::string("offsets-only"));
            QCOMPARE(l.groups[1].protocolType, std::string());
        }
        w.leave("g", {"a-1", "b-2"}, 3);
        QCOMPARE(w.describe({"g"}, 1).groups[0].groupState, std::string("Empty"));
        w.verifyEveryRequestAnsweredOnce();
    }

    void staticMembersSkipTheIdRoundAndFenceTheirOldSelf()
    {
        GroupWire w(noInitialDelay());
        JoinGroupRequest req = w.joinRequest("g", "", {"orders"});
        req.groupInstanceId = "pod-0";
        const JoinGroupResponse first = w.joinResponse(w.joinRaw(req, "a", 5));
        QCOMPARE(first.errorCode, ErrorCode::None);
        QCOMPARE(first.memberId, std::string("pod-0-1"));
        QCOMPARE(first.members.at(0).groupInstanceId, std::optional<std::string>("pod-0"));
        QCOMPARE(w.syncResponse(w.sync("g", 1, "pod-0-1", {{"pod-0-1", {}}}, "pod-0")).errorCode,
                 ErrorCode::None);
        QCOMPARE(w.coordinator.group("g")->members.at(0).groupInstanceId,
                 std::optional<std::string>("pod-0"));

        // The pod restarts and joins again with the same instance id: the old incarnation is fenced.
        // It was the leader, so the group rebalances (the leader must see the members again).
        const JoinGroupResponse second = w.joinResponse(w.joinRaw(req, "a", 5));
        QCOMPARE(second.errorCode, ErrorCode::None);
        QCOMPARE(second.memberId, std::string("pod-0-2"));
        QCOMPARE(second.generationId, 2);
        QCOMPARE(second.leader, std::string("pod-0-2"));
        QCOMPARE(w.heartbeat("g", 1, "pod-0-1", "pod-0"), ErrorCode::FencedInstanceId);
        QCOMPARE(w.heartbeat("g", 2, "pod-0-1", "pod-0"), ErrorCode::FencedInstanceId);
        QCOMPARE(w.describe({"g"}, 4).groups[0].members.size(), std::size_t(1));
        w.verifyEveryRequestAnsweredOnce();
    }

    // Kafka's point of static membership: a follower that restarts comes back to its partitions
    // without making the whole group rebalance.
    void aRestartedStaticFollowerKeepsItsPartitionsWithoutARebalance()
    {
        GroupWire w;
        JoinGroupRequest pod0 = w.joinRequest("g", "", {"orders"});
        pod0.groupInstanceId = "pod-0";
        JoinGroupRequest pod1 = pod0;
        pod1.groupInstanceId = "pod-1";
        Slot a = w.joinRaw(pod0, "a", 5);
        Slot b = w.joinRaw(pod1, "b", 5);
        w.settle(a);
        QCOMPARE(w.joinResponse(b).generationId, 1);
        w.sync("g", 1, "pod-1-2", {}, "pod-1");
        w.sync("g", 1, "pod-0-1",
               {{"pod-0-1", GroupWire::assignment({{"orders", {0}}})},
                {"pod-1-2", GroupWire::assignment({{"orders", {1}}})}},
               "pod-0");
        QCOMPARE(w.coordinator.group("g")->state, WireGroupState::Stable);
        QStringList events;
        w.coordinator.setListener([&](const WireGroupEvent &e) { events << QString::fromStdString(e.text); });

        const JoinGroupResponse back = w.joinResponse(w.joinRaw(pod1, "b", 5));
        QCOMPARE(back.errorCode, ErrorCode::None);
        QCOMPARE(back.memberId, std::string("pod-1-3"));
        QCOMPARE(back.generationId, 1);
        QCOMPARE(back.leader, std::string("pod-0-1"));
        QVERIFY(back.members.empty());
        QCOMPARE(w.coordinator.group("g")->state, WireGroupState::Stable);
        WireGroupAssignment got;
        QVERIFY(WireGroupConsumerProtocol::decodeAssignment(
            w.syncResponse(w.sync("g", 1, "pod-1-3", {}, "pod-1")).assignment, got));
        QCOMPARE(got.assignedPartitions.at(0).partitions, std::vector<std::int32_t>{1});
        QCOMPARE(w.heartbeat("g", 1, "pod-0-1", "pod-0"), ErrorCode::None);
        QCOMPARE(w.heartbeat("g", 1, "pod-1-2", "pod-1"), ErrorCode::FencedInstanceId);
        QCOMPARE(events.size(), 1);
        QVERIFY(events[0].contains("replaced by a new instance of 'pod-1'"));
        w.verifyEveryRequestAnsweredOnce();
    }

    void repliesMayCallBackIntoTheCoordinator()
    {
        // A server answering inside the callback and sending the next request at once must be safe.
        GroupWire w(noInitialDelay());
        int heartbeats = 0;
        Slot a0 = w.join("g", "", "a", {"orders"});
        WireWriter body;
        encodeJoinGroupRequest(body, 5, w.joinRequest("g", w.joinResponse(a0).memberId, {"orders"}));
        const bool handled =
            w.coordinator.handle(11, 5, body.buffer(), "a", "/127.0.0.1", [&](std::vector<std::uint8_t>) {
                WireWriter hb;
                encodeHeartbeatRequest(hb, 3, {"g", 1, "a-1", std::nullopt});
                w.coordinator.handle(12, 3, hb.buffer(), "a", "/127.0.0.1", [&](std::vector<std::uint8_t> r) {
                    WireReader in(r);
                    HeartbeatResponse h;
                    QVERIFY(decodeHeartbeatResponse(in, 3, h));
                    QCOMPARE(h.errorCode, ErrorCode::None);
                    ++heartbeats;
                });
            });
        QVERIFY(handled);
        QCOMPARE(heartbeats, 1);
        w.verifyEveryRequestAnsweredOnce();
    }

    void unsupportedApisAndVersionsAreLeftToTheCaller()
    {
        GroupWire w;
        bool called = false;
        auto reply = [&](std::vector<std::uint8_t>) { called = true; };
        QVERIFY(!w.coordinator.handle(0, 3, {}, "c", "h", reply));  // Produce
        QVERIFY(!w.coordinator.handle(11, 6, {}, "c", "h", reply)); // JoinGroup v6 (flexible)
        QVERIFY(!w.coordinator.handle(9, -1, {}, "c", "h", reply)); // nonsense version
        QVERIFY(!w.coordinator.handle(16, kListGroupsMaxVersion + 1, {}, "c", "h", reply));
        QVERIFY(!called);
        w.verifyEveryRequestAnsweredOnce();
    }
};

QTEST_GUILESS_MAIN(TestWireGroups)
#include "tst_wire_groups.moc"
