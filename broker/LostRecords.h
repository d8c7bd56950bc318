#pragma once

#include <cstdint>
#include <string>

namespace postoffice::broker {

// A run of offsets removed from a partition's log by a leader election (clean election after acks=1
// writes the new leader never fetched, or an unclean election): records that producers may have
// seen acknowledged and that no consumer will ever read.
struct LostRecords
{
    std::string topic;
    std::int32_t partition = -1;
    std::int64_t firstOffset = -1; // inclusive
    std::int64_t lastOffset = -1;  // inclusive
    std::string reason;

    std::int64_t count() const { return lastOffset - firstOffset + 1; }
    bool operator==(const LostRecords &) const = default;
};

} // namespace postoffice::broker
