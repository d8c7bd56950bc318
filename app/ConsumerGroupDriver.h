#pragma once

// The consumer groups of one architecture on the record path: members poll their partitions,
// fetch (within a fetch session while the broker stays put), process one record at a time on the
// consuming node, retry a failed record (at-least-once), commit (auto.commit.interval.ms, or after
// every record), and charge lost records to their orders. Membership and rebalances are
// GroupMembership's; this driver gives it timers and commits as its Host.

#include "FetchResult.h"
#include "GroupMembership.h"
#include "GroupRuntime.h"
#include "OrderState.h"

#include <QStringList>

#include <cstdint>
#include <string>
#include <vector>

namespace postoffice::app {

class RunWorld;

class ConsumerGroupDriver : private GroupMembership::Host
{
public:
    explicit ConsumerGroupDriver(RunWorld &world) : m_world(world) {}

    // Every group of the world forms its first generation before traffic begins.
    void formGroups();

    void onPoll(std::uint32_t group, std::uint32_t member, std::uint32_t epoch);
    void onSessionTimeout(std::uint32_t group, std::uint32_t member, std::uint32_t epoch);
    void onRebalanceRound(std::uint32_t group, std::uint32_t round);
    void onCommitTick(std::uint32_t group);
    // A member finished its record (`ok`: processed; otherwise it tries again).
    void onRecordProcessed(std::uint32_t r, bool ok);
    // The partition's high watermark moved: its waiting owners poll again.
    void wakeWaiting(int topic, int partition);
    // Members blocked by a cut link or an empty partition try again.
    void pollWaiting();

    // The consumers running on `node`: all of them crash, `count` live ones crash, or they restart.
    void crashAll(std::uint32_t node);
    void crashSome(std::uint32_t node, int count);
    void rejoinAll(std::uint32_t node);

    // The broker truncated [first, last] (a failover): those records' orders are lost for `why`.
    void onTruncated(int topic, int partition, std::int64_t first, std::int64_t last, LossReason why);
    // Retention moved the log start: records nobody processed are gone.
    void onLogStartMoved(int topic, int partition, std::int64_t logStart);

    std::int64_t partitionLag(const GroupRuntime &g, int partition) const;
    std::int64_t groupLag(const GroupRuntime &g) const;

    // --- a group shared with real Kafka clients (`serve`, see ScenarioGroupBridge) ---------------
    // The group called `name` (the scenario's group id), or -1.
    int groupIndex(const QString &name) const;
    const GroupRuntime &group(std::uint32_t group) const;
    const std::string &topicName(std::uint32_t group) const;
    // From now on the group follows the coordinator outside (GroupRuntime::shared).
    void share(std::uint32_t group);
    void revokeShared(std::uint32_t group);
    void assignShared(std::uint32_t group, std::vector<std::vector<int>> partitions,
                      const QStringList &outside, const std::string &protocol);
    void unshare(std::uint32_t group);
    // A member outside committed `offset` on a partition no simulated member reads: the records
    // below it were processed (by that client, for the consuming node), which settles the group's
    // share of their orders, and lag counts from there.
    void externalCommit(std::uint32_t group, int partition, std::int64_t offset);

private:
    void poll(std::uint32_t group, std::uint32_t member);
    // The offset lies in the group's fetch session on that partition, and nothing in the broker has
    // changed since that could make it unreadable.
    bool fetched(const GroupRuntime &g, int partition, std::int64_t offset) const;
    void chargeLost(int topic, int partition, std::int64_t from, std::int64_t to, std::uint32_t onlyGroup,
                    LossReason reason);
    void trimEntries(int topic, int partition);
    void commit(std::uint32_t group, int partition);

    // GroupMembership::Host: the membership protocol's timers, commits and events
    void scheduleSessionTimeout(double at, std::uint32_t group, std::uint32_t member,
                                std::uint32_t epoch) override;
    void scheduleRebalanceRound(double at, std::uint32_t group, std::uint32_t round) override;
    void schedulePoll(double at, std::uint32_t group, std::uint32_t member, std::uint32_t epoch) override;
    void commitPartition(std::uint32_t group, int partition) override;
    void announce(SimEvent &&event) override;

    RunWorld &m_world;
    std::vector<GroupMembership> m_membership; // per group: who reads which partition, and rebalances
    broker::FetchResult m_fetch;
};

} // namespace postoffice::app
