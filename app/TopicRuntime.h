#pragma once

// The engine's side of a topic: the broker core holds the log; the engine remembers, for each
// offset still unprocessed by some subscribing group, which order the record belongs to, so that
// processing, retention and truncation are charged to the right order.

#include "PartitionHandle.h"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace postoffice::app {

struct RecordEntry
{
    std::uint32_t order = 0xffffffffu; // 0xffffffff: a derived record (window aggregate)
    std::uint16_t category = 0;
    double appendedAt = 0.0;
};

struct PartitionRuntime
{
    std::deque<RecordEntry> entries; // entries[i] is offset base + i
    std::int64_t base = 0;
    bool waiting = false; // some member waits for this partition's high watermark to move
    // The broker's high watermark as last read, and the log end as appends reported it: consumers
    // compare against the copy, and it is re-read only while replication still owes records.
    std::int64_t hw = 0;
    std::int64_t end = 0;
};

struct TopicRuntime
{
    std::string name;
    std::uint32_t node = 0;
    int partitions = 1;
    std::vector<PartitionRuntime> parts;
    std::vector<broker::PartitionHandle> handles; // per partition, resolved once in the broker
    std::vector<std::uint32_t> groups;            // subscribing group runtimes
};

} // namespace postoffice::app
