#include "WireGroupMemberHandler.h"

#include "HeartbeatMessages.h"
#include "LeaveGroupMessages.h"
#include "SyncGroupMessages.h"

namespace postoffice::broker {

WireGroupMemberHandler::WireGroupMemberHandler(WireGroupContext &context, WireGroupMap &groups)
    : m_context(context), m_groups(groups)
{}

ErrorCode WireGroupMemberHandler::findMemberOf(const std::string &groupId, std::int32_t generationId,
                                               const std::string &memberId,
                                               const std::optional<std::string> &instanceId,
                                               WireGroup *&group, WireGroupMember *&member)
{
    if (groupId.empty())
        return ErrorCode::InvalidGroupId;
    group = findWireGroup(m_groups, groupId);
    if (!group)
        return ErrorCode::UnknownMemberId;
    if (group->state() == WireGroupState::Dead)
        return ErrorCode::CoordinatorNotAvailable;
    if (const ErrorCode e = group->validateMember(memberId, instanceId); e != ErrorCode::None)
        return e;
    if (generationId != group->generation())
        return ErrorCode::IllegalGeneration;
    member = group->findMember(memberId);
    // An Empty group has no members and a Dead one answers above: neither reaches here with a member.
    return ErrorCode::None;
}

void WireGroupMemberHandler::syncGroup(std::int16_t version, std::span<const std::uint8_t> body,
                                       WireGroupReply reply)
{
    WireReader in(body);
    SyncGroupRequest req;
    WireGroupPendingReply to{version, std::move(reply)};
    if (!decodeSyncGroupRequest(in, version, req))
        return m_context.sendSyncError(to, ErrorCode::InvalidRequest);
    WireGroup *g = nullptr;
    WireGroupMember *m = nullptr;
    if (const ErrorCode e =
            findMemberOf(req.groupId, req.generationId, req.memberId, req.groupInstanceId, g, m);
        e != ErrorCode::None)
        return m_context.sendSyncError(to, e);
    switch (g->state()) {
    case WireGroupState::Empty:
    case WireGroupState::Dead:
        return m_context.sendSyncError(to, ErrorCode::UnknownMemberId);
    case WireGroupState::PreparingRebalance:
        return m_context.sendSyncError(to, ErrorCode::RebalanceInProgress);
    case WireGroupState::CompletingRebalance:
        if (m->sync)
            m_context.sendSyncError(*m->sync, ErrorCode::RebalanceInProgress);
        m->sync = std::move(to);
        g->memberSynced(m->id);
        // A follower waits for the leader's assignment; the leader's SyncGroup brings it.
        if (m->id == g->leaderId())
            g->handOutAssignment(req.assignments);
        return;
    case WireGroupState::Stable: {
        g->memberSynced(m->id);
        SyncGroupResponse r;
        r.assignment = m->assignment;
        m->lastHeartbeatMs = m_context.nowMs();
        return m_context.send(to.reply, version, r, encodeSyncGroupResponse);
    }
    }
}

void WireGroupMemberHandler::heartbeat(std::int16_t version, std::span<const std::uint8_t> body,
                                       WireGroupReply reply)
{
    WireReader in(body);
    HeartbeatRequest req;
    auto answer = [&](ErrorCode e) {
        HeartbeatResponse r;
        r.errorCode = e;
        m_context.send(reply, version, r, encodeHeartbeatResponse);
    };
    if (!decodeHeartbeatRequest(in, version, req))
        return answer(ErrorCode::InvalidRequest);
    WireGroup *g = nullptr;
    WireGroupMember *m = nullptr;
    if (const ErrorCode e =
            findMemberOf(req.groupId, req.generationId, req.memberId, req.groupInstanceId, g, m);
        e != ErrorCode::None)
        return answer(e);
    switch (g->state()) {
    case WireGroupState::Empty:
    case WireGroupState::Dead:
        return answer(ErrorCode::UnknownMemberId);
    case WireGroupState::PreparingRebalance:
        // Alive, but must rejoin: the heartbeat is how a member learns of the rebalance.
        m->lastHeartbeatMs = m_context.nowMs();
        return answer(ErrorCode::RebalanceInProgress);
    case WireGroupState::CompletingRebalance:
    case WireGroupState::Stable:
        m->lastHeartbeatMs = m_context.nowMs();
        return answer(ErrorCode::None);
    }
}

void WireGroupMemberHandler::leaveGroup(std::int16_t version, std::span<const std::uint8_t> body,
                                        WireGroupReply reply)
{
    WireReader in(body);
    LeaveGroupRequest req;
    LeaveGroupResponse r;
    auto answer = [&] {
        // Before v3 there is one member and only the top-level error to report its fate.
        if (version < 3) {
            if (r.errorCode == ErrorCode::None && !r.members.empty())
                r.errorCode = r.members.front().errorCode;
            r.members.clear();
        }
        m_context.send(reply, version, r, encodeLeaveGroupResponse);
    };
    if (!decodeLeaveGroupRequest(in, version, req)) {
        r.errorCode = ErrorCode::InvalidRequest;
        return answer();
    }
    if (req.groupId.empty()) {
        r.errorCode = ErrorCode::InvalidGroupId;
        return answer();
    }
    WireGroup *g = findWireGroup(m_groups, req.groupId);
    if (g && g->state() == WireGroupState::Dead) {
        r.errorCode = ErrorCode::CoordinatorNotAvailable;
        return answer();
    }
    for (const LeaveGroupMemberIdentity &who : req.members) {
        LeaveGroupMemberResponse mr{who.memberId, who.groupInstanceId, ErrorCode::None};
        std::string memberId = who.memberId;
        if (!g) {
            mr.errorCode = ErrorCode::UnknownMemberId;
        } else if (memberId.empty()) {
            // Administrative removal by group.instance.id.
            mr.errorCode = ErrorCode::UnknownMemberId;
            if (who.groupInstanceId)
                if (const WireGroupMember *m = g->findInstance(*who.groupInstanceId))
                    memberId = m->id;
        } else if (g->isPendingMember(memberId)) {
            g->removePendingMember(memberId);
            memberId.clear();
        } else {
            mr.errorCode = g->validateMember(memberId, who.groupInstanceId);
            if (mr.errorCode != ErrorCode::None)
                memberId.clear();
        }
        if (const WireGroupMember *m = g && !memberId.empty() ? g->findMember(memberId) : nullptr) {
            mr.errorCode = ErrorCode::None;
            g->report(WireGroupEvent::Kind::MemberLeft, memberId, m->clientId,
                      "Member " + memberId + " (client " + m->clientId + ") left group " + g->id());
            g->removeMember(memberId, ErrorCode::UnknownMemberId, "member " + memberId + " left");
        }
        r.members.push_back(std::move(mr));
    }
    answer();
}

} // namespace postoffice::broker
