#include "WireGroupCoordinator.h"

#include "DescribeGroupsMessages.h"
#include "HeartbeatMessages.h"
#include "LeaveGroupMessages.h"
#include "ListGroupsMessages.h"
#include "OffsetCommitMessages.h"
#include "OffsetFetchMessages.h"
#include "SyncGroupMessages.h"

#include <algorithm>
#include <tuple>

namespace postoffice::broker {

namespace {

constexpr std::int16_t kOffsetCommitKey = 8;
constexpr std::int16_t kOffsetFetchKey = 9;
constexpr std::int16_t kJoinGroupKey = 11;
constexpr std::int16_t kHeartbeatKey = 12;
constexpr std::int16_t kLeaveGroupKey = 13;
constexpr std::int16_t kSyncGroupKey = 14;
constexpr std::int16_t kDescribeGroupsKey = 15;
constexpr std::int16_t kListGroupsKey = 16;

// Kafka's answer to IncludeAuthorizedOperations without an authorizer: every operation a group
// supports (AclOperation READ=3, DELETE=6, DESCRIBE=8, as bits).
constexpr std::int32_t kGroupAuthorizedOperations = (1 << 3) | (1 << 6) | (1 << 8);

bool versionServed(std::int16_t apiKey, std::int16_t version)
{
    auto within = [version](std::int16_t lo, std::int16_t hi) { return version >= lo && version <= hi; };
    switch (apiKey) {
    case kOffsetCommitKey:
        return within(kOffsetCommitMinVersion, kOffsetCommitMaxVersion);
    case kOffsetFetchKey:
        return within(kOffsetFetchMinVersion, kOffsetFetchMaxVersion);
    case kJoinGroupKey:
        return within(kJoinGroupMinVersion, kJoinGroupMaxVersion);
    case kHeartbeatKey:
        return within(kHeartbeatMinVersion, kHeartbeatMaxVersion);
    case kLeaveGroupKey:
        return within(kLeaveGroupMinVersion, kLeaveGroupMaxVersion);
    case kSyncGroupKey:
        return within(kSyncGroupMinVersion, kSyncGroupMaxVersion);
    case kDescribeGroupsKey:
        return within(kDescribeGroupsMinVersion, kDescribeGroupsMaxVersion);
    case kListGroupsKey:
        return within(kListGroupsMinVersion, kListGroupsMaxVersion);
    default:
        return false;
    }
}

template<typename Response, typename Encode>
std::vector<std::uint8_t> encoded(std::int16_t version, const Response &response, Encode encode)
{
    WireWriter out;
    encode(out, version, response);
    return std::move(out.buffer());
}

std::string quoted(const std::string &s)
{
    return "'" + s + "'";
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

WireGroupCoordinator::WireGroupCoordinator(const Clock &clock, WireGroupConfig config)
    : m_clock(clock), m_config(config)
{}

WireGroupCoordinator::~WireGroupCoordinator() = default;

void WireGroupCoordinator::setListener(std::function<void(const WireGroupEvent &)> listener)
{
    m_listener = std::move(listener);
}

void WireGroupCoordinator::setCommitValidator(
    std::function<ErrorCode(const std::string &topic, std::int32_t partition)> check)
{
    m_commitValidator = std::move(check);
}

// --- entry points ----------------------------------------------------------------------------------------

bool WireGroupCoordinator::handle(std::int16_t apiKey, std::int16_t apiVersion,
                                  std::span<const std::uint8_t> body, const std::string &clientId,
                                  const std::string &clientHost, Reply reply)
{
    if (!versionServed(apiKey, apiVersion))
        return false;
    // Timers that fell due before this request act first, as they would have on a broker.
    const std::int64_t now = m_clock.nowMs();
    processDue(now);
    m_nowMs = std::max(m_nowMs, now);
    switch (apiKey) {
    case kOffsetCommitKey:
        offsetCommit(apiVersion, body, std::move(reply));
        break;
    case kOffsetFetchKey:
        offsetFetch(apiVersion, body, std::move(reply));
        break;
    case kJoinGroupKey:
        joinGroup(apiVersion, body, clientId, clientHost, std::move(reply));
        break;
    case kHeartbeatKey:
        heartbeat(apiVersion, body, std::move(reply));
        break;
    case kLeaveGroupKey:
        leaveGroup(apiVersion, body, std::move(reply));
        break;
    case kSyncGroupKey:
        syncGroup(apiVersion, body, std::move(reply));
        break;
    case kDescribeGroupsKey:
        describeGroups(apiVersion, body, std::move(reply));
        break;
    case kListGroupsKey:
        listGroups(apiVersion, body, std::move(reply));
        break;
    }
    // A zero group.initial.rebalance.delay.ms (or a join that completed the phase) is due right now.
    processDue(now);
    flush();
    return true;
}

std::optional<std::int64_t> WireGroupCoordinator::nextDeadlineMs() const
{
    const auto due = earliestDue();
    if (!due)
        return std::nullopt;
    return due->atMs;
}

void WireGroupCoordinator::advance(std::int64_t nowMs)
{
    processDue(nowMs);
    flush();
}

void WireGroupCoordinator::processDue(std::int64_t nowMs)
{
    // One deadline at a time, earliest first: each may change or remove the others.
    while (auto due = earliestDue()) {
        if (due->atMs > nowMs)
            break;
        m_nowMs = std::max(m_nowMs, due->atMs);
        Group *g = findGroup(due->groupId);
        if (!g)
            break; // cannot happen: deadlines come from existing groups
        switch (due->kind) {
        case DueKind::MemberExpiry: {
            const Member *m = findMember(*g, due->memberId);
            const std::string clientId = m ? m->clientId : std::string();
            const std::int32_t timeout = m ? m->sessionTimeoutMs : 0;
            const bool isNew = m && m->isNew;
            emit(WireGroupEvent::Kind::MemberExpired, *g, due->memberId, clientId,
                 "Member " + due->memberId + " (client " + clientId + ") of group " + g->id + " expired: " +
                     (isNew ? "it never completed its first rebalance"
                            : "no heartbeat within session.timeout.ms (" + std::to_string(timeout) + " ms)"));
            removeMemberAndUpdateGroup(*g, due->memberId, ErrorCode::UnknownMemberId,
                                       "member " + due->memberId + " expired");
            break;
        }
        case DueKind::PendingExpiry:
            removePendingMember(*g, due->memberId);
            break;
        case DueKind::SyncExpiry:
            onSyncDeadline(*g);
            break;
        case DueKind::JoinDeadline:
            onJoinDeadline(*g);
            break;
        }
        maybeForgetGroup(due->groupId);
    }
    m_nowMs = std::max(m_nowMs, nowMs);
}

std::optional<WireGroupCoordinator::Due> WireGroupCoordinator::earliestDue() const
{
    std::optional<Due> best;
    auto consider = [&best](std::int64_t at, DueKind kind, const std::string &groupId,
                            const std::string &memberId) {
        if (!best || std::tie(at, groupId, kind, memberId) <
                         std::tie(best->atMs, best->groupId, best->kind, best->memberId))
            best = Due{at, kind, groupId, memberId};
    };
    for (const auto &[id, g] : m_groups) {
        for (const Member &m : g.members)
            if (const auto at = memberDeadline(m))
                consider(*at, DueKind::MemberExpiry, id, m.id);
        for (const auto &[memberId, at] : g.pending)
            consider(at, DueKind::PendingExpiry, id, memberId);
        if (g.syncDeadlineMs)
            consider(*g.syncDeadlineMs, DueKind::SyncExpiry, id, {});
        if (g.joinDeadlineMs)
            consider(*g.joinDeadlineMs, DueKind::JoinDeadline, id, {});
    }
    return best;
}

std::optional<std::int64_t> WireGroupCoordinator::memberDeadline(const Member &m) const
{
    if (m.isNew)
        return m.lastHeartbeatMs + m_config.newMemberJoinTimeoutMs;
    // A member waiting for the join phase or the leader's assignment is alive by definition.
    if (m.join || m.sync)
        return std::nullopt;
    return m.lastHeartbeatMs + m.sessionTimeoutMs;
}

// --- JoinGroup ---------------------------------------------------------------------------------------------

void WireGroupCoordinator::joinGroup(std::int16_t version, std::span<const std::uint8_t> body,
                                     const std::string &clientId, const std::string &clientHost, Reply reply)
{
    WireReader in(body);
    JoinGroupRequest req;
    PendingReply to{version, std::move(reply)};
    if (!decodeJoinGroupRequest(in, version, req))
        return replyJoinError(to, ErrorCode::InvalidRequest, {});
    if (req.groupId.empty())
        return replyJoinError(to, ErrorCode::InvalidGroupId, req.memberId);
    if (req.sessionTimeoutMs < m_config.minSessionTimeoutMs ||
        req.sessionTimeoutMs > m_config.maxSessionTimeoutMs)
        return replyJoinError(to, ErrorCode::InvalidSessionTimeout, req.memberId);
    // v0 has no rebalance timeout: Kafka waits the session timeout instead.
    const std::int32_t rebalanceTimeout =
        version == 0 || req.rebalanceTimeoutMs < 0 ? req.sessionTimeoutMs : req.rebalanceTimeoutMs;

    const bool unknownMember = req.memberId.empty();
    Group *g = findGroup(req.groupId);
    if (!g) {
        // Only a member without an id creates a group; an id for a group that does not exist is stale.
        if (!unknownMember)
            return replyJoinError(to, ErrorCode::UnknownMemberId, req.memberId);
        g = &m_groups[req.groupId];
        g->id = req.groupId;
    }
    if (unknownMember)
        newMemberJoin(*g, req, version, rebalanceTimeout, clientId, clientHost, to.reply);
    else
        currentMemberJoin(*g, req, version, rebalanceTimeout, clientId, clientHost, to.reply);
    if (Group *again = findGroup(req.groupId); again && again->state == WireGroupState::PreparingRebalance)
        maybeCompleteJoin(*again);
    maybeForgetGroup(req.groupId);
}

void WireGroupCoordinator::newMemberJoin(Group &g, const JoinGroupRequest &req, std::int16_t version,
                                         std::int32_t rebalanceTimeoutMs, const std::string &clientId,
                                         const std::string &clientHost, Reply reply)
{
    PendingReply to{version, std::move(reply)};
    if (g.state == WireGroupState::Dead)
        return replyJoinError(to, ErrorCode::CoordinatorNotAvailable, req.memberId);
    if (!supportsProtocols(g, req.protocolType, req.protocols))
        return replyJoinError(to, ErrorCode::InconsistentGroupProtocol, req.memberId);

    if (req.groupInstanceId) {
        // Static member: known by its instance id, so no MEMBER_ID_REQUIRED round.
        const std::string memberId = newMemberId(*req.groupInstanceId);
        Member *old = nullptr;
        for (Member &m : g.members)
            if (m.instanceId == req.groupInstanceId)
                old = &m;
        if (!old)
            return addMemberAndRebalance(g, memberId, req, version, rebalanceTimeoutMs, clientId, clientHost,
                                         std::move(to.reply));
        return replaceStaticMember(g, *old, memberId, req, version, rebalanceTimeoutMs, clientId, clientHost,
                                   std::move(to.reply));
    }
    const std::string memberId = newMemberId(clientId);
    if (version >= 4) {
        // KIP-394: the member id is handed out first and only a member that comes back with it joins,
        // so a client that gives up mid-join does not leave a ghost member behind.
        g.pending[memberId] = m_nowMs + req.sessionTimeoutMs;
        return replyJoinError(to, ErrorCode::MemberIdRequired, memberId);
    }
    addMemberAndRebalance(g, memberId, req, version, rebalanceTimeoutMs, clientId, clientHost,
                          std::move(to.reply));
}

void WireGroupCoordinator::replaceStaticMember(Group &g, Member &old, const std::string &memberId,
                                               const JoinGroupRequest &req, std::int16_t version,
                                               std::int32_t rebalanceTimeoutMs, const std::string &clientId,
                                               const std::string &clientHost, Reply reply)
{
    // A restarted instance (same group.instance.id) takes over its predecessor's place: same
    // partitions, same leadership; the predecessor is fenced (FENCED_INSTANCE_ID from now on).
    const std::string previous = old.id;
    emit(WireGroupEvent::Kind::MemberFenced, g, previous, old.clientId,
         "Member " + previous + " of group " + g.id + " was replaced by a new instance of " +
             quoted(*req.groupInstanceId) + " (" + memberId + ")");
    if (old.join)
        replyJoinError(*old.join, ErrorCode::FencedInstanceId, previous);
    if (old.sync)
        replySyncError(*old.sync, ErrorCode::FencedInstanceId);
    old.join.reset();
    old.sync.reset();
    const bool sameProtocolsAsBefore = sameProtocols(old, req.protocols);
    old.id = memberId;
    old.clientId = clientId;
    old.clientHost = clientHost;
    old.sessionTimeoutMs = req.sessionTimeoutMs;
    old.rebalanceTimeoutMs = rebalanceTimeoutMs;
    old.protocols = req.protocols;
    old.lastHeartbeatMs = m_nowMs;
    if (g.leaderId == previous)
        g.leaderId = memberId;
    std::replace(g.pendingSync.begin(), g.pendingSync.end(), previous, memberId);
    old.join = PendingReply{version, std::move(reply)};
    // Kafka's point of static membership: a follower coming back unchanged to a stable group gets the
    // current generation and its old assignment, without a rebalance. A leader (which must see the
    // members again) or a changed subscription rebalances.
    if (g.state == WireGroupState::Stable && g.leaderId != memberId && sameProtocolsAsBefore)
        return sendJoinResponse(g, old);
    maybePrepareRebalance(g, "member " + memberId + " replaced " + previous);
}

void WireGroupCoordinator::currentMemberJoin(Group &g, const JoinGroupRequest &req, std::int16_t version,
                                             std::int32_t rebalanceTimeoutMs, const std::string &clientId,
                                             const std::string &clientHost, Reply reply)
{
    PendingReply to{version, std::move(reply)};
    if (g.state == WireGroupState::Dead)
        return replyJoinError(to, ErrorCode::CoordinatorNotAvailable, req.memberId);
    if (!supportsProtocols(g, req.protocolType, req.protocols))
        return replyJoinError(to, ErrorCode::InconsistentGroupProtocol, req.memberId);
    if (g.pending.contains(req.memberId)) {
        g.pending.erase(req.memberId);
        return addMemberAndRebalance(g, req.memberId, req, version, rebalanceTimeoutMs, clientId, clientHost,
                                     std::move(to.reply));
    }
    if (const ErrorCode e = validateMember(g, req.memberId, req.groupInstanceId); e != ErrorCode::None)
        return replyJoinError(to, e, req.memberId);
    Member &m = *findMember(g, req.memberId);
    switch (g.state) {
    case WireGroupState::PreparingRebalance:
        return updateMemberAndRebalance(g, m, req, version, rebalanceTimeoutMs, std::move(to.reply),
                                        "member " + m.id + " rejoined");
    case WireGroupState::CompletingRebalance:
        if (sameProtocols(m, req.protocols)) {
            // It lost its JoinGroup response: the same one again.
            m.join = to;
            return sendJoinResponse(g, m);
        }
        return updateMemberAndRebalance(g, m, req, version, rebalanceTimeoutMs, std::move(to.reply),
                                        "member " + m.id + " changed its metadata");
    case WireGroupState::Stable:
        if (g.leaderId == m.id)
            // The leader rejoins to have partitions reassigned (e.g. after topic metadata changed).
            return updateMemberAndRebalance(g, m, req, version, rebalanceTimeoutMs, std::move(to.reply),
                                            "leader " + m.id + " rejoined");
        if (!sameProtocols(m, req.protocols))
            return updateMemberAndRebalance(g, m, req, version, rebalanceTimeoutMs, std::move(to.reply),
                                            "member " + m.id + " changed its subscription");
        m.join = to;
        return sendJoinResponse(g, m);
    case WireGroupState::Empty:
    case WireGroupState::Dead:
        return replyJoinError(to, ErrorCode::UnknownMemberId, req.memberId);
    }
}

void WireGroupCoordinator::addMemberAndRebalance(Group &g, std::string memberId, const JoinGroupRequest &req,
                                                 std::int16_t version, std::int32_t rebalanceTimeoutMs,
                                                 const std::string &clientId, const std::string &clientHost,
                                                 Reply reply)
{
    // A newcomer during the very first rebalance extends group.initial.rebalance.delay.ms once more.
    if (g.state == WireGroupState::PreparingRebalance && g.generation == 0)
        g.newMemberAdded = true;
    if (g.members.empty())
        g.protocolType = req.protocolType;
    if (g.leaderId.empty())
        g.leaderId = memberId;
    Member m;
    m.id = std::move(memberId);
    m.instanceId = req.groupInstanceId;
    m.clientId = clientId;
    m.clientHost = clientHost;
    m.sessionTimeoutMs = req.sessionTimeoutMs;
    m.rebalanceTimeoutMs = rebalanceTimeoutMs;
    m.protocolType = req.protocolType;
    m.protocols = req.protocols;
    m.join = PendingReply{version, std::move(reply)};
    m.lastHeartbeatMs = m_nowMs;
    m.isNew = true;
    const std::string id = m.id;
    g.members.push_back(std::move(m));
    emit(WireGroupEvent::Kind::MemberJoined, g, id, clientId,
         "Member " + id + " (client " + clientId + (clientHost.empty() ? "" : " from " + clientHost) +
             ") joined group " + g.id);
    maybePrepareRebalance(g, "member " + id + " joined");
}

void WireGroupCoordinator::updateMemberAndRebalance(Group &g, Member &m, const JoinGroupRequest &req,
                                                    std::int16_t version, std::int32_t rebalanceTimeoutMs,
                                                    Reply reply, const std::string &reason)
{
    m.protocols = req.protocols;
    m.sessionTimeoutMs = req.sessionTimeoutMs;
    m.rebalanceTimeoutMs = rebalanceTimeoutMs;
    // A second JoinGroup while the first still waits (another connection): the first is answered
    // so that every request gets exactly one response; the client rejoins, which is harmless.
    if (m.join)
        replyJoinError(*m.join, ErrorCode::RebalanceInProgress, m.id);
    m.join = PendingReply{version, std::move(reply)};
    maybePrepareRebalance(g, reason);
}

void WireGroupCoordinator::maybePrepareRebalance(Group &g, const std::string &reason)
{
    if (g.state == WireGroupState::Stable || g.state == WireGroupState::CompletingRebalance ||
        g.state == WireGroupState::Empty)
        prepareRebalance(g, reason);
}

void WireGroupCoordinator::prepareRebalance(Group &g, const std::string &reason)
{
    if (g.state == WireGroupState::CompletingRebalance) {
        // The assignment being made is for a membership that no longer holds.
        for (Member &m : g.members) {
            m.assignment.clear();
            if (m.sync) {
                replySyncError(*m.sync, ErrorCode::RebalanceInProgress);
                m.sync.reset();
            }
        }
    }
    g.syncDeadlineMs.reset();
    g.pendingSync.clear();
    if (g.state == WireGroupState::Empty) {
        // group.initial.rebalance.delay.ms: give the other members of a starting application time to
        // arrive, so that the group does not rebalance once per member.
        g.initialJoin = true;
        g.initialDelayMs = m_config.initialRebalanceDelayMs;
        g.initialRemainingMs = std::max<std::int64_t>(rebalanceTimeoutMs(g) - g.initialDelayMs, 0);
        g.newMemberAdded = false;
        g.joinDeadlineMs = m_nowMs + g.initialDelayMs;
    } else {
        g.initialJoin = false;
        g.joinDeadlineMs = m_nowMs + rebalanceTimeoutMs(g);
    }
    g.state = WireGroupState::PreparingRebalance;
    emit(WireGroupEvent::Kind::RebalanceStarted, g, {}, {},
         "Group " + g.id + " is rebalancing (generation " + std::to_string(g.generation) + ", " +
             std::to_string(g.members.size()) + " member" + (g.members.size() == 1 ? "" : "s") +
             "): " + reason);
    // Everyone may already be waiting (a lone member rejoining): the join phase ends at once.
    maybeCompleteJoin(g);
}

void WireGroupCoordinator::maybeCompleteJoin(Group &g)
{
    if (g.state != WireGroupState::PreparingRebalance || g.initialJoin)
        return;
    const bool allJoined = g.pending.empty() && std::all_of(g.members.begin(), g.members.end(),
                                                            [](const Member &m) { return bool(m.join); });
    if (allJoined)
        completeJoin(g);
}

void WireGroupCoordinator::onJoinDeadline(Group &g)
{
    if (g.initialJoin && g.newMemberAdded && g.initialRemainingMs > 0) {
        // Someone arrived during the delay: wait once more, but never beyond the rebalance timeout.
        g.newMemberAdded = false;
        const std::int64_t delay = std::min(m_config.initialRebalanceDelayMs, g.initialRemainingMs);
        g.initialRemainingMs = std::max<std::int64_t>(g.initialRemainingMs - g.initialDelayMs, 0);
        g.initialDelayMs = delay;
        g.joinDeadlineMs = m_nowMs + delay;
        return;
    }
    completeJoin(g);
}

void WireGroupCoordinator::completeJoin(Group &g)
{
    g.joinDeadlineMs.reset();
    g.initialJoin = false;
    // Members that did not rejoin within rebalance.timeout.ms are out.
    std::vector<std::string> late;
    for (const Member &m : g.members)
        if (!m.join)
            late.push_back(m.id);
    for (const std::string &id : late) {
        const Member *m = findMember(g, id);
        emit(WireGroupEvent::Kind::MemberExpired, g, id, m ? m->clientId : std::string(),
             "Member " + id + " of group " + g.id +
                 " was removed: it did not rejoin within rebalance.timeout.ms (" +
                 std::to_string(rebalanceTimeoutMs(g)) + " ms)");
        eraseMember(g, id);
    }
    ++g.generation;
    if (g.members.empty()) {
        g.state = WireGroupState::Empty;
        g.protocolName.reset();
        g.leaderId.clear();
        emit(WireGroupEvent::Kind::RebalanceCompleted, g, {}, {},
             "Group " + g.id + " is empty at generation " + std::to_string(g.generation));
        return;
    }
    if (!findMember(g, g.leaderId))
        g.leaderId = g.members.front().id;
    g.protocolName = selectProtocol(g);
    g.state = WireGroupState::CompletingRebalance;
    for (Member &m : g.members) {
        m.isNew = false;
        m.lastHeartbeatMs = m_nowMs;
        sendJoinResponse(g, m);
    }
    // Every member must now fetch its assignment within the rebalance timeout.
    g.pendingSync.clear();
    for (const Member &m : g.members)
        g.pendingSync.push_back(m.id);
    g.syncDeadlineMs = m_nowMs + rebalanceTimeoutMs(g);
    emit(WireGroupEvent::Kind::RebalanceCompleted, g, {}, {},
         "Group " + g.id + " formed generation " + std::to_string(g.generation) + " with " +
             std::to_string(g.members.size()) + " member" + (g.members.size() == 1 ? "" : "s") + ", leader " +
             g.leaderId + ", protocol " + quoted(*g.protocolName));
}

void WireGroupCoordinator::onSyncDeadline(Group &g)
{
    g.syncDeadlineMs.reset();
    if (g.state != WireGroupState::CompletingRebalance && g.state != WireGroupState::Stable) {
        g.pendingSync.clear();
        return;
    }
    const std::vector<std::string> late = std::exchange(g.pendingSync, {});
    if (late.empty())
        return;
    for (const std::string &id : late) {
        const Member *m = findMember(g, id);
        if (!m)
            continue;
        emit(WireGroupEvent::Kind::MemberExpired, g, id, m->clientId,
             "Member " + id + " of group " + g.id +
                 " was removed: it did not fetch its assignment (SyncGroup) within rebalance.timeout.ms");
        if (m->join)
            replyJoinError(*m->join, ErrorCode::UnknownMemberId, {});
        if (m->sync)
            replySyncError(*m->sync, ErrorCode::UnknownMemberId);
        eraseMember(g, id);
    }
    prepareRebalance(g, "members did not fetch their assignment in time");
}

void WireGroupCoordinator::sendJoinResponse(const Group &g, Member &m)
{
    if (!m.join)
        return;
    JoinGroupResponse r;
    r.generationId = g.generation;
    r.protocolName = g.protocolName.value_or(std::string());
    r.leader = g.leaderId;
    r.memberId = m.id;
    if (m.id == g.leaderId) {
        for (const Member &other : g.members) {
            JoinGroupResponseMember jm;
            jm.memberId = other.id;
            jm.groupInstanceId = other.instanceId;
            if (const auto *meta = metadataFor(other, r.protocolName))
                jm.metadata = *meta;
            r.members.push_back(std::move(jm));
        }
    }
    send(m.join->reply, encoded(m.join->version, r, encodeJoinGroupResponse));
    m.join.reset();
}

void WireGroupCoordinator::replyJoinError(const PendingReply &to, ErrorCode error,
                                          const std::string &memberId)
{
    JoinGroupResponse r;
    r.errorCode = error;
    r.memberId = memberId;
    send(to.reply, encoded(to.version, r, encodeJoinGroupResponse));
}

void WireGroupCoordinator::replySyncError(const PendingReply &to, ErrorCode error)
{
    SyncGroupResponse r;
    r.errorCode = error;
    send(to.reply, encoded(to.version, r, encodeSyncGroupResponse));
}

void WireGroupCoordinator::removeMemberAndUpdateGroup(Group &g, const std::string &memberId,
                                                      ErrorCode pendingReplyError, const std::string &reason)
{
    Member *m = findMember(g, memberId);
    if (!m)
        return;
    // A request still waiting for this member is answered: the client learns it is out.
    if (m->join)
        replyJoinError(*m->join, pendingReplyError, {});
    if (m->sync)
        replySyncError(*m->sync, pendingReplyError);
    eraseMember(g, memberId);
    switch (g.state) {
    case WireGroupState::Dead:
    case WireGroupState::Empty:
        break;
    case WireGroupState::Stable:
    case WireGroupState::CompletingRebalance:
        maybePrepareRebalance(g, reason);
        break;
    case WireGroupState::PreparingRebalance:
        maybeCompleteJoin(g);
        break;
    }
}

void WireGroupCoordinator::eraseMember(Group &g, const std::string &memberId)
{
    std::erase_if(g.members, [&](const Member &m) { return m.id == memberId; });
    std::erase(g.pendingSync, memberId);
    if (g.leaderId == memberId)
        g.leaderId = g.members.empty() ? std::string() : g.members.front().id;
}

void WireGroupCoordinator::removePendingMember(Group &g, const std::string &memberId)
{
    g.pending.erase(memberId);
    if (g.state == WireGroupState::PreparingRebalance)
        maybeCompleteJoin(g);
}

ErrorCode WireGroupCoordinator::validateMember(const Group &g, const std::string &memberId,
                                               const std::optional<std::string> &instanceId) const
{
    if (instanceId) {
        // Another member now holds this group.instance.id: this one is a stale incarnation.
        for (const Member &m : g.members)
            if (m.instanceId == instanceId && m.id != memberId)
                return ErrorCode::FencedInstanceId;
    }
    const Member *m = findMember(g, memberId);
    if (!m)
        return ErrorCode::UnknownMemberId;
    if (instanceId && m->instanceId != instanceId)
        return ErrorCode::UnknownMemberId;
    return ErrorCode::None;
}

bool WireGroupCoordinator::supportsProtocols(const Group &g, const std::string &protocolType,
                                             const std::vector<JoinGroupRequestProtocol> &protocols)
{
    if (g.state == WireGroupState::Empty || g.members.empty())
        return !protocolType.empty() && !protocols.empty();
    if (protocolType != g.protocolType)
        return false;
    // At least one of the newcomer's protocols must be one that every member supports.
    for (const JoinGroupRequestProtocol &p : protocols) {
        const bool everyone = std::all_of(g.members.begin(), g.members.end(),
                                          [&](const Member &m) { return metadataFor(m, p.name) != nullptr; });
        if (everyone)
            return true;
    }
    return false;
}

bool WireGroupCoordinator::sameProtocols(const Member &m,
                                         const std::vector<JoinGroupRequestProtocol> &protocols)
{
    return m.protocols == protocols;
}

std::string WireGroupCoordinator::selectProtocol(const Group &g)
{
    // Kafka's choice: among the protocols every member supports, each member votes for the first one
    // in its own preference order; the most votes win. Kafka breaks ties by hash order; here the
    // leader's preference order decides, so that the same joins always give the same protocol.
    const Member *leader = findMember(g, g.leaderId);
    if (!leader)
        leader = &g.members.front();
    std::vector<std::string> candidates;
    for (const JoinGroupRequestProtocol &p : leader->protocols) {
        const bool everyone = std::all_of(g.members.begin(), g.members.end(),
                                          [&](const Member &m) { return metadataFor(m, p.name) != nullptr; });
        if (everyone && std::find(candidates.begin(), candidates.end(), p.name) == candidates.end())
            candidates.push_back(p.name);
    }
    if (candidates.empty())
        return leader->protocols.empty() ? std::string() : leader->protocols.front().name;
    std::map<std::string, int> votes;
    for (const Member &m : g.members)
        for (const JoinGroupRequestProtocol &p : m.protocols)
            if (std::find(candidates.begin(), candidates.end(), p.name) != candidates.end()) {
                ++votes[p.name];
                break;
            }
    std::string best = candidates.front();
    for (const std::string &c : candidates)
        if (votes[c] > votes[best])
            best = c;
    return best;
}

std::int32_t WireGroupCoordinator::rebalanceTimeoutMs(const Group &g)
{
    std::int32_t timeout = 0;
    for (const Member &m : g.members)
        timeout = std::max(timeout, m.rebalanceTimeoutMs);
    return timeout;
}

WireGroupCoordinator::Member *WireGroupCoordinator::findMember(Group &g, const std::string &memberId)
{
    for (Member &m : g.members)
        if (m.id == memberId)
            return &m;
    return nullptr;
}

const WireGroupCoordinator::Member *WireGroupCoordinator::findMember(const Group &g,
                                                                     const std::string &memberId)
{
    for (const Member &m : g.members)
        if (m.id == memberId)
            return &m;
    return nullptr;
}

const std::vector<std::uint8_t> *WireGroupCoordinator::metadataFor(const Member &m,
                                                                   const std::string &protocol)
{
    for (const JoinGroupRequestProtocol &p : m.protocols)
        if (p.name == protocol)
            return &p.metadata;
    return nullptr;
}

WireGroupCoordinator::Group *WireGroupCoordinator::findGroup(const std::string &groupId)
{
    const auto it = m_groups.find(groupId);
    return it == m_groups.end() ? nullptr : &it->second;
}

const WireGroupCoordinator::Group *WireGroupCoordinator::findGroup(const std::string &groupId) const
{
    const auto it = m_groups.find(groupId);
    return it == m_groups.end() ? nullptr : &it->second;
}

void WireGroupCoordinator::maybeForgetGroup(const std::string &groupId)
{
    // A group that never formed (a failed first join, or a member id handed out and never used) and
    // holds no offsets leaves no trace, as Kafka's cleanup would remove it.
    const Group *g = findGroup(groupId);
    if (g && g->state == WireGroupState::Empty && g->generation == 0 && g->members.empty() &&
        g->pending.empty() && g->offsets.empty())
        m_groups.erase(groupId);
}

std::string WireGroupCoordinator::newMemberId(const std::string &prefix)
{
    // Kafka appends a random UUID; a counter keeps runs reproducible and the ids as unique.
    return prefix + "-" + std::to_string(++m_memberCounter);
}

// --- SyncGroup, Heartbeat, LeaveGroup
// ------------------------------------------------------------------------

void WireGroupCoordinator::syncGroup(std::int16_t version, std::span<const std::uint8_t> body, Reply reply)
{
    WireReader in(body);
    SyncGroupRequest req;
    PendingReply to{version, std::move(reply)};
    if (!decodeSyncGroupRequest(in, version, req))
        return replySyncError(to, ErrorCode::InvalidRequest);
    if (req.groupId.empty())
        return replySyncError(to, ErrorCode::InvalidGroupId);
    Group *g = findGroup(req.groupId);
    if (!g)
        return replySyncError(to, ErrorCode::UnknownMemberId);
    if (g->state == WireGroupState::Dead)
        return replySyncError(to, ErrorCode::CoordinatorNotAvailable);
    if (const ErrorCode e = validateMember(*g, req.memberId, req.groupInstanceId); e != ErrorCode::None)
        return replySyncError(to, e);
    if (req.generationId != g->generation)
        return replySyncError(to, ErrorCode::IllegalGeneration);
    Member &m = *findMember(*g, req.memberId);
    switch (g->state) {
    case WireGroupState::Empty:
    case WireGroupState::Dead:
        return replySyncError(to, ErrorCode::UnknownMemberId);
    case WireGroupState::PreparingRebalance:
        return replySyncError(to, ErrorCode::RebalanceInProgress);
    case WireGroupState::CompletingRebalance: {
        if (m.sync)
            replySyncError(*m.sync, ErrorCode::RebalanceInProgress);
        m.sync = std::move(to);
        std::erase(g->pendingSync, m.id);
        if (m.id != g->leaderId)
            return; // waits for the leader's assignment
        // The leader's assignment: members it left out get an empty one; ids it made up are ignored.
        for (Member &member : g->members) {
            member.assignment.clear();
            for (const SyncGroupRequestAssignment &a : req.assignments)
                if (a.memberId == member.id)
                    member.assignment = a.assignment;
        }
        for (Member &member : g->members) {
            if (!member.sync)
                continue;
            SyncGroupResponse r;
            r.assignment = member.assignment;
            send(member.sync->reply, encoded(member.sync->version, r, encodeSyncGroupResponse));
            member.sync.reset();
            member.lastHeartbeatMs = m_nowMs;
        }
        g->state = WireGroupState::Stable;
        if (g->pendingSync.empty())
            g->syncDeadlineMs.reset();
        emit(WireGroupEvent::Kind::GroupStable, *g, {}, {},
             "Group " + g->id + " is stable at generation " + std::to_string(g->generation) +
                 ": the leader's assignment was handed to " + std::to_string(g->members.size()) + " member" +
                 (g->members.size() == 1 ? "" : "s"));
        return;
    }
    case WireGroupState::Stable: {
        std::erase(g->pendingSync, m.id);
        if (g->pendingSync.empty())
            g->syncDeadlineMs.reset();
        SyncGroupResponse r;
        r.assignment = m.assignment;
        m.lastHeartbeatMs = m_nowMs;
        return send(to.reply, encoded(version, r, encodeSyncGroupResponse));
    }
    }
}

void WireGroupCoordinator::heartbeat(std::int16_t version, std::span<const std::uint8_t> body, Reply reply)
{
    WireReader in(body);
    HeartbeatRequest req;
    HeartbeatResponse r;
    auto answer = [&](ErrorCode e) {
        r.errorCode = e;
        send(reply, encoded(version, r, encodeHeartbeatResponse));
    };
    if (!decodeHeartbeatRequest(in, version, req))
        return answer(ErrorCode::InvalidRequest);
    if (req.groupId.empty())
        return answer(ErrorCode::InvalidGroupId);
    Group *g = findGroup(req.groupId);
    if (!g)
        return answer(ErrorCode::UnknownMemberId);
    if (g->state == WireGroupState::Dead)
        return answer(ErrorCode::CoordinatorNotAvailable);
    if (const ErrorCode e = validateMember(*g, req.memberId, req.groupInstanceId); e != ErrorCode::None)
        return answer(e);
    if (req.generationId != g->generation)
        return answer(ErrorCode::IllegalGeneration);
    Member &m = *findMember(*g, req.memberId);
    switch (g->state) {
    case WireGroupState::Empty:
    case WireGroupState::Dead:
        return answer(ErrorCode::UnknownMemberId);
    case WireGroupState::PreparingRebalance:
        // Alive, but must rejoin: the heartbeat is how a member learns of the rebalance.
        m.lastHeartbeatMs = m_nowMs;
        return answer(ErrorCode::RebalanceInProgress);
    case WireGroupState::CompletingRebalance:
    case WireGroupState::Stable:
        m.lastHeartbeatMs = m_nowMs;
        return answer(ErrorCode::None);
    }
}

void WireGroupCoordinator::leaveGroup(std::int16_t version, std::span<const std::uint8_t> body, Reply reply)
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
        send(reply, encoded(version, r, encodeLeaveGroupResponse));
    };
    if (!decodeLeaveGroupRequest(in, version, req)) {
        r.errorCode = ErrorCode::InvalidRequest;
        return answer();
    }
    if (req.groupId.empty()) {
        r.errorCode = ErrorCode::InvalidGroupId;
        return answer();
    }
    Group *g = findGroup(req.groupId);
    if (g && g->state == WireGroupState::Dead) {
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
            for (const Member &m : g->members)
                if (who.groupInstanceId && m.instanceId == who.groupInstanceId)
                    memberId = m.id;
        } else if (g->pending.contains(memberId)) {
            removePendingMember(*g, memberId);
            memberId.clear();
        } else {
            mr.errorCode = validateMember(*g, memberId, who.groupInstanceId);
            if (mr.errorCode != ErrorCode::None)
                memberId.clear();
        }
        if (g && !memberId.empty() && findMember(*g, memberId)) {
            mr.errorCode = ErrorCode::None;
            const Member *m = findMember(*g, memberId);
            emit(WireGroupEvent::Kind::MemberLeft, *g, memberId, m->clientId,
                 "Member " + memberId + " (client " + m->clientId + ") left group " + g->id);
            removeMemberAndUpdateGroup(*g, memberId, ErrorCode::UnknownMemberId,
                                       "member " + memberId + " left");
        }
        r.members.push_back(std::move(mr));
    }
    answer();
    maybeForgetGroup(req.groupId);
}

