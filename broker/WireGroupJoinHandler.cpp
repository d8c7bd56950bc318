#include "WireGroupJoinHandler.h"

namespace postoffice::broker {

WireGroupJoinHandler::WireGroupJoinHandler(WireGroupContext &context, WireGroupMap &groups)
    : m_context(context), m_groups(groups)
{}

void WireGroupJoinHandler::handle(std::int16_t version, std::span<const std::uint8_t> body,
                                  const std::string &clientId, const std::string &clientHost,
                                  WireGroupReply reply)
{
    WireReader in(body);
    JoinGroupRequest req;
    WireGroupPendingReply to{version, std::move(reply)};
    if (!decodeJoinGroupRequest(in, version, req))
        return m_context.sendJoinError(to, ErrorCode::InvalidRequest, {});
    if (req.groupId.empty())
        return m_context.sendJoinError(to, ErrorCode::InvalidGroupId, req.memberId);
    const WireGroupConfig &config = m_context.config();
    if (req.sessionTimeoutMs < config.minSessionTimeoutMs ||
        req.sessionTimeoutMs > config.maxSessionTimeoutMs)
        return m_context.sendJoinError(to, ErrorCode::InvalidSessionTimeout, req.memberId);
    // v0 has no rebalance timeout: Kafka waits the session timeout instead.
    const Join join{
        req, version == 0 || req.rebalanceTimeoutMs < 0 ? req.sessionTimeoutMs : req.rebalanceTimeoutMs,
        clientId, clientHost};

    const bool unknownMember = req.memberId.empty();
    WireGroup *group = findWireGroup(m_groups, req.groupId);
    if (!group) {
        // Only a member without an id creates a group; an id for a group that does not exist is stale.
        if (!unknownMember)
            return m_context.sendJoinError(to, ErrorCode::UnknownMemberId, req.memberId);
        group = &m_groups.try_emplace(req.groupId, req.groupId, m_context).first->second;
    }
    if (group->state() == WireGroupState::Dead)
        m_context.sendJoinError(to, ErrorCode::CoordinatorNotAvailable, req.memberId);
    else if (!group->supportsProtocols(req.protocolType, req.protocols))
        m_context.sendJoinError(to, ErrorCode::InconsistentGroupProtocol, req.memberId);
    else if (unknownMember)
        newMemberJoin(*group, join, std::move(to));
    else
        currentMemberJoin(*group, join, std::move(to));
    if (group->state() == WireGroupState::PreparingRebalance)
        group->maybeCompleteJoin();
}

void WireGroupJoinHandler::newMemberJoin(WireGroup &group, const Join &join, WireGroupPendingReply to)
{
    const JoinGroupRequest &req = join.request;
    if (req.groupInstanceId) {
        // Static member: known by its instance id, so no MEMBER_ID_REQUIRED round.
        const std::string memberId = m_context.newMemberId(*req.groupInstanceId);
        if (WireGroupMember *old = group.findInstance(*req.groupInstanceId))
            return replaceStaticMember(group, *old, memberId, join, std::move(to));
        return addMember(group, memberId, join, std::move(to));
    }
    const std::string memberId = m_context.newMemberId(join.clientId);
    if (to.version >= 4) {
        // KIP-394: the member id is handed out first and only a member that comes back with it joins,
        // so a client that gives up mid-join does not leave a ghost member behind.
        group.addPendingMember(memberId, m_context.nowMs() + req.sessionTimeoutMs);
        return m_context.sendJoinError(to, ErrorCode::MemberIdRequired, memberId);
    }
    addMember(group, memberId, join, std::move(to));
}

void WireGroupJoinHandler::replaceStaticMember(WireGroup &group, WireGroupMember &old,
                                               const std::string &memberId, const Join &join,
                                               WireGroupPendingReply to)
{
    // A restarted instance (same group.instance.id) takes over its predecessor's place: same
    // partitions, same leadership; the predecessor is fenced (FENCED_INSTANCE_ID from now on).
    const JoinGroupRequest &req = join.request;
    const std::string previous = old.id;
    group.report(WireGroupEvent::Kind::MemberFenced, previous, old.clientId,
                 "Member " + previous + " of group " + group.id() + " was replaced by a new instance of '" +
                     *req.groupInstanceId + "' (" + memberId + ")");
    if (old.join)
        m_context.sendJoinError(*old.join, ErrorCode::FencedInstanceId, previous);
    if (old.sync)
        m_context.sendSyncError(*old.sync, ErrorCode::FencedInstanceId);
    old.sync.reset();
    const bool sameProtocolsAsBefore = old.protocols == req.protocols;
    group.renameMember(old, memberId);
    old.clientId = join.clientId;
    old.clientHost = join.clientHost;
    old.sessionTimeoutMs = req.sessionTimeoutMs;
    old.rebalanceTimeoutMs = join.rebalanceTimeoutMs;
    old.protocols = req.protocols;
    old.lastHeartbeatMs = m_context.nowMs();
    old.join = std::move(to);
    // Kafka's point of static membership: a follower coming back unchanged to a stable group gets the
    // current generation and its old assignment, without a rebalance. A leader (which must see the
    // members again) or a changed subscription rebalances.
    if (group.state() == WireGroupState::Stable && group.leaderId() != memberId && sameProtocolsAsBefore)
        return group.sendJoinResponse(old);
    group.maybePrepareRebalance("member " + memberId + " replaced " + previous);
}

void WireGroupJoinHandler::currentMemberJoin(WireGroup &group, const Join &join, WireGroupPendingReply to)
{
    const JoinGroupRequest &req = join.request;
    if (group.takePendingMember(req.memberId))
        return addMember(group, req.memberId, join, std::move(to));
    if (const ErrorCode e = group.validateMember(req.memberId, req.groupInstanceId); e != ErrorCode::None)
        return m_context.sendJoinError(to, e, req.memberId);
    WireGroupMember &m = *group.findMember(req.memberId);
    const bool sameProtocols = m.protocols == req.protocols;
    switch (group.state()) {
    case WireGroupState::PreparingRebalance:
        return updateMember(group, m, join, std::move(to), "member " + m.id + " rejoined");
    case WireGroupState::CompletingRebalance:
        if (!sameProtocols)
            return updateMember(group, m, join, std::move(to), "member " + m.id + " changed its metadata");
        // It lost its JoinGroup response: the same one again.
        m.join = std::move(to);
        return group.sendJoinResponse(m);
    case WireGroupState::Stable:
        if (group.leaderId() == m.id)
            // The leader rejoins to have partitions reassigned (e.g. after topic metadata changed).
            return updateMember(group, m, join, std::move(to), "leader " + m.id + " rejoined");
        if (!sameProtocols)
            return updateMember(group, m, join, std::move(to),
                                "member " + m.id + " changed its subscription");
        m.join = std::move(to);
        return group.sendJoinResponse(m);
    case WireGroupState::Empty:
    case WireGroupState::Dead:
        return m_context.sendJoinError(to, ErrorCode::UnknownMemberId, req.memberId);
    }
}

void WireGroupJoinHandler::addMember(WireGroup &group, const std::string &memberId, const Join &join,
                                     WireGroupPendingReply to)
{
    const JoinGroupRequest &req = join.request;
    WireGroupMember m;
    m.id = memberId;
    m.instanceId = req.groupInstanceId;
    m.clientId = join.clientId;
    m.clientHost = join.clientHost;
    m.sessionTimeoutMs = req.sessionTimeoutMs;
    m.rebalanceTimeoutMs = join.rebalanceTimeoutMs;
    m.protocolType = req.protocolType;
    m.protocols = req.protocols;
    m.join = std::move(to);
    group.addMember(std::move(m));
}

void WireGroupJoinHandler::updateMember(WireGroup &group, WireGroupMember &member, const Join &join,
                                        WireGroupPendingReply to, const std::string &reason)
{
    member.protocols = join.request.protocols;
    member.sessionTimeoutMs = join.request.sessionTimeoutMs;
    member.rebalanceTimeoutMs = join.rebalanceTimeoutMs;
    // A second JoinGroup while the first still waits (another connection): the first is answered
    // so that every request gets exactly one response; the client rejoins, which is harmless.
    if (member.join)
        m_context.sendJoinError(*member.join, ErrorCode::RebalanceInProgress, member.id);
    member.join = std::move(to);
    group.maybePrepareRebalance(reason);
}

} // namespace postoffice::broker
