#include "WireGroup.h"

#include "WireGroupProtocolChoice.h"

#include <algorithm>
#include <tuple>

namespace postoffice::broker {

namespace {

std::string plural(std::size_t n, const char *noun)
{
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

} // namespace

const char *wireGroupStateName(WireGroupState state)
{
    switch (state) {
    case WireGroupState::Empty:
        return "Empty";
    case WireGroupState::PreparingRebalance:
        return "PreparingRebalance";
    case WireGroupState::CompletingRebalance:
        return "CompletingRebalance";
    case WireGroupState::Stable:
        return "Stable";
    case WireGroupState::Dead:
        return "Dead";
    }
    return "Dead";
}

WireGroup::WireGroup(std::string id, WireGroupContext &context) : m_context(context), m_id(std::move(id)) {}

WireGroupMember *WireGroup::findMember(const std::string &memberId)
{
    for (WireGroupMember &m : m_members)
        if (m.id == memberId)
            return &m;
    return nullptr;
}

const WireGroupMember *WireGroup::findMember(const std::string &memberId) const
{
    return const_cast<WireGroup *>(this)->findMember(memberId);
}

WireGroupMember *WireGroup::findInstance(const std::string &groupInstanceId)
{
    WireGroupMember *found = nullptr;
    for (WireGroupMember &m : m_members)
        if (m.instanceId == groupInstanceId)
            found = &m;
    return found;
}

bool WireGroup::unformed() const
{
    return m_state == WireGroupState::Empty && m_generation == 0 && m_members.empty() && m_pending.empty();
}

WireGroupInfo WireGroup::info() const
{
    WireGroupInfo out;
    out.groupId = m_id;
    out.state = m_state;
    out.generation = m_generation;
    out.protocolType = m_protocolType;
    out.protocolName = m_protocolName.value_or(std::string());
    out.leaderId = m_leaderId;
    out.pendingMembers = m_pending.size();
    for (const WireGroupMember &m : m_members)
        out.members.push_back(m.info(m_protocolType, m_protocolName, m_leaderId));
    return out;
}

ErrorCode WireGroup::validateMember(const std::string &memberId,
                                    const std::optional<std::string> &instanceId) const
{
    if (instanceId) {
        // Another member now holds this group.instance.id: this one is a stale incarnation.
        for (const WireGroupMember &m : m_members)
            if (m.instanceId == instanceId && m.id != memberId)
                return ErrorCode::FencedInstanceId;
    }
    const WireGroupMember *m = findMember(memberId);
    if (!m)
        return ErrorCode::UnknownMemberId;
    if (instanceId && m->instanceId != instanceId)
        return ErrorCode::UnknownMemberId;
    return ErrorCode::None;
}

bool WireGroup::supportsProtocols(const std::string &protocolType,
                                  const std::vector<JoinGroupRequestProtocol> &protocols) const
{
    if (m_state == WireGroupState::Empty || m_members.empty())
        return !protocolType.empty() && !protocols.empty();
    return protocolType == m_protocolType && WireGroupProtocolChoice::acceptsNewcomer(m_members, protocols);
}

std::int32_t WireGroup::rebalanceTimeoutMs() const
{
    std::int32_t timeout = 0;
    for (const WireGroupMember &m : m_members)
        timeout = std::max(timeout, m.rebalanceTimeoutMs);
    return timeout;
}

// --- membership ------------------------------------------------------------------------------------------

void WireGroup::addPendingMember(const std::string &memberId, std::int64_t expiryMs)
{
    m_pending[memberId] = expiryMs;
}

bool WireGroup::isPendingMember(const std::string &memberId) const
{
    return m_pending.contains(memberId);
}

bool WireGroup::takePendingMember(const std::string &memberId)
{
    return m_pending.erase(memberId) > 0;
}

void WireGroup::removePendingMember(const std::string &memberId)
{
    m_pending.erase(memberId);
    if (m_state == WireGroupState::PreparingRebalance)
        maybeCompleteJoin();
}

void WireGroup::addMember(WireGroupMember member)
{
    // A newcomer during the very first rebalance extends group.initial.rebalance.delay.ms once more.
    if (m_state == WireGroupState::PreparingRebalance && m_generation == 0)
        m_joinPhase.memberAdded();
    if (m_members.empty())
        m_protocolType = member.protocolType;
    if (m_leaderId.empty())
        m_leaderId = member.id;
    member.lastHeartbeatMs = m_context.nowMs();
    member.isNew = true;
    const std::string id = member.id;
    const std::string clientId = member.clientId;
    const std::string from = member.clientHost.empty() ? "" : " from " + member.clientHost;
    m_members.push_back(std::move(member));
    report(WireGroupEvent::Kind::MemberJoined, id, clientId,
           "Member " + id + " (client " + clientId + from + ") joined group " + m_id);
    maybePrepareRebalance("member " + id + " joined");
}

void WireGroup::renameMember(WireGroupMember &member, const std::string &newId)
{
    const std::string previous = std::exchange(member.id, newId);
    if (m_leaderId == previous)
        m_leaderId = newId;
    std::replace(m_pendingSync.begin(), m_pendingSync.end(), previous, newId);
}

void WireGroup::removeMember(const std::string &memberId, ErrorCode pendingReplyError,
                             const std::string &reason)
{
    WireGroupMember *m = findMember(memberId);
    if (!m)
        return;
    // A request still waiting for this member is answered: the client learns it is out.
    if (m->join)
        m_context.sendJoinError(*m->join, pendingReplyError, {});
    if (m->sync)
        m_context.sendSyncError(*m->sync, pendingReplyError);
    eraseMember(memberId);
    switch (m_state) {
    case WireGroupState::Dead:
    case WireGroupState::Empty:
        break;
    case WireGroupState::Stable:
    case WireGroupState::CompletingRebalance:
        maybePrepareRebalance(reason);
        break;
    case WireGroupState::PreparingRebalance:
        maybeCompleteJoin();
        break;
    }
}

void WireGroup::eraseMember(const std::string &memberId)
{
    std::erase_if(m_members, [&](const WireGroupMember &m) { return m.id == memberId; });
    std::erase(m_pendingSync, memberId);
    if (m_leaderId == memberId)
        m_leaderId = m_members.empty() ? std::string() : m_members.front().id;
}

// --- the join phase --------------------------------------------------------------------------------------

void WireGroup::maybePrepareRebalance(const std::string &reason)
{
    if (m_state == WireGroupState::Stable || m_state == WireGroupState::CompletingRebalance ||
        m_state == WireGroupState::Empty)
        prepareRebalance(reason);
}

void WireGroup::prepareRebalance(const std::string &reason)
{
    if (m_state == WireGroupState::CompletingRebalance) {
        // The assignment being made is for a membership that no longer holds.
        for (WireGroupMember &m : m_members) {
            m.assignment.clear();
            if (m.sync) {
                m_context.sendSyncError(*m.sync, ErrorCode::RebalanceInProgress);
                m.sync.reset();
            }
        }
    }
    m_syncDeadlineMs.reset();
    m_pendingSync.clear();
    if (m_state == WireGroupState::Empty)
        m_joinPhase.startInitialDelay(m_context.nowMs(), m_context.config().initialRebalanceDelayMs,
                                      rebalanceTimeoutMs());
    else
        m_joinPhase.startRebalance(m_context.nowMs(), rebalanceTimeoutMs());
    m_state = WireGroupState::PreparingRebalance;
    report(WireGroupEvent::Kind::RebalanceStarted, {}, {},
           "Group " + m_id + " is rebalancing (generation " + std::to_string(m_generation) + ", " +
               plural(m_members.size(), "member") + "): " + reason);
    // Everyone may already be waiting (a lone member rejoining): the join phase ends at once.
    maybeCompleteJoin();
}

void WireGroup::maybeCompleteJoin()
{
    if (m_state != WireGroupState::PreparingRebalance || m_joinPhase.inInitialDelay())
        return;
    const bool allJoined =
        m_pending.empty() && std::all_of(m_members.begin(), m_members.end(),
                                         [](const WireGroupMember &m) { return bool(m.join); });
    if (allJoined)
        completeJoin();
}

void WireGroup::completeJoin()
{
    m_joinPhase.end();
    // Members that did not rejoin within rebalance.timeout.ms are out.
    std::vector<std::string> late;
    for (const WireGroupMember &m : m_members)
        if (!m.join)
            late.push_back(m.id);
    for (const std::string &id : late) {
        const WireGroupMember *m = findMember(id);
        report(WireGroupEvent::Kind::MemberExpired, id, m ? m->clientId : std::string(),
               "Member " + id + " of group " + m_id +
                   " was removed: it did not rejoin within rebalance.timeout.ms (" +
                   std::to_string(rebalanceTimeoutMs()) + " ms)");
        eraseMember(id);
    }
    ++m_generation;
    if (m_members.empty()) {
        m_state = WireGroupState::Empty;
        m_protocolName.reset();
        m_leaderId.clear();
        report(WireGroupEvent::Kind::RebalanceCompleted, {}, {},
               "Group " + m_id + " is empty at generation " + std::to_string(m_generation));
        return;
    }
    if (!findMember(m_leaderId))
        m_leaderId = m_members.front().id;
    m_protocolName = WireGroupProtocolChoice::select(m_members, *findMember(m_leaderId));
    m_state = WireGroupState::CompletingRebalance;
    for (WireGroupMember &m : m_members) {
        m.isNew = false;
        m.lastHeartbeatMs = m_context.nowMs();
        sendJoinResponse(m);
    }
    // Every member must now fetch its assignment within the rebalance timeout.
    m_pendingSync.clear();
    for (const WireGroupMember &m : m_members)
        m_pendingSync.push_back(m.id);
    m_syncDeadlineMs = m_context.nowMs() + rebalanceTimeoutMs();
    report(WireGroupEvent::Kind::RebalanceCompleted, {}, {},
           "Group " + m_id + " formed generation " + std::to_string(m_generation) + " with " +
               plural(m_members.size(), "member") + ", leader " + m_leaderId + ", protocol '" +
               *m_protocolName + "'");
}

void WireGroup::sendJoinResponse(WireGroupMember &member)
{
    if (!member.join)
        return;
    JoinGroupResponse r;
    r.generationId = m_generation;
    r.protocolName = m_protocolName.value_or(std::string());
    r.leader = m_leaderId;
    r.memberId = member.id;
    if (member.id == m_leaderId) {
        for (const WireGroupMember &other : m_members) {
            JoinGroupResponseMember jm;
            jm.memberId = other.id;
            jm.groupInstanceId = other.instanceId;
            if (const auto *meta = other.metadataFor(r.protocolName))
                jm.metadata = *meta;
            r.members.push_back(std::move(jm));
        }
    }
    m_context.send(member.join->reply, member.join->version, r, encodeJoinGroupResponse);
    member.join.reset();
}

// --- the sync phase --------------------------------------------------------------------------------------

void WireGroup::memberSynced(const std::string &memberId)
{
    std::erase(m_pendingSync, memberId);
    // Before the leader's SyncGroup the leader itself is still awaited; once Stable, the deadline
    // goes with the last member to fetch its assignment.
    if (m_state == WireGroupState::Stable && m_pendingSync.empty())
        m_syncDeadlineMs.reset();
}

void WireGroup::handOutAssignment(const std::vector<SyncGroupRequestAssignment> &assignments)
{
    // Members the leader left out get an empty assignment; ids it made up are ignored.
    for (WireGroupMember &member : m_members) {
        member.assignment.clear();
        for (const SyncGroupRequestAssignment &a : assignments)
            if (a.memberId == member.id)
                member.assignment = a.assignment;
    }
    for (WireGroupMember &member : m_members) {
        if (!member.sync)
            continue;
        SyncGroupResponse r;
        r.assignment = member.assignment;
        m_context.send(member.sync->reply, member.sync->version, r, encodeSyncGroupResponse);
        member.sync.reset();
        member.lastHeartbeatMs = m_context.nowMs();
    }
    m_state = WireGroupState::Stable;
    if (m_pendingSync.empty())
        m_syncDeadlineMs.reset();
    report(WireGroupEvent::Kind::GroupStable, {}, {},
           "Group " + m_id + " is stable at generation " + std::to_string(m_generation) +
               ": the leader's assignment was handed to " + plural(m_members.size(), "member"));
}

void WireGroup::onSyncDeadline()
{
    m_syncDeadlineMs.reset();
    if (m_state != WireGroupState::CompletingRebalance && m_state != WireGroupState::Stable) {
        m_pendingSync.clear();
        return;
    }
    const std::vector<std::string> late = std::exchange(m_pendingSync, {});
    if (late.empty())
        return;
    for (const std::string &id : late) {
        const WireGroupMember *m = findMember(id);
        if (!m)
            continue;
        report(WireGroupEvent::Kind::MemberExpired, id, m->clientId,
               "Member " + id + " of group " + m_id +
                   " was removed: it did not fetch its assignment (SyncGroup) within rebalance.timeout.ms");
        if (m->join)
            m_context.sendJoinError(*m->join, ErrorCode::UnknownMemberId, {});
        if (m->sync)
            m_context.sendSyncError(*m->sync, ErrorCode::UnknownMemberId);
        eraseMember(id);
    }
    prepareRebalance("members did not fetch their assignment in time");
}

// --- timers and events -----------------------------------------------------------------------------------

std::optional<WireGroup::Due> WireGroup::nextDue() const
{
    std::optional<Due> best;
    auto consider = [&best](std::int64_t at, DueKind kind, const std::string &memberId) {
        if (!best || std::tie(at, kind, memberId) < std::tie(best->atMs, best->kind, best->memberId))
            best = Due{at, kind, memberId};
    };
    for (const WireGroupMember &m : m_members)
        if (const auto at = m.deadlineMs(m_context.config()))
            consider(*at, DueKind::MemberExpiry, m.id);
    for (const auto &[memberId, at] : m_pending)
        consider(at, DueKind::PendingExpiry, memberId);
    if (m_syncDeadlineMs)
        consider(*m_syncDeadlineMs, DueKind::SyncExpiry, {});
    if (const auto at = m_joinPhase.deadlineMs())
        consider(*at, DueKind::JoinDeadline, {});
    return best;
}

void WireGroup::onDue(const Due &due)
{
    switch (due.kind) {
    case DueKind::MemberExpiry: {
        const WireGroupMember *m = findMember(due.memberId);
        const std::string clientId = m ? m->clientId : std::string();
        const std::string why = m && m->isNew ? "it never completed its first rebalance"
                                              : "no heartbeat within session.timeout.ms (" +
                                                    std::to_string(m ? m->sessionTimeoutMs : 0) + " ms)";
        report(WireGroupEvent::Kind::MemberExpired, due.memberId, clientId,
               "Member " + due.memberId + " (client " + clientId + ") of group " + m_id + " expired: " + why);
        removeMember(due.memberId, ErrorCode::UnknownMemberId, "member " + due.memberId + " expired");
        break;
    }
    case DueKind::PendingExpiry:
        removePendingMember(due.memberId);
        break;
    case DueKind::SyncExpiry:
        onSyncDeadline();
        break;
    case DueKind::JoinDeadline:
        if (!m_joinPhase.extendAtDeadline(m_context.nowMs(), m_context.config().initialRebalanceDelayMs))
            completeJoin();
        break;
    }
}

void WireGroup::report(WireGroupEvent::Kind kind, const std::string &memberId, const std::string &clientId,
                       std::string text)
{
    WireGroupEvent e;
    e.kind = kind;
    e.groupId = m_id;
    e.memberId = memberId;
    e.clientId = clientId;
    e.generation = m_generation;
    e.memberCount = std::int32_t(m_members.size());
    e.text = std::move(text);
    m_context.report(std::move(e));
}

} // namespace postoffice::broker