// --- offsets -----------------------------------------------------------------------------------------------

void WireGroupCoordinator::offsetCommit(std::int16_t version, std::span<const std::uint8_t> body, Reply reply)
{
    WireReader in(body);
    OffsetCommitRequest req;
    OffsetCommitResponse r;
    if (!decodeOffsetCommitRequest(in, version, req))
        return send(reply, encoded(version, r, encodeOffsetCommitResponse));

    // One error for the whole request (group-level), or per partition below.
    ErrorCode groupError = ErrorCode::None;
    Group *g = findGroup(req.groupId);
    if (!g) {
        // A consumer that assigns its partitions itself (generation -1) stores offsets in a group of
        // its own; any other generation for a group that does not exist is a stale member.
        if (req.generationId < 0) {
            g = &m_groups[req.groupId];
            g->id = req.groupId;
        } else {
            groupError = ErrorCode::IllegalGeneration;
        }
    } else if (g->state == WireGroupState::Dead) {
        groupError = ErrorCode::CoordinatorNotAvailable;
    } else if (req.generationId < 0 && g->state == WireGroupState::Empty) {
        // A simple (standalone) consumer's commit: allowed while no member uses the group.
    } else if (const ErrorCode e = validateMember(*g, req.memberId, req.groupInstanceId);
               e != ErrorCode::None) {
        groupError = e;
    } else if (req.generationId != g->generation) {
        groupError = ErrorCode::IllegalGeneration;
    } else if (g->state == WireGroupState::CompletingRebalance) {
        // The member has the new generation but not its assignment yet.
        groupError = ErrorCode::RebalanceInProgress;
    } else {
        // Stable, or PreparingRebalance (the heartbeat tells it to rejoin): the commit counts.
        findMember(*g, req.memberId)->lastHeartbeatMs = m_nowMs;
    }

    std::size_t stored = 0;
    for (const OffsetCommitRequestTopic &topic : req.topics) {
        OffsetCommitResponseTopic rt;
        rt.name = topic.name;
        for (const OffsetCommitRequestPartition &p : topic.partitions) {
            ErrorCode e = groupError;
            if (e == ErrorCode::None && p.committedMetadata &&
                p.committedMetadata->size() > std::size_t(m_config.maxOffsetMetadataBytes))
                e = ErrorCode::OffsetMetadataTooLarge;
            if (e == ErrorCode::None && m_commitValidator)
                e = m_commitValidator(topic.name, p.partitionIndex);
            if (e == ErrorCode::None) {
                Committed &c = g->offsets[{topic.name, p.partitionIndex}];
                c.offset = p.committedOffset;
                c.leaderEpoch = p.committedLeaderEpoch;
                c.metadata = p.committedMetadata.value_or(std::string());
                c.timestampMs = m_nowMs;
                ++stored;
            }
            rt.partitions.push_back({p.partitionIndex, e});
        }
        r.topics.push_back(std::move(rt));
    }
    send(reply, encoded(version, r, encodeOffsetCommitResponse));
    if (stored > 0) {
        emit(WireGroupEvent::Kind::OffsetsCommitted, *g, req.memberId, {},
             "Group " + g->id + " committed " + std::to_string(stored) + " offset" +
                 (stored == 1 ? "" : "s") +
                 (req.memberId.empty() ? std::string() : " (member " + req.memberId + ")"));
    }
    if (g)
        maybeForgetGroup(req.groupId);
}

