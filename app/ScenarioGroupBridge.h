#pragma once

// A real Kafka client joining one of the scenario's consumer groups (`serve`: group.id
// "inventory" when the scenario has a group called inventory) shares its partitions with the
// simulated members, as a new member of a real group would.
//
// The group then runs on the server's group coordinator (WireGroupCoordinator), and the simulated
// members take part in it as in-process Kafka clients: each joins with JoinGroup, fetches its
// assignment with SyncGroup, heartbeats every heartbeat.interval.ms, learns of a rebalance from a
// heartbeat and rejoins, commits through OffsetCommit, and falls silent when its process crashes
// (so its session expires as a real one's would). When a simulated member leads the group it
// computes the assignment with the broker's assignor of the protocol the members voted for. What
// the protocol decides is applied to the engine's group (ConsumerGroupDriver): partitions stop
// while the group rebalances (eager: simulated members offer range, roundrobin and sticky only)
// and move to their new owners; the records a client commits count as processed for the
// consuming node. Offsets are the coordinator's: the group's commits are stored there when it is
// first shared, and every owner starts from there.
//
// Driven on the simulation's thread by the router: onJoinGroup() before a client's JoinGroup is
// handled, advance() after every engine step (after the coordinator's due timers).

#include "Clock.h"
#include "JoinGroupMessages.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace postoffice::broker {
class WireGroupCoordinator;
}

namespace postoffice::app {

class Simulation;
struct MemberRuntime;

class ScenarioGroupBridge
{
public:
    // heartbeat.interval.ms of Kafka's consumers (default 3000).
    static constexpr std::int64_t kHeartbeatIntervalMs = 3000;
    // max.poll.interval.ms (default 300000): the join phase waits this long for a member.
    static constexpr std::int32_t kRebalanceTimeoutMs = 300000;
    // How often the members' commits are copied to the coordinator (and clients' commits back).
    static constexpr std::int64_t kCommitIntervalMs = 1000;
    // The host the GUI and DescribeGroups show for a simulated member.
    static constexpr const char *kHost = "simulated";

    ScenarioGroupBridge(Simulation &simulation, int architecture, broker::WireGroupCoordinator &coordinator,
                        const broker::Clock &clock);
    ~ScenarioGroupBridge();
    ScenarioGroupBridge(const ScenarioGroupBridge &) = delete;
    ScenarioGroupBridge &operator=(const ScenarioGroupBridge &) = delete;

    // A client's JoinGroup request body (`version`) is about to be handled: when it names one of
    // the scenario's groups not yet shared, the simulated members join the coordinator first.
    void onJoinGroup(std::int16_t version, std::span<const std::uint8_t> body);
    void advance();
    // Serving stops (the run goes on): every shared group becomes the engine's own again, its
    // clients' last commits taken over, and its simulated members rebalance among themselves.
    void release();

    // A line for the event log when a group becomes shared or the engine's own again.
    void setListener(std::function<void(const QString &)> listener) { m_listener = std::move(listener); }

    // Whether the scenario's group `groupId` runs on the coordinator now.
    bool isShared(const std::string &groupId) const;
    // Whether a member id of the coordinator is one of the simulated members.
    bool isSimulatedMember(const std::string &memberId) const;

    // A simulated member's "consumer" protocol payloads: its subscription (with the partitions it
    // owns) and its assignment.
    static std::vector<std::uint8_t> subscription(const std::string &topic, const MemberRuntime &member);
    static std::vector<std::uint8_t> assignment(const std::string &topic, const MemberRuntime &member);

private:
    struct Seat;
    struct Link;
    struct Reply;

    void share(std::uint32_t group, const std::string &groupId);
    void join(Link &link, std::size_t member);
    void heartbeat(Link &link, std::size_t member);
    void sync(Link &link, std::size_t member, const broker::JoinGroupResponse &joined);
    void commitMembers(Link &link);
    void copyClientCommits(Link &link);
    void startRebalance(Link &link);
    void applyIfComplete(Link &link);
    std::vector<broker::JoinGroupRequestProtocol> protocols(const Link &link, std::size_t member) const;
    QStringList outsideMembers(const Link &link) const;

    // Sends a request to the coordinator; its answer is queued and handled by drain().
    template<typename Request, typename Encode>
    void send(Link &link, std::size_t member, std::int16_t apiKey, std::int16_t version,
              const Request &request, Encode encode);
    void drain();
    void onReply(const Reply &reply);

    Simulation &m_simulation;
    int m_architecture;
    broker::WireGroupCoordinator &m_coordinator;
    const broker::Clock &m_clock;
    std::vector<Link> m_links;
    std::vector<Reply> m_inbox;
    std::function<void(const QString &)> m_listener;
    bool m_draining = false;
};

} // namespace postoffice::app
