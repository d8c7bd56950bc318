#pragma once

// A consumer group as one architecture runs it: its members (each handles one record at a time on
// the consuming node), the partition assignment, and per partition the consumer position, the
// committed offset and how far processing has really got (which may run ahead of the commit: what
// lies between is redelivered after a crash — at-least-once).
//
// Membership follows Kafka's group coordinator: a crashed consumer stays a member, owning its
// partitions that nobody reads, until its session times out (session.timeout.ms); then the group
// rebalances. A rebalance takes one JoinGroup/SyncGroup round and completes only once every member
// has rejoined, i.e. finished the record in hand. With the eager protocol every member stops
// fetching for the round; with cooperative-sticky only the partitions that change owner pause.
// GroupMembership runs that protocol on this state; the run's record path reads and writes the rest.

#include "Assignor.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::app {

struct MemberRuntime
{
    bool alive = true;  // the consumer process runs
    bool joined = true; // the coordinator counts it as a member (a crash is noticed only later)
    bool busy = false;
    bool waiting = false;    // polled and found nothing: woken when a high watermark moves
    std::uint32_t epoch = 0; // changes when the consumer crashes or restarts: stale work is recognised
    int busyPartition = -1;  // the partition of the record in hand
    std::vector<int> partitions;
    std::size_t nextPick = 0; // round-robin over the member's partitions
};

// A consumer's fetch session on one partition (KIP-227): once a fetch from `from` succeeded, the
// broker hands over whatever arrives below the high watermark without a new full request, until
// the broker changes under it (a leader, log start or log end moving: a new broker epoch).
struct FetchedRange
{
    std::int64_t from = 0;
    std::uint32_t brokerEpoch = 0; // 0: no session
};

struct GroupRuntime
{
    QString name;
    std::string memberPrefix;
    std::uint32_t edge = 0;
    int topic = -1;
    std::uint32_t node = 0; // the consuming service or stream processor
    bool autoCommit = true;
    double autoCommitS = 5.0;
    bool resetEarliest = true;
    double sessionTimeoutS = 45.0;
    std::shared_ptr<const broker::Assignor> assignor;
    int generation = 0;
    std::vector<MemberRuntime> members;
    std::vector<std::int64_t> position;  // next offset to fetch, per partition
    std::vector<std::int64_t> committed; // per partition
    std::vector<std::int64_t> processed; // every offset below has been processed at least once
    std::vector<int> owner;              // live member per partition, -1: read by nobody
    std::vector<FetchedRange> fetched;   // per partition: the last batch fetched

    // A group before its first generation: every partition unread, unowned, at offset 0.
    void resetPartitions(std::size_t parts)
    {
        position.assign(parts, 0);
        committed.assign(parts, 0);
        processed.assign(parts, 0);
        owner.assign(parts, -1);
        paused.assign(parts, 0);
        fetched.assign(parts, FetchedRange{});
    }

    // the rebalance in progress
    bool rebalancing = false;
    bool roundOver = false;               // the JoinGroup/SyncGroup round has taken its time
    std::uint32_t round = 0;              // identifies the round's timer
    std::vector<char> paused;             // per partition: revoked, nobody fetches it until the end
    std::vector<std::vector<int>> target; // per member: its partitions once the rebalance completes
    QStringList left;                     // why: members gone and joined since the last generation
    QStringList joinedNow;

    quint64 redelivered = 0; // records fetched again after a crash or rebalance (at-least-once)

    // Shared with real Kafka clients (`serve`): membership, rebalances and the partitions of the
    // members outside now follow the server's group coordinator (ScenarioGroupBridge), so the
    // group's own session timeouts and restarts start no rebalance of their own.
    bool shared = false;

    // lag over the run, sampled once per simulated second
    std::int64_t maxLag = 0;
    double peakAt = 0.0;
    std::optional<double> drainS;
    std::int64_t lastLag = 0;
};

} // namespace postoffice::app
