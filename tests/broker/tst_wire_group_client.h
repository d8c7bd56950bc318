#pragma once

// A test's stand-in for Kafka consumers talking to WireGroupCoordinator: every call encodes a real
// request body, hands it to handle() and decodes the response body, exactly the bytes a client would
// send and read. Replies are collected in slots (a reply may come later, from advance()).

#include "DescribeGroupsMessages.h"
#include "HeartbeatMessages.h"
#include "JoinGroupMessages.h"
#include "LeaveGroupMessages.h"
#include "ListGroupsMessages.h"
#include "ManualClock.h"
#include "OffsetCommitMessages.h"
#include "OffsetFetchMessages.h"
#include "SyncGroupMessages.h"
#include "WireGroupConsumerProtocol.h"
#include "WireGroupCoordinator.h"

#include <QtTest>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker::test {

struct ReplySlot
{
    std::int16_t apiKey = 0;
    std::int16_t version = 0;
    int calls = 0;
    std::vector<std::uint8_t> bytes;
    bool replied() const { return calls > 0; }
};
using Slot = std::shared_ptr<ReplySlot>;

class GroupWire
{
public:
    explicit GroupWire(WireGroupConfig config = {}) : coordinator(clock, config) {}

    ManualClock clock{0};
    WireGroupCoordinator coordinator;
    std::vector<Slot> sent;
    QStringList problems;

    static std::vector<std::uint8_t> subscription(const std::vector<std::string> &topics)
    {
        WireGroupSubscription s;
        s.version = 1;
        s.topics = topics;
        return WireGroupConsumerProtocol::encodeSubscription(s);
    }
    static std::vector<std::uint8_t> assignment(const std::vector<WireGroupTopicPartitions> &partitions)
    {
        WireGroupAssignment a;
        a.version = 1;
        a.assignedPartitions = partitions;
        return WireGroupConsumerProtocol::encodeAssignment(a);
    }

    Slot send(std::int16_t apiKey, std::int16_t version, const std::vector<std::uint8_t> &body,
              const std::string &clientId = "client")
    {
        auto slot = std::make_shared<ReplySlot>();
        slot->apiKey = apiKey;
        slot->version = version;
        sent.push_back(slot);
        const bool handled = coordinator.handle(
            apiKey, version, body, clientId, "/127.0.0.1", [this, slot](std::vector<std::uint8_t> r) {
                if (++slot->calls > 1)
                    problems << QStringLiteral("api %1 answered twice").arg(slot->apiKey);
                slot->bytes = std::move(r);
            });
        if (!handled)
            problems << QStringLiteral("api %1 v%2 not handled").arg(apiKey).arg(version);
        return slot;
    }

    void advanceTo(std::int64_t nowMs)
    {
        clock.setMs(nowMs);
        coordinator.advance(clock.nowMs());
    }
    // Runs the clock from deadline to deadline until the slot is answered (a join phase ending).
    void settle(const Slot &slot)
    {
        for (int i = 0; i < 20 && !slot->replied(); ++i) {
            const auto due = coordinator.nextDeadlineMs();
            if (!due)
                break;
            advanceTo(*due);
        }
    }