void WireGroupCoordinator::offsetFetch(std::int16_t version, std::span<const std::uint8_t> body, Reply reply)
{
    WireReader in(body);
    OffsetFetchRequest req;
    OffsetFetchResponse r;
    if (!decodeOffsetFetchRequest(in, version, req)) {
        r.errorCode = ErrorCode::InvalidRequest;
        return send(reply, encoded(version, r, encodeOffsetFetchResponse));
    }
    const Group *g = findGroup(req.groupId);
    auto fill = [&](OffsetFetchResponsePartition &p, const std::string &topic) {
        p.metadata = std::string();
        if (!g)
            return;
        const auto it = g->offsets.find({topic, p.partitionIndex});
        if (it == g->offsets.end())
            return; // -1: nothing committed
        p.committedOffset = it->second.offset;
        p.committedLeaderEpoch = it->second.leaderEpoch;
        p.metadata = it->second.metadata;
    };
    if (req.topics) {
        for (const OffsetFetchRequestTopic &topic : *req.topics) {
            OffsetFetchResponseTopic rt;
            rt.name = topic.name;
            for (std::int32_t partition : topic.partitionIndexes) {
                OffsetFetchResponsePartition p;
                p.partitionIndex = partition;
                fill(p, topic.name);
                rt.partitions.push_back(std::move(p));
            }
            r.topics.push_back(std::move(rt));
        }
    } else if (g) {
        // v2+ null topics: everything the group committed.
        for (const auto &[key, c] : g->offsets) {
            if (r.topics.empty() || r.topics.back().name != key.first)
                r.topics.push_back({key.first, {}});
            OffsetFetchResponsePartition p;
            p.partitionIndex = key.second;
            fill(p, key.first);
            r.topics.back().partitions.push_back(std::move(p));
        }
    }
    send(reply, encoded(version, r, encodeOffsetFetchResponse));
}

