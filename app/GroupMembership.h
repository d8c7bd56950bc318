#pragma once

// Kafka's group coordinator for one consumer group, as the engine's simulated world runs it: who is
// a member, when the group rebalances, which partitions pause meanwhile, and who owns what once it
// is over. (broker::GroupCoordinator is the broker core's own, driven by real Consumer clients; the
// engine charges the same protocol on its own clock, so it models it here without clients.)
//
// It keeps no state of its own beyond what it was built with: the group's state lives in the
// GroupRuntime the run passes in, which the run's record data path reads and writes too (polls,
// commits, the record in hand). What the protocol needs done outside the group — a timer, a
// commit, an event for the log — it asks of its Host, so the protocol knows nothing of the run's
// event queue or observers and can be driven on its own.

#include "GroupRuntime.h"
#include "SimEvent.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <string>
#include <vector>

namespace postoffice::app {

class GroupMembership
{
public:
    // What the protocol asks of the world it runs in. Timers come back as calls to
    // onSessionTimeout, onRebalanceRound and (for polls) the run's own fetch loop, carrying the
    // numbers given here.
    class Host
    {
    public:
        virtual void scheduleSessionTimeout(double at, std::uint32_t group, std::uint32_t member,
                                            std::uint32_t epoch) = 0;
        virtual void scheduleRebalanceRound(double at, std::uint32_t group, std::uint32_t round) = 0;
        // A member of the new generation starts fetching; stale when its epoch has moved on.
        virtual void schedulePoll(double at, std::uint32_t group, std::uint32_t member,
                                  std::uint32_t epoch) = 0;
        virtual void commitPartition(std::uint32_t group, int partition) = 0;
        // A completed rebalance for the event log; the host stamps the architecture.
        virtual void announce(SimEvent &&event) = 0;

    protected:
        ~Host() = default;
    };

    // One JoinGroup + SyncGroup round: members rejoin on their next poll and the leader's assignment
    // is handed out. Real rounds of a small, responsive group take from a few hundred milliseconds to
    // a few seconds; one second is the round the engine charges (on top of waiting for the records in
    // hand).
    static constexpr double kRoundS = 1.0;

    // `group` is the number the host knows the group by; `topic` and `partitions` what it
    // subscribes to; `node` the consuming node the events name.
    GroupMembership(Host &host, std::uint32_t group, std::string topic, int partitions, QString node);

    // The first generation, formed before traffic begins: every member joined, no round charged.
    // `g` must have its per-partition vectors sized to the topic.
    void form(GroupRuntime &g, double now);
    // The consumer process dies: its partitions go unread until session.timeout.ms expires.
    void crash(GroupRuntime &g, std::uint32_t member, double now);
    void onSessionTimeout(GroupRuntime &g, std::uint32_t member, std::uint32_t epoch, double now);
    // A restarted consumer joins again (as a new incarnation): the group rebalances.
    void rejoin(GroupRuntime &g, std::uint32_t member, double now);
    void onRebalanceRound(GroupRuntime &g, std::uint32_t round, double now);
    // Completes the rebalance in progress if the round is over and every member has rejoined; the
    // run calls it whenever a member finishes a record during a rebalance.
    void tryCompleteRebalance(GroupRuntime &g, double now);

    // A group shared with Kafka clients: the coordinator outside began a rebalance. Every member
    // commits what it processed (enable.auto.commit) and stops fetching, as the eager protocol does.
    void revokeShared(GroupRuntime &g);
    // ... and ended it: `partitions` per member; the members outside read the rest, `outside`
    // names them for the event log ("rdkafka-1 ← [4,5]"); `protocol` is the assignor the members
    // chose, which the group now runs.
    void assignShared(GroupRuntime &g, std::vector<std::vector<int>> partitions, const QStringList &outside,
                      const std::string &protocol, double now);

    // ... and it is the group's own again (the server stopped): members whose process is down count
    // as expired, and the live ones rebalance among themselves from the offsets committed.
    void unshare(GroupRuntime &g, double now);

    // The member's client id as Kafka tools show it, e.g. "billing-consumer-002".
    static QString memberId(const GroupRuntime &g, std::size_t member);

private:
    void startRebalance(GroupRuntime &g, double now);
    void completeRebalance(GroupRuntime &g, double now, const QStringList &outside = {});
    std::vector<std::vector<int>> assignPartitions(const GroupRuntime &g) const;

    Host *m_host;
    std::uint32_t m_group;
    std::string m_topic;
    int m_partitions;
    QString m_node;
};

} // namespace postoffice::app