    // --- JoinGroup
    // -------------------------------------------------------------------------------------------
    JoinGroupRequest joinRequest(const std::string &group, const std::string &memberId,
                                 const std::vector<std::string> &topics,
                                 std::int32_t sessionTimeoutMs = 10000,
                                 std::int32_t rebalanceTimeoutMs = 10000) const
    {
        JoinGroupRequest r;
        r.groupId = group;
        r.sessionTimeoutMs = sessionTimeoutMs;
        r.rebalanceTimeoutMs = rebalanceTimeoutMs;
        r.memberId = memberId;
        r.protocolType = "consumer";
        r.protocols = {{"range", subscription(topics)}};
        return r;
    }
    Slot joinRaw(const JoinGroupRequest &request, const std::string &clientId, std::int16_t version)
    {
        WireWriter w;
        encodeJoinGroupRequest(w, version, request);
        return send(11, version, w.buffer(), clientId);
    }
    Slot join(const std::string &group, const std::string &memberId, const std::string &clientId,
              const std::vector<std::string> &topics, std::int32_t sessionTimeoutMs = 10000,
              std::int32_t rebalanceTimeoutMs = 10000, std::int16_t version = 5)
    {
        return joinRaw(joinRequest(group, memberId, topics, sessionTimeoutMs, rebalanceTimeoutMs), clientId,
                       version);
    }
    // The MEMBER_ID_REQUIRED round, then the real join, then time until the join phase ends.
    Slot joinTwice(const std::string &group, const std::string &clientId,
                   const std::vector<std::string> &topics, std::int32_t sessionTimeoutMs = 10000,
                   std::int32_t rebalanceTimeoutMs = 10000)
    {
        const JoinGroupResponse first =
            joinResponse(join(group, "", clientId, topics, sessionTimeoutMs, rebalanceTimeoutMs));
        if (first.errorCode != ErrorCode::MemberIdRequired)
            problems << QStringLiteral("first join of %1 got error %2")
                            .arg(QString::fromStdString(clientId))
                            .arg(int(first.errorCode));
        Slot slot = join(group, first.memberId, clientId, topics, sessionTimeoutMs, rebalanceTimeoutMs);
        settle(slot);
        return slot;
    }
    JoinGroupResponse joinResponse(const Slot &slot)
    {
        JoinGroupResponse r;
        r.errorCode = ErrorCode::UnknownServerError;
        if (decodeOrComplain(slot, r, decodeJoinGroupResponse))
            return r;
        r.errorCode = ErrorCode::UnknownServerError;
        return r;
    }

    // A group of consumers of "orders", Stable at generation 1: one id round each, everyone joins,
    // the join phase ends (after group.initial.rebalance.delay.ms), the leader gives member i
    // partition i.
    void formStableGroup(const std::string &group, const std::vector<std::string> &clients,
                         std::int32_t sessionTimeoutMs = 10000, std::int32_t rebalanceTimeoutMs = 10000)
    {
        std::vector<std::string> ids;
        for (const std::string &c : clients)
            ids.push_back(
                joinResponse(join(group, "", c, {"orders"}, sessionTimeoutMs, rebalanceTimeoutMs)).memberId);
        std::vector<Slot> joins;
        for (std::size_t i = 0; i < clients.size(); ++i)
            joins.push_back(
                join(group, ids[i], clients[i], {"orders"}, sessionTimeoutMs, rebalanceTimeoutMs));
        for (const Slot &s : joins)
            settle(s);
        std::vector<SyncGroupRequestAssignment> plan;
        std::string leader;
        std::int32_t generation = -1;
        for (std::size_t i = 0; i < joins.size(); ++i) {
            const JoinGroupResponse r = joinResponse(joins[i]);
            if (r.errorCode != ErrorCode::None)
                problems << QStringLiteral("join of %1 failed: %2")
                                .arg(QString::fromStdString(ids[i]))
                                .arg(int(r.errorCode));
            leader = r.leader;
            generation = r.generationId;
            plan.push_back({ids[i], assignment({{"orders", {std::int32_t(i)}}})});
        }
        std::vector<Slot> syncs;
        for (const std::string &id : ids)
            if (id != leader)
                syncs.push_back(sync(group, generation, id, {}));
        syncs.push_back(sync(group, generation, leader, plan));
        for (const Slot &s : syncs)
            if (syncResponse(s).errorCode != ErrorCode::None)
                problems << QStringLiteral("sync failed in %1").arg(QString::fromStdString(group));
    }

    // --- SyncGroup, Heartbeat, LeaveGroup
    // ----------------------------------------------------------------------
    Slot sync(const std::string &group, std::int32_t generation, const std::string &memberId,
              const std::vector<SyncGroupRequestAssignment> &assignments,
              std::optional<std::string> instanceId = std::nullopt, std::int16_t version = 3)
    {
        WireWriter w;
        encodeSyncGroupRequest(w, version, {group, generation, memberId, std::move(instanceId), assignments});
        return send(14, version, w.buffer());
    }
    SyncGroupResponse syncResponse(const Slot &slot)
    {
        SyncGroupResponse r;
        if (!decodeOrComplain(slot, r, decodeSyncGroupResponse))
            r.errorCode = ErrorCode::UnknownServerError;
        return r;
    }
    ErrorCode heartbeat(const std::string &group, std::int32_t generation, const std::string &memberId,
                        std::optional<std::string> instanceId = std::nullopt, std::int16_t version = 3)
    {
        WireWriter w;
        encodeHeartbeatRequest(w, version, {group, generation, memberId, std::move(instanceId)});
        HeartbeatResponse r;
        if (!decodeOrComplain(send(12, version, w.buffer()), r, decodeHeartbeatResponse))
            return ErrorCode::UnknownServerError;
        return r.errorCode;
    }
    LeaveGroupResponse leave(const std::string &group, const std::vector<std::string> &members,
                             std::int16_t version)
    {
        LeaveGroupRequest req;
        req.groupId = group;
        for (const std::string &m : members)
            req.members.push_back({m, std::nullopt});
        WireWriter w;
        encodeLeaveGroupRequest(w, version, req);
        LeaveGroupResponse r;
        if (!decodeOrComplain(send(13, version, w.buffer()), r, decodeLeaveGroupResponse))
            r.errorCode = ErrorCode::UnknownServerError;
        return r;
    }

