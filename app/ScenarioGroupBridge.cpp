#include "ScenarioGroupBridge.h"

#include "Assignor.h"
#include "Cluster.h"
#include "ConsumerGroupDriver.h"
#include "GroupMembership.h"
#include "HeartbeatMessages.h"
#include "KafkaApi.h"
#include "OffsetCommitMessages.h"
#include "Simulation.h"
#include "SyncGroupMessages.h"
#include "WireGroupConsumerProtocol.h"
#include "WireGroupCoordinator.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <algorithm>
#include <map>

namespace postoffice::app {

using broker::ErrorCode;

// One simulated member as the coordinator knows it.
struct ScenarioGroupBridge::Seat
{
    enum class Phase { Out, Joining, Syncing, In };
    Phase phase = Phase::Out;
    std::string memberId;
    std::uint32_t epoch = 0;  // the engine member's incarnation this seat speaks for
    std::uint64_t ticket = 0; // changes when the seat starts over: older answers are dropped
    std::int32_t generation = -1;
    std::int64_t nextHeartbeatMs = 0;
    std::int64_t notBeforeMs = 0; // after a refused join, the next try waits a heartbeat interval
    std::vector<int> assigned;

    // Forgets the member it was (answers to it are dropped from now on); joins again from
    // `notBefore` on.
    void reset(std::int64_t notBefore = 0)
    {
        const std::uint64_t next = ticket + 1;
        *this = Seat();
        ticket = next;
        notBeforeMs = notBefore;
    }
};

// One shared group.
struct ScenarioGroupBridge::Link
{
    std::uint32_t group = 0;
    std::string groupId;
    std::string topic;
    std::vector<Seat> seats; // per engine member
    std::int32_t appliedGeneration = -1;
    bool revoked = false;
    std::vector<std::int64_t> sent; // per partition: the offset the coordinator holds from the members
    std::int64_t nextCommitMs = 0;
};

struct ScenarioGroupBridge::Reply
{
    std::size_t link = 0;
    std::size_t member = 0;
    std::uint64_t ticket = 0;
    std::int16_t apiKey = 0;
    std::vector<std::uint8_t> body;
};

namespace {

constexpr std::size_t kNoMember = std::size_t(-1);
constexpr std::int16_t kJoinVersion = broker::kJoinGroupMaxVersion;
constexpr std::int16_t kSyncVersion = broker::kSyncGroupMaxVersion;
constexpr std::int16_t kHeartbeatVersion = broker::kHeartbeatMaxVersion;
constexpr std::int16_t kCommitVersion = broker::kOffsetCommitMaxVersion;
// kafkajs names its round-robin assignor after its class; its payloads are the consumer protocol's.
constexpr const char *kKafkaJsRoundRobin = "RoundRobinAssigner";

// The broker assignor behind a protocol name the members may choose.
std::string assignorName(const std::string &protocol)
{
    return protocol == kKafkaJsRoundRobin ? std::string("roundrobin") : protocol;
}

} // namespace

ScenarioGroupBridge::ScenarioGroupBridge(Simulation &simulation, int architecture,
                                         broker::WireGroupCoordinator &coordinator,
                                         const broker::Clock &clock)
    : m_simulation(simulation), m_architecture(architecture), m_coordinator(coordinator), m_clock(clock)
{}

ScenarioGroupBridge::~ScenarioGroupBridge() = default;

bool ScenarioGroupBridge::isShared(const std::string &groupId) const
{
    return std::any_of(m_links.begin(), m_links.end(), [&](const Link &l) { return l.groupId == groupId; });
}

bool ScenarioGroupBridge::isSimulatedMember(const std::string &memberId) const
{
    for (const Link &link : m_links)
        for (const Seat &seat : link.seats)
            if (seat.phase != Seat::Phase::Out && seat.memberId == memberId)
                return true;
    return false;
}

void ScenarioGroupBridge::onJoinGroup(std::int16_t version, std::span<const std::uint8_t> body)
{
    broker::WireReader in(body);
    broker::JoinGroupRequest request;
    if (!broker::decodeJoinGroupRequest(in, version, request) || isShared(request.groupId))
        return;
    ConsumerGroupDriver *groups = m_simulation.externalGroups(m_architecture);
    const int group = groups ? groups->groupIndex(QString::fromStdString(request.groupId)) : -1;
    if (group >= 0)
        share(std::uint32_t(group), request.groupId);
}

void ScenarioGroupBridge::share(std::uint32_t group, const std::string &groupId)
{
    ConsumerGroupDriver &groups = *m_simulation.externalGroups(m_architecture);
    groups.share(group);
    // The group's own generation ends: the coordinator forms the next one, with the client in it.
    groups.revokeShared(group);
    const GroupRuntime &g = groups.group(group);
    if (m_listener) {
        const auto live =
            std::count_if(g.members.begin(), g.members.end(), [](const MemberRuntime &m) { return m.alive; });
        m_listener(QStringLiteral("Group %1 is the scenario's own: its %2 simulated members join the group "
                                  "coordinator and share the partitions of %3 with the Kafka clients")
                       .arg(QString::fromStdString(groupId))
                       .arg(live)
                       .arg(QString::fromStdString(groups.topicName(group))));
    }
    Link link;
    link.group = group;
    link.groupId = groupId;
    link.topic = groups.topicName(group);
    link.seats.resize(g.members.size());
    link.revoked = true;
    link.nextCommitMs = m_clock.nowMs() + kCommitIntervalMs;
    m_links.push_back(std::move(link));
    Link &shared = m_links.back();

    // The group's offsets move to the coordinator before anyone is given a partition: a commit of
    // a group without members (generation -1), as a consumer managing its own partitions makes.
    broker::OffsetCommitRequest seed;
    seed.groupId = groupId;
    broker::OffsetCommitRequestTopic topic;
    topic.name = shared.topic;
    for (std::size_t p = 0; p < g.committed.size(); ++p)
        topic.partitions.push_back({std::int32_t(p), g.committed[p], -1, -1, std::nullopt});
    seed.topics.push_back(std::move(topic));
    shared.sent = g.committed;
    send(shared, kNoMember, std::int16_t(broker::ApiKey::OffsetCommit), kCommitVersion, seed,
         broker::encodeOffsetCommitRequest);
    for (std::size_t m = 0; m < g.members.size(); ++m)
        if (g.members[m].alive)
            join(m_links.back(), m);
}

void ScenarioGroupBridge::advance()
{
    ConsumerGroupDriver *groups = m_links.empty() ? nullptr : m_simulation.externalGroups(m_architecture);
    if (!groups)
        return;
    drain(); // answers the coordinator gave meanwhile (a join phase that ended, a client's request)
    const std::int64_t now = m_clock.nowMs();
    for (std::size_t l = 0; l < m_links.size(); ++l) {
        const GroupRuntime &g = groups->group(m_links[l].group);
        for (std::size_t m = 0; m < g.members.size(); ++m) {
            Seat &seat = m_links[l].seats[m];
            const MemberRuntime &member = g.members[m];
            if (seat.phase != Seat::Phase::Out && (!member.alive || seat.epoch != member.epoch)) {
                // The process died (and may have restarted as a new member): the old one falls
                // silent and the coordinator notices when its session times out.
                seat.reset();
            }
            if (member.alive && seat.phase == Seat::Phase::Out && now >= seat.notBeforeMs)
                join(m_links[l], m);
            else if (seat.phase == Seat::Phase::In && now >= seat.nextHeartbeatMs)
                heartbeat(m_links[l], m);
        }
        if (now >= m_links[l].nextCommitMs) {
            m_links[l].nextCommitMs = now + kCommitIntervalMs;
            commitMembers(m_links[l]);
            copyClientCommits(m_links[l]);
        }
    }
}

void ScenarioGroupBridge::release()
{
    ConsumerGroupDriver *groups = m_links.empty() ? nullptr : m_simulation.externalGroups(m_architecture);
    if (!groups)
        return;
    drain();
    for (Link &link : m_links) {
        copyClientCommits(link);
        // Partitions still held by a client or paused by a rebalance go back to the engine.
        groups->unshare(link.group);
        if (m_listener)
            m_listener(QStringLiteral("Group %1 is the simulation's alone again: its simulated members "
                                      "rebalance among themselves")
                           .arg(QString::fromStdString(link.groupId)));
    }
    m_links.clear();
    m_inbox.clear();
}

void ScenarioGroupBridge::join(Link &link, std::size_t member)
{
    const GroupRuntime &g = m_simulation.externalGroups(m_architecture)->group(link.group);
    Seat &seat = link.seats[member];
    seat.phase = Seat::Phase::Joining;
    seat.epoch = g.members[member].epoch;
    broker::JoinGroupRequest request;
    request.groupId = link.groupId;
    // group.min.session.timeout.ms (6 s) and group.max.session.timeout.ms bound what the
    // coordinator accepts; a scenario's shorter timeout is raised to the minimum.
    request.sessionTimeoutMs =
        std::clamp(std::int32_t(g.sessionTimeoutS * 1000.0), m_coordinator.config().minSessionTimeoutMs,
                   m_coordinator.config().maxSessionTimeoutMs);
    request.rebalanceTimeoutMs = kRebalanceTimeoutMs;
    request.memberId = seat.memberId;
    request.protocolType = "consumer";
    request.protocols = protocols(link, member);
    send(link, member, std::int16_t(broker::ApiKey::JoinGroup), kJoinVersion, request,
         broker::encodeJoinGroupRequest);
}

std::vector<std::uint8_t> ScenarioGroupBridge::subscription(const std::string &topic,
                                                            const MemberRuntime &member)
{
    broker::WireGroupSubscription s;
    s.version = 1; // with the partitions owned, for the sticky assignor
    s.topics = {topic};
    broker::WireGroupTopicPartitions owned{topic, {}};
    for (int p : member.partitions)
        owned.partitions.push_back(p);
    if (!owned.partitions.empty())
        s.ownedPartitions.push_back(std::move(owned));
    return broker::WireGroupConsumerProtocol::encodeSubscription(s);
}

std::vector<std::uint8_t> ScenarioGroupBridge::assignment(const std::string &topic,
                                                          const MemberRuntime &member)
{
    broker::WireGroupAssignment a;
    if (!member.partitions.empty())
        a.assignedPartitions.push_back({topic, {member.partitions.begin(), member.partitions.end()}});
    return broker::WireGroupConsumerProtocol::encodeAssignment(a);
}

std::vector<broker::JoinGroupRequestProtocol> ScenarioGroupBridge::protocols(const Link &link,
                                                                             std::size_t member) const
{
    // The scenario's assignor first, then the other eager ones, so that a client offering any of
    // them finds one in common (Kafka picks the protocol every member supports that most members
    // prefer). The engine revokes eagerly, so cooperative-sticky is not offered.
    const GroupRuntime &g = m_simulation.externalGroups(m_architecture)->group(link.group);
    std::vector<std::string> names;
    if (!g.assignor->cooperative())
        names.emplace_back(g.assignor->name());
    for (const char *name : {"range", "roundrobin", "sticky", kKafkaJsRoundRobin})
        if (std::find(names.begin(), names.end(), name) == names.end())
            names.emplace_back(name);
    const std::vector<std::uint8_t> metadata = subscription(link.topic, g.members[member]);
    std::vector<broker::JoinGroupRequestProtocol> out;
    for (std::string &name : names)
        out.push_back({std::move(name), metadata});
    return out;
}

void ScenarioGroupBridge::heartbeat(Link &link, std::size_t member)
{
    Seat &seat = link.seats[member];
    seat.nextHeartbeatMs = m_clock.nowMs() + kHeartbeatIntervalMs;
    broker::HeartbeatRequest request{link.groupId, seat.generation, seat.memberId, std::nullopt};
    send(link, member, std::int16_t(broker::ApiKey::Heartbeat), kHeartbeatVersion, request,
         broker::encodeHeartbeatRequest);
}

void ScenarioGroupBridge::sync(Link &link, std::size_t member, const broker::JoinGroupResponse &joined)
{
    Seat &seat = link.seats[member];
    seat.phase = Seat::Phase::Syncing;
    broker::SyncGroupRequest request{link.groupId, joined.generationId, joined.memberId, std::nullopt, {}};
    if (joined.leader == joined.memberId) {
        // This member leads: it assigns every member's partitions, as a consumer's leader does.
        const broker::Cluster *cluster = m_simulation.cluster(m_architecture);
        broker::GroupSubscriptions subscriptions;
        broker::PartitionCounts counts;
        for (const broker::JoinGroupResponseMember &m : joined.members) {
            broker::MemberSubscription &sub = subscriptions[m.memberId];
            broker::WireGroupSubscription s;
            if (!broker::WireGroupConsumerProtocol::decodeSubscription(m.metadata, s))
                continue; // unreadable: the member gets nothing
            sub.topics = s.topics;
            sub.generation = s.generationId;
            for (const broker::WireGroupTopicPartitions &tp : s.ownedPartitions)
                for (std::int32_t p : tp.partitions)
                    sub.ownedPartitions.push_back({tp.topic, p});
            for (const std::string &t : s.topics)
                if (const std::int32_t n = cluster ? cluster->partitionCount(t) : -1; n > 0)
                    counts[t] = n;
        }
        const auto assignor = broker::Assignor::create(assignorName(joined.protocolName));
        const broker::GroupAssignment assignment =
            assignor ? assignor->assign(counts, subscriptions) : broker::GroupAssignment{};
        for (const auto &[memberId, partitions] : assignment) {
            broker::WireGroupAssignment a; // version 0: every client reads it
            for (const broker::TopicPartition &tp : partitions) {
                if (a.assignedPartitions.empty() || a.assignedPartitions.back().topic != tp.topic)
                    a.assignedPartitions.push_back({tp.topic, {}});
                a.assignedPartitions.back().partitions.push_back(tp.partition);
            }
            request.assignments.push_back({memberId, broker::WireGroupConsumerProtocol::encodeAssignment(a)});
        }
    }
    send(link, member, std::int16_t(broker::ApiKey::SyncGroup), kSyncVersion, request,
         broker::encodeSyncGroupRequest);
}

void ScenarioGroupBridge::commitMembers(Link &link)
{
    // Each member commits the partitions it reads, under its own id and generation.
    const GroupRuntime &g = m_simulation.externalGroups(m_architecture)->group(link.group);
    std::map<std::size_t, broker::OffsetCommitRequestTopic> byMember;
    for (std::size_t p = 0; p < g.owner.size(); ++p) {
        const int owner = g.owner[p];
        if (owner < 0 || g.committed[p] == link.sent[p])
            continue;
        const Seat &seat = link.seats[std::size_t(owner)];
        if (seat.memberId.empty() || seat.generation < 0)
            continue;
        broker::OffsetCommitRequestTopic &topic = byMember[std::size_t(owner)];
        topic.name = link.topic;
        topic.partitions.push_back({std::int32_t(p), g.committed[p], -1, -1, std::nullopt});
        link.sent[p] = g.committed[p];
    }
    for (auto &[member, topic] : byMember) {
        const Seat &seat = link.seats[member];
        broker::OffsetCommitRequest request;
        request.groupId = link.groupId;
        request.generationId = seat.generation;
        request.memberId = seat.memberId;
        request.topics.push_back(std::move(topic));
        send(link, member, std::int16_t(broker::ApiKey::OffsetCommit), kCommitVersion, request,
             broker::encodeOffsetCommitRequest);
    }
}

void ScenarioGroupBridge::copyClientCommits(Link &link)
{
    ConsumerGroupDriver &groups = *m_simulation.externalGroups(m_architecture);
    const GroupRuntime &g = groups.group(link.group);
    for (std::size_t p = 0; p < g.owner.size(); ++p) {
        if (g.owner[p] >= 0)
            continue; // a simulated member reads it: its commits are the ones that count
        const auto stored = m_coordinator.committedOffset(link.groupId, link.topic, std::int32_t(p));
        if (!stored || *stored == link.sent[p])
            continue; // nobody outside committed since
        link.sent[p] = *stored;
        groups.externalCommit(link.group, int(p), *stored);
    }
}

void ScenarioGroupBridge::startRebalance(Link &link)
{
    if (!link.revoked) {
        // Eager protocol: members commit what they processed and give up everything, then rejoin.
        m_simulation.externalGroups(m_architecture)->revokeShared(link.group);
        commitMembers(link);
        link.revoked = true;
    }
    for (std::size_t m = 0; m < link.seats.size(); ++m)
        if (link.seats[m].phase == Seat::Phase::In)
            join(link, m);
}

void ScenarioGroupBridge::applyIfComplete(Link &link)
{
    std::int32_t generation = -1;
    for (const Seat &seat : link.seats) {
        if (seat.phase == Seat::Phase::Out)
            continue;
        if (seat.phase != Seat::Phase::In || (generation >= 0 && seat.generation != generation))
            return; // someone is still on its way into the new generation
        generation = seat.generation;
    }
    if (generation <= link.appliedGeneration)
        return;
    copyClientCommits(link); // what a client committed as it gave a partition up
    // A client may lead the group and hand out what it likes: partitions the topic lacks are
    // dropped, and one given twice goes to the first member only.
    const std::size_t count = m_simulation.externalGroups(m_architecture)->group(link.group).owner.size();
    std::vector<char> taken(count, 0);
    std::vector<std::vector<int>> partitions(link.seats.size());
    for (std::size_t m = 0; m < link.seats.size(); ++m)
        if (link.seats[m].phase == Seat::Phase::In)
            for (int p : link.seats[m].assigned)
                if (p >= 0 && std::size_t(p) < count && !taken[std::size_t(p)]) {
                    taken[std::size_t(p)] = 1;
                    partitions[m].push_back(p);
                }
    const auto info = m_coordinator.group(link.groupId);
    m_simulation.externalGroups(m_architecture)
        ->assignShared(link.group, std::move(partitions), outsideMembers(link),
                       assignorName(info ? info->protocolName : std::string()));
    link.appliedGeneration = generation;
    link.revoked = false;
    // The new owners start from the coordinator's offsets, which the engine now holds too.
    const GroupRuntime &g = m_simulation.externalGroups(m_architecture)->group(link.group);
    for (std::size_t p = 0; p < g.committed.size(); ++p)
        if (g.owner[p] >= 0)
            link.sent[p] = g.committed[p];
}

QStringList ScenarioGroupBridge::outsideMembers(const Link &link) const
{
    QStringList out;
    const auto info = m_coordinator.group(link.groupId);
    if (!info)
        return out;
    for (const broker::WireGroupMemberInfo &member : info->members) {
        if (isSimulatedMember(member.memberId))
            continue;
        QStringList partitions;
        for (const broker::WireGroupTopicPartitions &tp : member.assignedPartitions)
            if (tp.topic == link.topic)
                for (std::int32_t p : tp.partitions)
                    partitions << QString::number(p);
        out << QStringLiteral("%1 ← [%2]")
                   .arg(QString::fromStdString(member.clientId), partitions.join(QLatin1Char(',')));
    }
    return out;
}

template<typename Request, typename Encode>
void ScenarioGroupBridge::send(Link &link, std::size_t member, std::int16_t apiKey, std::int16_t version,
                               const Request &request, Encode encode)
{
    broker::WireWriter body;
    encode(body, version, request);
    const std::size_t index = std::size_t(&link - m_links.data());
    const std::uint64_t ticket = member == kNoMember ? 0 : link.seats[member].ticket;
    const GroupRuntime &g = m_simulation.externalGroups(m_architecture)->group(link.group);
    const std::string clientId =
        member == kNoMember ? link.groupId : GroupMembership::memberId(g, member).toStdString();
    m_coordinator.handle(apiKey, version, body.buffer(), clientId, kHost,
                         [this, index, member, ticket, apiKey](std::vector<std::uint8_t> response) {
                             m_inbox.push_back({index, member, ticket, apiKey, std::move(response)});
                         });
    drain();
}

void ScenarioGroupBridge::drain()
{
    // Answers may come at once, inside handle(): each is handled after the request that caused it,
    // never from inside another's handling.
    if (m_draining)
        return;
    m_draining = true;
    while (!m_inbox.empty()) {
        const Reply reply = std::move(m_inbox.front());
        m_inbox.erase(m_inbox.begin());
        onReply(reply);
    }
    m_draining = false;
}

void ScenarioGroupBridge::onReply(const Reply &reply)
{
    if (reply.member == kNoMember || reply.link >= m_links.size())
        return; // the seeding commit (nothing to follow up), or for a group released since
    Link &link = m_links[reply.link];
    Seat &seat = link.seats[reply.member];
    if (seat.ticket != reply.ticket)
        return; // for an incarnation that has since died
    broker::WireReader in(reply.body);
    const std::int64_t now = m_clock.nowMs();
    const auto startOver = [&] { seat.reset(now + kHeartbeatIntervalMs); };
    switch (broker::ApiKey(reply.apiKey)) {
    case broker::ApiKey::JoinGroup: {
        broker::JoinGroupResponse r;
        if (!broker::decodeJoinGroupResponse(in, kJoinVersion, r))
            return startOver();
        if (r.errorCode == ErrorCode::MemberIdRequired) {
            seat.memberId = r.memberId; // KIP-394: join again with the id given
            return join(link, reply.member);
        }
        if (r.errorCode != ErrorCode::None)
            return startOver();
        seat.memberId = r.memberId;
        seat.generation = r.generationId;
        return sync(link, reply.member, r);
    }
    case broker::ApiKey::SyncGroup: {
        broker::SyncGroupResponse r;
        if (!broker::decodeSyncGroupResponse(in, kSyncVersion, r))
            return startOver();
        if (r.errorCode == ErrorCode::RebalanceInProgress)
            return join(link, reply.member);
        if (r.errorCode != ErrorCode::None)
            return startOver();
        broker::WireGroupAssignment a;
        seat.assigned.clear();
        if (broker::WireGroupConsumerProtocol::decodeAssignment(r.assignment, a))
            for (const broker::WireGroupTopicPartitions &tp : a.assignedPartitions)
                if (tp.topic == link.topic)
                    for (std::int32_t p : tp.partitions)
                        seat.assigned.push_back(int(p));
        seat.phase = Seat::Phase::In;
        seat.nextHeartbeatMs = now + kHeartbeatIntervalMs;
        return applyIfComplete(link);
    }
    case broker::ApiKey::Heartbeat: {
        broker::HeartbeatResponse r;
        if (!broker::decodeHeartbeatResponse(in, kHeartbeatVersion, r) || r.errorCode == ErrorCode::None)
            return;
        if (r.errorCode != ErrorCode::RebalanceInProgress)
            startOver(); // fenced or expired: it joins again as a new member
        return startRebalance(link);
    }
    case broker::ApiKey::OffsetCommit: {
        // A refused commit is made again with the next one.
        broker::OffsetCommitResponse r;
        if (broker::decodeOffsetCommitResponse(in, kCommitVersion, r))
            for (const broker::OffsetCommitResponseTopic &t : r.topics)
                for (const broker::OffsetCommitResponsePartition &p : t.partitions)
                    if (p.errorCode != ErrorCode::None && p.partitionIndex >= 0 &&
                        std::size_t(p.partitionIndex) < link.sent.size())
                        link.sent[std::size_t(p.partitionIndex)] = -1;
        return;
    }
    default:
        return;
    }
}

} // namespace postoffice::app
