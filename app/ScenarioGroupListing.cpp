#include "ScenarioGroupListing.h"

#include "ConsumerGroupDriver.h"
#include "DescribeGroupsMessages.h"
#include "GroupMembership.h"
#include "ListGroupsMessages.h"
#include "OffsetCommitMessages.h"
#include "OffsetFetchMessages.h"
#include "ScenarioGroupBridge.h"
#include "Simulation.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <algorithm>

namespace postoffice::app {

ScenarioGroupListing::ScenarioGroupListing(Simulation &simulation, int architecture,
                                           const ScenarioGroupBridge &shared)
    : m_simulation(simulation), m_architecture(architecture), m_shared(shared)
{}

const GroupRuntime *ScenarioGroupListing::engineGroup(const std::string &groupId) const
{
    const ConsumerGroupDriver *groups = m_simulation.externalGroups(m_architecture);
    const int g = groups ? groups->groupIndex(QString::fromStdString(groupId)) : -1;
    if (g < 0 || m_shared.isShared(groupId))
        return nullptr;
    return &groups->group(std::uint32_t(g));
}

const std::string &ScenarioGroupListing::topicOf(const std::string &groupId) const
{
    const ConsumerGroupDriver *groups = m_simulation.externalGroups(m_architecture);
    return groups->topicName(std::uint32_t(groups->groupIndex(QString::fromStdString(groupId))));
}

std::vector<std::uint8_t> ScenarioGroupListing::listGroups(std::int16_t version,
                                                           const std::vector<std::uint8_t> &answer) const
{
    broker::WireReader in(answer);
    broker::ListGroupsResponse listed;
    const ConsumerGroupDriver *groups = m_simulation.externalGroups(m_architecture);
    if (!groups || !broker::decodeListGroupsResponse(in, version, listed))
        return answer;
    for (const QString &name : m_simulation.groupNames(m_architecture))
        if (engineGroup(name.toStdString()))
            listed.groups.push_back({name.toStdString(), "consumer"});
    broker::WireWriter out;
    broker::encodeListGroupsResponse(out, version, listed);
    return std::move(out.buffer());
}

std::vector<std::uint8_t> ScenarioGroupListing::describeGroups(std::int16_t version,
                                                               const std::vector<std::uint8_t> &answer) const
{
    broker::WireReader in(answer);
    broker::DescribeGroupsResponse described;
    if (!broker::decodeDescribeGroupsResponse(in, version, described))
        return answer;
    bool changed = false;
    for (broker::DescribedGroup &d : described.groups) {
        const GroupRuntime *g = engineGroup(d.groupId);
        if (!g)
            continue;
        const std::string &topic = topicOf(d.groupId);
        const bool anyone = std::any_of(g->members.begin(), g->members.end(),
                                        [](const MemberRuntime &m) { return m.alive && m.joined; });
        d.errorCode = broker::ErrorCode::None;
        d.groupState = g->rebalancing ? "PreparingRebalance" : anyone ? "Stable" : "Empty";
        d.protocolType = "consumer";
        const bool stable = d.groupState == "Stable";
        d.protocolData = stable ? std::string(g->assignor->name()) : std::string();
        d.members.clear();
        for (std::size_t m = 0; m < g->members.size(); ++m) {
            const MemberRuntime &member = g->members[m];
            if (!member.alive || !member.joined)
                continue;
            broker::DescribedGroupMember out;
            out.memberId = out.clientId = GroupMembership::memberId(*g, m).toStdString();
            out.clientHost = ScenarioGroupBridge::kHost;
            if (stable) { // as Kafka, payloads only while Stable
                out.memberMetadata = ScenarioGroupBridge::subscription(topic, member);
                out.memberAssignment = ScenarioGroupBridge::assignment(topic, member);
            }
            d.members.push_back(std::move(out));
        }
        changed = true;
    }
    if (!changed)
        return answer;
    broker::WireWriter out;
    broker::encodeDescribeGroupsResponse(out, version, described);
    return std::move(out.buffer());
}

std::vector<std::uint8_t> ScenarioGroupListing::offsetFetch(std::int16_t version,
                                                            std::span<const std::uint8_t> request,
                                                            const std::vector<std::uint8_t> &answer) const
{
    broker::WireReader req(request);
    broker::OffsetFetchRequest fetch;
    if (!broker::decodeOffsetFetchRequest(req, version, fetch))
        return answer;
    const GroupRuntime *g = engineGroup(fetch.groupId);
    broker::WireReader in(answer);
    broker::OffsetFetchResponse r;
    if (!g || !broker::decodeOffsetFetchResponse(in, version, r))
        return answer;
    // The engine's committed offsets answer for the group's topic; other topics it never read.
    const std::string &topic = topicOf(fetch.groupId);
    const auto committed = [&](std::int32_t p) -> std::int64_t {
        return p >= 0 && std::size_t(p) < g->committed.size() ? g->committed[std::size_t(p)] : -1;
    };
    r.errorCode = broker::ErrorCode::None;
    if (!fetch.topics) {
        broker::OffsetFetchResponseTopic t{topic, {}};
        for (std::size_t p = 0; p < g->committed.size(); ++p)
            t.partitions.push_back(
                {std::int32_t(p), g->committed[p], -1, std::string(), broker::ErrorCode::None});
        r.topics = {std::move(t)};
    } else {
        for (broker::OffsetFetchResponseTopic &t : r.topics)
            if (t.name == topic)
                for (broker::OffsetFetchResponsePartition &p : t.partitions)
                    if (const std::int64_t offset = committed(p.partitionIndex); offset >= 0) {
                        p.committedOffset = offset;
                        p.metadata = std::string();
                        p.errorCode = broker::ErrorCode::None;
                    }
    }
    broker::WireWriter out;
    broker::encodeOffsetFetchResponse(out, version, r);
    return std::move(out.buffer());
}

std::vector<std::uint8_t> ScenarioGroupListing::offsetCommit(std::int16_t version,
                                                             std::span<const std::uint8_t> request,
                                                             const std::vector<std::uint8_t> &answer) const
{
    broker::WireReader req(request);
    broker::OffsetCommitRequest commit;
    if (!broker::decodeOffsetCommitRequest(req, version, commit))
        return answer;
    const GroupRuntime *g = engineGroup(commit.groupId);
    broker::WireReader in(answer);
    broker::OffsetCommitResponse r;
    if (!g || !broker::decodeOffsetCommitResponse(in, version, r))
        return answer;
    const bool members = std::any_of(g->members.begin(), g->members.end(),
                                     [](const MemberRuntime &m) { return m.alive && m.joined; });
    if (!members)
        return answer;
    for (broker::OffsetCommitResponseTopic &t : r.topics)
        for (broker::OffsetCommitResponsePartition &p : t.partitions)
            p.errorCode = broker::ErrorCode::UnknownMemberId;
    broker::WireWriter out;
    broker::encodeOffsetCommitResponse(out, version, r);
    return std::move(out.buffer());
}

} // namespace postoffice::app
