#include "WireGroupOffsets.h"

#include "OffsetCommitMessages.h"
#include "OffsetFetchMessages.h"

namespace postoffice::broker {

WireGroupOffsets::WireGroupOffsets(WireGroupContext &context, WireGroupMap &groups)
    : m_context(context), m_groups(groups)
{}

void WireGroupOffsets::setCommitValidator(
    std::function<ErrorCode(const std::string &topic, std::int32_t partition)> check)
{
    m_commitValidator = std::move(check);
}

ErrorCode WireGroupOffsets::commitError(const std::string &groupId, std::int32_t generationId,
                                        const std::string &memberId,
                                        const std::optional<std::string> &instanceId, WireGroup *&group)
{
    group = findWireGroup(m_groups, groupId);
    if (!group) {
        // A consumer that assigns its partitions itself (generation -1) stores offsets in a group of
        // its own; any other generation for a group that does not exist is a stale member.
        if (generationId >= 0)
            return ErrorCode::IllegalGeneration;
        group = &m_groups.try_emplace(groupId, groupId, m_context).first->second;
        return ErrorCode::None;
    }
    if (group->state() == WireGroupState::Dead)
        return ErrorCode::CoordinatorNotAvailable;
    // A simple (standalone) consumer's commit: allowed while no member uses the group.
    if (generationId < 0 && group->state() == WireGroupState::Empty)
        return ErrorCode::None;
    if (const ErrorCode e = group->validateMember(memberId, instanceId); e != ErrorCode::None)
        return e;
    if (generationId != group->generation())
        return ErrorCode::IllegalGeneration;
    // The member has the new generation but not its assignment yet.
    if (group->state() == WireGroupState::CompletingRebalance)
        return ErrorCode::RebalanceInProgress;
    // Stable, or PreparingRebalance (the heartbeat tells it to rejoin): the commit counts, and shows
    // the member alive.
    group->findMember(memberId)->lastHeartbeatMs = m_context.nowMs();
    return ErrorCode::None;
}

void WireGroupOffsets::offsetCommit(std::int16_t version, std::span<const std::uint8_t> body,
                                    WireGroupReply reply)
{
    WireReader in(body);
    OffsetCommitRequest req;
    OffsetCommitResponse r;
    if (!decodeOffsetCommitRequest(in, version, req))
        return m_context.send(reply, version, r, encodeOffsetCommitResponse);

    // One error for the whole request (group-level), or per partition below.
    WireGroup *g = nullptr;
    const ErrorCode groupError =
        commitError(req.groupId, req.generationId, req.memberId, req.groupInstanceId, g);
    std::size_t stored = 0;
    for (const OffsetCommitRequestTopic &topic : req.topics) {
        OffsetCommitResponseTopic rt;
        rt.name = topic.name;
        for (const OffsetCommitRequestPartition &p : topic.partitions) {
            ErrorCode e = groupError;
            if (e == ErrorCode::None && p.committedMetadata &&
                p.committedMetadata->size() > std::size_t(m_context.config().maxOffsetMetadataBytes))
                e = ErrorCode::OffsetMetadataTooLarge;
            if (e == ErrorCode::None && m_commitValidator)
                e = m_commitValidator(topic.name, p.partitionIndex);
            if (e == ErrorCode::None) {
                Committed &c = m_offsets[req.groupId][{topic.name, p.partitionIndex}];
                c.offset = p.committedOffset;
                c.leaderEpoch = p.committedLeaderEpoch;
                c.metadata = p.committedMetadata.value_or(std::string());
                c.timestampMs = m_context.nowMs();
                ++stored;
            }
            rt.partitions.push_back({p.partitionIndex, e});
        }
        r.topics.push_back(std::move(rt));
    }
    m_context.send(reply, version, r, encodeOffsetCommitResponse);
    if (stored > 0) {
        g->report(WireGroupEvent::Kind::OffsetsCommitted, req.memberId, {},
                  "Group " + g->id() + " committed " + std::to_string(stored) + " offset" +
                      (stored == 1 ? "" : "s") +
                      (req.memberId.empty() ? std::string() : " (member " + req.memberId + ")"));
    }
}

void WireGroupOffsets::offsetFetch(std::int16_t version, std::span<const std::uint8_t> body,
                                   WireGroupReply reply)
{
    WireReader in(body);
    OffsetFetchRequest req;
    OffsetFetchResponse r;
    if (!decodeOffsetFetchRequest(in, version, req)) {
        r.errorCode = ErrorCode::InvalidRequest;
        return m_context.send(reply, version, r, encodeOffsetFetchResponse);
    }
    auto partition = [&](const std::string &topic, std::int32_t index) {
        OffsetFetchResponsePartition p;
        p.partitionIndex = index;
        p.metadata = std::string();
        if (const Committed *c = find(req.groupId, topic, index)) {
            p.committedOffset = c->offset;
            p.committedLeaderEpoch = c->leaderEpoch;
            p.metadata = c->metadata;
        } // else -1: nothing committed
        return p;
    };
    if (req.topics) {
        for (const OffsetFetchRequestTopic &topic : *req.topics) {
            OffsetFetchResponseTopic rt;
            rt.name = topic.name;
            for (std::int32_t index : topic.partitionIndexes)
                rt.partitions.push_back(partition(topic.name, index));
            r.topics.push_back(std::move(rt));
        }
    } else if (const auto it = m_offsets.find(req.groupId); it != m_offsets.end()) {
        // v2+ null topics: everything the group committed.
        for (const auto &[key, c] : it->second) {
            if (r.topics.empty() || r.topics.back().name != key.first)
                r.topics.push_back({key.first, {}});
            r.topics.back().partitions.push_back(partition(key.first, key.second));
        }
    }
    m_context.send(reply, version, r, encodeOffsetFetchResponse);
}

bool WireGroupOffsets::holdsOffsets(const std::string &groupId) const
{
    return m_offsets.contains(groupId);
}

const WireGroupOffsets::Committed *
WireGroupOffsets::find(const std::string &groupId, const std::string &topic, std::int32_t partition) const
{
    const auto group = m_offsets.find(groupId);
    if (group == m_offsets.end())
        return nullptr;
    const auto it = group->second.find({topic, partition});
    return it == group->second.end() ? nullptr : &it->second;
}

std::vector<WireCommittedOffset> WireGroupOffsets::committed(const std::string &groupId) const
{
    std::vector<WireCommittedOffset> out;
    if (const auto group = m_offsets.find(groupId); group != m_offsets.end())
        for (const auto &[key, c] : group->second)
            out.push_back({key.first, key.second, c.offset, c.leaderEpoch, c.metadata, c.timestampMs});
    return out;
}

std::optional<std::int64_t> WireGroupOffsets::committed(const std::string &groupId, const std::string &topic,
                                                        std::int32_t partition) const
{
    const Committed *c = find(groupId, topic, partition);
    return c ? std::optional<std::int64_t>(c->offset) : std::nullopt;
}

} // namespace postoffice::broker
