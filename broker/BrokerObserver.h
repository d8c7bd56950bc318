#pragma once

#include "ErrorCode.h"

#include <cstdint>
#include <string>
#include <vector>

namespace postoffice::broker {

// Everything observable in the broker, so the simulator and the GUI can listen without the core
// knowing who they are. Hooks default to doing nothing; override the ones you need. Hooks are called
// synchronously from inside the broker call that caused them; do not call back into the broker from
// a hook.
class BrokerObserver
{
public:
    virtual ~BrokerObserver() = default;

    // Records [baseOffset, baseOffset + count) were appended to the leader's log.
    virtual void onAppend(const std::string &topic, std::int32_t partition, std::int64_t baseOffset,
                          std::int32_t count)
    {
        (void)topic, (void)partition, (void)baseOffset, (void)count;
    }
    // A consumer fetch starting at offset returned count records.
    virtual void onFetch(const std::string &topic, std::int32_t partition, std::int64_t offset,
                         std::int32_t count)
    {
        (void)topic, (void)partition, (void)offset, (void)count;
    }
    // A consumer group committed offset for topic-partition (called by the group coordinator).
    virtual void onCommit(const std::string &group, const std::string &topic, std::int32_t partition,
                          std::int64_t offset)
    {
        (void)group, (void)topic, (void)partition, (void)offset;
    }
    // A group completed a rebalance into generation with memberCount members.
    virtual void onRebalance(const std::string &group, std::int32_t generation, std::int32_t memberCount)
    {
        (void)group, (void)generation, (void)memberCount;
    }
    // The in-sync replica set of topic-partition changed (broker ids, leader first).
    virtual void onIsrChange(const std::string &topic, std::int32_t partition,
                             const std::vector<std::int32_t> &isr)
    {
        (void)topic, (void)partition, (void)isr;
    }
    // A new leader was elected; leader is -1 when no replica can lead (partition offline).
    virtual void onLeaderChange(const std::string &topic, std::int32_t partition, std::int32_t leader,
                                std::int32_t leaderEpoch)
    {
        (void)topic, (void)partition, (void)leader, (void)leaderEpoch;
    }
    // Records [firstOffset, lastOffset] (inclusive) were removed from the log by something other than
    // retention or compaction: truncation after a leader election. Nothing is lost silently.
    virtual void onRecordsLost(const std::string &topic, std::int32_t partition, std::int64_t firstOffset,
                               std::int64_t lastOffset, const std::string &reason)
    {
        (void)topic, (void)partition, (void)firstOffset, (void)lastOffset, (void)reason;
    }
    // Records below newLogStartOffset were deleted by retention (retention.ms / retention.bytes).
    virtual void onRetention(const std::string &topic, std::int32_t partition, std::int64_t newLogStartOffset)
    {
        (void)topic, (void)partition, (void)newLogStartOffset;
    }
    // A produce request was refused (nothing appended): error says why, e.g. NOT_ENOUGH_REPLICAS.
    virtual void onProduceRejected(const std::string &topic, std::int32_t partition, std::int32_t count,
                                   ErrorCode error)
    {
        (void)topic, (void)partition, (void)count, (void)error;
    }
    // A broker went down (up = false) or came back (up = true).
    virtual void onBrokerState(std::int32_t brokerId, bool up) { (void)brokerId, (void)up; }
};

} // namespace postoffice::broker
