#pragma once

#include "ErrorCode.h"
#include "ProduceResult.h"

#include <cstdint>

namespace postoffice::broker {

class ClusterEvents;
class PartitionState;

// acks=all produce requests waiting for replication: each is answered once, when the high watermark
// passes its last record, when its request.timeout.ms (ProduceOptions::timeoutMs) runs out, or when
// the leader changes under it. The requests themselves live in their partition (PartitionState's
// waiters, in offset order); this class decides when and how they are answered, and keeps one
// timeout timer per partition for the earliest deadline however many requests wait.
class AcksAllWaiters
{
public:
    explicit AcksAllWaiters(ClusterEvents &events) : m_events(events) {}

    // Parks a request for records [base, base + count) appended at now, due by deadlineMs.
    void wait(PartitionState &p, std::int64_t base, std::int32_t count, std::int64_t now,
              std::int64_t deadlineMs, ProduceCallback callback);
    // Answers every request the high watermark now covers.
    void complete(PartitionState &p);
    // Answers every waiting request with error (the leader changed: the producer retries elsewhere).
    void fail(PartitionState &p, ErrorCode error);
    // A ProduceTimeout timer came due (stale ones, superseded by an earlier deadline, are ignored):
    // RequestTimedOut for every request due by now.
    void timeoutDue(PartitionState &p, std::uint64_t token, std::int64_t now);

private:
    void expire(PartitionState &p, std::int64_t now);
    void scheduleTimeout(PartitionState &p, std::int64_t deadlineMs);

    ClusterEvents &m_events;
};

} // namespace postoffice::broker