// --- DescribeGroups, ListGroups
// ------------------------------------------------------------------------------

void WireGroupCoordinator::describeGroups(std::int16_t version, std::span<const std::uint8_t> body,
                                          Reply reply)
{
    WireReader in(body);
    DescribeGroupsRequest req;
    DescribeGroupsResponse r;
    if (!decodeDescribeGroupsRequest(in, version, req))
        return send(reply, encoded(version, r, encodeDescribeGroupsResponse));
    for (const std::string &id : req.groups) {
        DescribedGroup d;
        d.groupId = id;
        if (req.includeAuthorizedOperations)
            d.authorizedOperations = kGroupAuthorizedOperations;
        const Group *g = findGroup(id);
        if (!g) {
            // Kafka describes a group it does not know as Dead, without an error.
            d.groupState = wireGroupStateName(WireGroupState::Dead);
            r.groups.push_back(std::move(d));
            continue;
        }
        d.groupState = wireGroupStateName(g->state);
        d.protocolType = g->protocolType;
        const bool stable = g->state == WireGroupState::Stable;
        if (stable)
            d.protocolData = g->protocolName.value_or(std::string());
        for (const Member &m : g->members) {
            DescribedGroupMember dm;
            dm.memberId = m.id;
            dm.groupInstanceId = m.instanceId;
            dm.clientId = m.clientId;
            dm.clientHost = m.clientHost;
            if (stable) {
                if (const auto *meta = metadataFor(m, d.protocolData))
                    dm.memberMetadata = *meta;
                dm.memberAssignment = m.assignment;
            }
            d.members.push_back(std::move(dm));
        }
        r.groups.push_back(std::move(d));
    }
    send(reply, encoded(version, r, encodeDescribeGroupsResponse));
}

