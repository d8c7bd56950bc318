#include "WireGroupCoordinator.h"

#include "KafkaApi.h"

#include <tuple>

namespace postoffice::broker {

WireGroupCoordinator::WireGroupCoordinator(const Clock &clock, WireGroupConfig config)
    : m_clock(clock), m_context(config), m_joins(m_context, m_groups), m_members(m_context, m_groups),
      m_offsets(m_context, m_groups), m_admin(m_context, m_groups)
{}

WireGroupCoordinator::~WireGroupCoordinator() = default;

void WireGroupCoordinator::setListener(std::function<void(const WireGroupEvent &)> listener)
{
    m_context.setListener(std::move(listener));
}

void WireGroupCoordinator::setCommitValidator(
    std::function<ErrorCode(const std::string &topic, std::int32_t partition)> check)
{
    m_offsets.setCommitValidator(std::move(check));
}

bool WireGroupCoordinator::handle(std::int16_t apiKey, std::int16_t apiVersion,
                                  std::span<const std::uint8_t> body, const std::string &clientId,
                                  const std::string &clientHost, Reply reply)
{
    // The versions the group messages encode are the ones KafkaApi serves; anything else is the
    // server's UNSUPPORTED_VERSION.
    if (!isGroupApi(apiKey) || !isSupported(apiKey, apiVersion))
        return false;
    // Timers that fell due before this request act first, as they would have on a broker.
    const std::int64_t now = m_clock.nowMs();
    processDue(now);
    switch (ApiKey(apiKey)) {
    case ApiKey::OffsetCommit:
        m_offsets.offsetCommit(apiVersion, body, std::move(reply));
        break;
    case ApiKey::OffsetFetch:
        m_offsets.offsetFetch(apiVersion, body, std::move(reply));
        break;
    case ApiKey::JoinGroup:
        m_joins.handle(apiVersion, body, clientId, clientHost, std::move(reply));
        break;
    case ApiKey::Heartbeat:
        m_members.heartbeat(apiVersion, body, std::move(reply));
        break;
    case ApiKey::LeaveGroup:
        m_members.leaveGroup(apiVersion, body, std::move(reply));
        break;
    case ApiKey::SyncGroup:
        m_members.syncGroup(apiVersion, body, std::move(reply));
        break;
    case ApiKey::DescribeGroups:
        m_admin.describeGroups(apiVersion, body, std::move(reply));
        break;
    case ApiKey::ListGroups:
        m_admin.listGroups(apiVersion, body, std::move(reply));
        break;
    default:
        break; // not a group API: refused above
    }
    // A zero group.initial.rebalance.delay.ms (or a join that completed the phase) is due right now.
    processDue(now);
    m_context.flush();
    return true;
}

std::optional<std::int64_t> WireGroupCoordinator::nextDeadlineMs() const
{
    std::optional<std::int64_t> earliest;
    for (const auto &[id, g] : m_groups)
        if (const auto due = g.nextDue(); due && (!earliest || due->atMs < *earliest))
            earliest = due->atMs;
    return earliest;
}

void WireGroupCoordinator::advance(std::int64_t nowMs)
{
    processDue(nowMs);
    m_context.flush();
}

void WireGroupCoordinator::processDue(std::int64_t nowMs)
{
    for (;;) {
        // The earliest timer of all groups; among equal times, by group id then kind, so that runs
        // repeat exactly.
        WireGroup *next = nullptr;
        std::optional<WireGroup::Due> due;
        for (auto &[id, g] : m_groups) {
            const auto candidate = g.nextDue();
            if (candidate && (!due || std::tie(candidate->atMs, id, candidate->kind, candidate->memberId) <
                                          std::tie(due->atMs, next->id(), due->kind, due->memberId))) {
                due = candidate;
                next = &g;
            }
        }
        if (!due || due->atMs > nowMs)
            break;
        m_context.moveTo(due->atMs);
        next->onDue(*due);
    }
    m_context.moveTo(nowMs);
    forgetUnformedGroups();
}

void WireGroupCoordinator::forgetUnformedGroups()
{
    // An unformed group has no timers, so forgetting it after the request instead of the moment it
    // became unformed changes nothing a client or the event log can see.
    std::erase_if(m_groups, [&](const auto &entry) {
        return entry.second.unformed() && !m_offsets.holdsOffsets(entry.first);
    });
}

// --- what the GUI and the log show ---------------------------------------------------------------------

std::vector<std::string> WireGroupCoordinator::groupIds() const
{
    std::vector<std::string> ids;
    for (const auto &[id, g] : m_groups)
        ids.push_back(id);
    return ids;
}

std::optional<WireGroupInfo> WireGroupCoordinator::group(const std::string &groupId) const
{
    const WireGroup *g = findWireGroup(m_groups, groupId);
    if (!g)
        return std::nullopt;
    return g->info();
}

std::vector<WireGroupInfo> WireGroupCoordinator::groups() const
{
    std::vector<WireGroupInfo> out;
    for (const auto &[id, g] : m_groups)
        out.push_back(g.info());
    return out;
}

std::vector<WireCommittedOffset> WireGroupCoordinator::committedOffsets(const std::string &groupId) const
{
    return m_offsets.committed(groupId);
}

std::optional<std::int64_t> WireGroupCoordinator::committedOffset(const std::string &groupId,
                                                                  const std::string &topic,
                                                                  std::int32_t partition) const
{
    return m_offsets.committed(groupId, topic, partition);
}

} // namespace postoffice::broker
