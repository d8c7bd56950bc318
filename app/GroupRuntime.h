#pragma once

// A consumer group as one architecture runs it: its members (each handles one record at a time on
// the consuming node), the partition assignment, and per partition the consumer position, the
// committed offset and how far processing has really got (which may run ahead of the commit: what
// lies between is redelivered after a crash — at-least-once).

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::app {

struct MemberRuntime
{
    bool alive = true;
    bool busy = false;
    bool waiting = false;    // polled and found nothing: woken when a high watermark moves
    std::uint32_t epoch = 0; // changes on every rebalance and crash: stale work is recognised
    std::vector<int> partitions;
    std::size_t nextPick = 0; // round-robin over the member's partitions
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
    int generation = 0;
    std::vector<MemberRuntime> members;
    std::vector<std::int64_t> position;  // next offset to fetch, per partition
    std::vector<std::int64_t> committed; // per partition
    std::vector<std::int64_t> processed; // every offset below has been processed at least once
    std::vector<int> owner;              // member per partition, -1: unassigned

    // lag over the run, sampled once per simulated second
    std::int64_t maxLag = 0;
    double peakAt = 0.0;
    std::optional<double> drainS;
    std::int64_t lastLag = 0;
};

} // namespace postoffice::app