void WireGroupCoordinator::listGroups(std::int16_t version, std::span<const std::uint8_t> body, Reply reply)
{
    WireReader in(body);
    ListGroupsRequest req;
    ListGroupsResponse r;
    if (!decodeListGroupsRequest(in, version, req)) {
        r.errorCode = ErrorCode::InvalidRequest;
        return send(reply, encoded(version, r, encodeListGroupsResponse));
    }
    for (const auto &[id, g] : m_groups)
        if (g.state != WireGroupState::Dead)
            r.groups.push_back({id, g.protocolType});
    send(reply, encoded(version, r, encodeListGroupsResponse));
}

// --- events and replies ----------------------------------------------------------------------------------

void WireGroupCoordinator::emit(WireGroupEvent::Kind kind, const Group &g, const std::string &memberId,
                                const std::string &clientId, std::string text)
{
    WireGroupEvent e;
    e.kind = kind;
    e.timeMs = m_nowMs;
    e.groupId = g.id;
    e.memberId = memberId;
    e.clientId = clientId;
    e.generation = g.generation;
    e.memberCount = std::int32_t(g.members.size());
    e.text = std::move(text);
    m_events.push_back(std::move(e));
}

void WireGroupCoordinator::send(const Reply &reply, std::vector<std::uint8_t> body)
{
    m_outbox.emplace_back(reply, std::move(body));
}