    // --- offsets
    // -------------------------------------------------------------------------------------------------
    ErrorCode commit(const std::string &group, std::int32_t generation, const std::string &memberId,
                     const std::string &topic, std::int32_t partition, std::int64_t offset,
                     std::optional<std::string> metadata = std::nullopt, std::int16_t version = 7)
    {
        OffsetCommitRequest req;
        req.groupId = group;
        req.generationId = generation;
        req.memberId = memberId;
        req.topics = {{topic, {{partition, offset, -1, -1, std::move(metadata)}}}};
        WireWriter w;
        encodeOffsetCommitRequest(w, version, req);
        OffsetCommitResponse r;
        if (!decodeOrComplain(send(8, version, w.buffer()), r, decodeOffsetCommitResponse) ||
            r.topics.size() != 1 || r.topics[0].partitions.size() != 1)
            return ErrorCode::UnknownServerError;
        return r.topics[0].partitions[0].errorCode;
    }
    OffsetFetchResponse fetchOffsets(const std::string &group,
                                     const std::vector<OffsetFetchRequestTopic> &topics, std::int16_t version)
    {
        return fetchOffsetsRaw({group, topics}, version);
    }
    OffsetFetchResponse fetchAllOffsets(const std::string &group, std::int16_t version)
    {
        return fetchOffsetsRaw({group, std::nullopt}, version);
    }
    OffsetFetchResponse fetchOffsetsRaw(const OffsetFetchRequest &req, std::int16_t version)
    {
        WireWriter w;
        encodeOffsetFetchRequest(w, version, req);
        OffsetFetchResponse r;
        if (!decodeOrComplain(send(9, version, w.buffer()), r, decodeOffsetFetchResponse))
            r.errorCode = ErrorCode::UnknownServerError;
        return r;
    }

    // --- DescribeGroups, ListGroups
    // --------------------------------------------------------------------------------
    DescribeGroupsResponse describe(const std::vector<std::string> &groups, std::int16_t version,
                                    bool includeAuthorizedOperations = false)
    {
        WireWriter w;
        encodeDescribeGroupsRequest(w, version, {groups, includeAuthorizedOperations});
        DescribeGroupsResponse r;
        decodeOrComplain(send(15, version, w.buffer()), r, decodeDescribeGroupsResponse);
        return r;
    }
    ListGroupsResponse listGroups(std::int16_t version)
    {
        WireWriter w;
        encodeListGroupsRequest(w, version, {});
        ListGroupsResponse r;
        if (!decodeOrComplain(send(16, version, w.buffer()), r, decodeListGroupsResponse))
            r.errorCode = ErrorCode::UnknownServerError;
        return r;
    }

    // Every request got at most one answer, every answer decoded, and nothing else went wrong.
    void verifyEveryRequestAnsweredOnce() const
    {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join("; ")));
        for (const Slot &s : sent)
            QVERIFY2(s->calls <= 1,
                     qPrintable(QStringLiteral("api %1 answered %2 times").arg(s->apiKey).arg(s->calls)));
    }

private:
    template<typename Response, typename Decode>
    bool decodeOrComplain(const Slot &slot, Response &out, Decode decode)
    {
        if (!slot->replied()) {
            problems << QStringLiteral("api %1 not answered").arg(slot->apiKey);
            return false;
        }
        WireReader in(slot->bytes);
        if (!decode(in, slot->version, out) || !in.atEnd()) {
            problems
                << QStringLiteral("api %1 v%2 answer does not decode").arg(slot->apiKey).arg(slot->version);
            return false;
        }
        return true;
    }
};

} // namespace postoffice::broker::test