void WireGroupCoordinator::flush()
{
    if (m_flushing)
        return; // the outer flush delivers what a callback's nested request queued
    m_flushing = true;
    while (!m_events.empty() || !m_outbox.empty()) {
        auto events = std::exchange(m_events, {});
        for (const WireGroupEvent &e : events)
            if (m_listener)
                m_listener(e);
        auto replies = std::exchange(m_outbox, {});
        for (auto &[reply, bytes] : replies)
            if (reply)
                reply(std::move(bytes));
    }
    m_flushing = false;
}

// --- queries ---------------------------------------------------------------------------------------------

std::vector<std::string> WireGroupCoordinator::groupIds() const
{
    std::vector<std::string> ids;
    for (const auto &[id, g] : m_groups)
        ids.push_back(id);
    return ids;
}

std::optional<WireGroupInfo> WireGroupCoordinator::group(const std::string &groupId) const
{
    const Group *g = findGroup(groupId);
    if (!g)
        return std::nullopt;
    return info(*g);
}

std::vector<WireGroupInfo> WireGroupCoordinator::groups() const
{
    std::vector<WireGroupInfo> out;
    for (const auto &[id, g] : m_groups)
        out.push_back(info(g));
    return out;
}

WireGroupInfo WireGroupCoordinator::info(const Group &g) const
{
    WireGroupInfo out;
    out.groupId = g.id;
    out.state = g.state;
    out.generation = g.generation;
    out.protocolType = g.protocolType;
    out.protocolName = g.protocolName.value_or(std::string());
    out.leaderId = g.leaderId;
    out.pendingMembers = g.pending.size();
    for (const Member &m : g.members) {
        WireGroupMemberInfo mi;
        mi.memberId = m.id;
        mi.groupInstanceId = m.instanceId;
        mi.clientId = m.clientId;
        mi.clientHost = m.clientHost;
        mi.sessionTimeoutMs = m.sessionTimeoutMs;
        mi.rebalanceTimeoutMs = m.rebalanceTimeoutMs;
        mi.leader = m.id == g.leaderId;
        if (g.protocolType == "consumer") {
            const std::vector<std::uint8_t> *meta =
                g.protocolName ? metadataFor(m, *g.protocolName) : nullptr;
            if (!meta && !m.protocols.empty())
                meta = &m.protocols.front().metadata;
            WireGroupSubscription subscription;
            if (meta && WireGroupConsumerProtocol::decodeSubscription(*meta, subscription))
                mi.subscribedTopics = std::move(subscription.topics);
            WireGroupAssignment assignment;
            if (!m.assignment.empty() &&
                WireGroupConsumerProtocol::decodeAssignment(m.assignment, assignment))
                mi.assignedPartitions = std::move(assignment.assignedPartitions);
        }
        out.members.push_back(std::move(mi));
    }
    return out;
}

std::vector<WireCommittedOffset> WireGroupCoordinator::committedOffsets(const std::string &groupId) const
{
    std::vector<WireCommittedOffset> out;
    const Group *g = findGroup(groupId);
    if (!g)
        return out;
    for (const auto &[key, c] : g->offsets)
        out.push_back({key.first, key.second, c.offset, c.leaderEpoch, c.metadata, c.timestampMs});
    return out;
}

std::optional<std::int64_t> WireGroupCoordinator::committedOffset(const std::string &groupId,
                                                                  const std::string &topic,
                                                                  std::int32_t partition) const
{
    const Group *g = findGroup(groupId);
    if (!g)
        return std::nullopt;
    const auto it = g->offsets.find({topic, partition});
    if (it == g->offsets.end())
        return std::nullopt;
    return it->second.offset;
}

} // namespace postoffice::broker
