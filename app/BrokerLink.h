#pragma once

// One architecture's broker cluster as its world sees it: the cluster itself on the run's virtual
// clock, its next deadline (kept beside the event queue), and what the cluster reports back —
// appends, leader and in-sync replica changes, truncation and retention — turned into the run's
// bookkeeping, wake-ups of waiting consumers and events for the log.

#include "BrokerObserver.h"
#include "Cluster.h"
#include "Request.h"
#include "Scenario.h"
#include "TopicRuntime.h"
#include "VirtualClock.h"

#include <QString>

#include <cstdint>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

namespace postoffice::app {

class RunWorld;

class BrokerLink : private broker::BrokerObserver
{
public:
    explicit BrokerLink(RunWorld &world) : m_world(world) {}
    ~BrokerLink() override;

    // Creates the cluster and the world's topics in it; on a topic the cluster refuses, returns why.
    QString create(const ClusterSpec &spec);
    broker::Cluster *cluster() const { return m_cluster.get(); }

    // When the cluster next has work of its own (replication, a leader's timeout): +inf for none.
    double tickAt() const { return m_tickAt; }
    void onTick();
    // Something was produced or changed: consumers whose partitions grew wake up and the
    // cluster's next deadline is read again.
    void changed();
    void setBrokerUp(int brokerNode, bool up);
    // Sets the cluster's clock to the world's time (to the millisecond it counts in).
    void syncClock();
    std::int64_t nowMs() const { return m_clock.nowMs(); }
    // Changes whenever a leader, a log start or a log end may have moved backwards: fetched
    // batches from before are fetched again.
    std::uint32_t epoch() const { return m_epoch; }

    // Appends one record to world topic `topic` (partition -1: the broker picks one), charging the
    // records appended to `order` for every group subscribed.
    void produce(int topic, std::int32_t partition, const broker::RecordRef &record, broker::Acks acks,
                 std::uint32_t order, std::uint16_t category, broker::ProduceCallback acked);

private:
    int topicIndex(const std::string &topic) const;
    void refreshHighWatermark(int topic, int partition);

    void onAppend(const std::string &topic, std::int32_t partition, std::int64_t baseOffset,
                  std::int32_t count) override;
    void onRecordsLost(const std::string &topic, std::int32_t partition, std::int64_t firstOffset,
                       std::int64_t lastOffset, const std::string &reason) override;
    void onRetention(const std::string &topic, std::int32_t partition,
                     std::int64_t newLogStartOffset) override;
    void onLeaderChange(const std::string &topic, std::int32_t partition, std::int32_t leader,
                        std::int32_t leaderEpoch) override;
    void onIsrChange(const std::string &topic, std::int32_t partition,
                     const std::vector<std::int32_t> &isr) override;

    RunWorld &m_world;
    VirtualClock m_clock;
    std::unique_ptr<broker::Cluster> m_cluster;
    // The broker's next deadline: a timer kept beside the queue, not in it, because it moves
    // earlier and later with every produce and stale heap entries would pile up.
    double m_tickAt = std::numeric_limits<double>::infinity();
    std::uint32_t m_epoch = 1;
    // what is being appended right now (set around Cluster::produce so onAppend can charge it)
    std::uint32_t m_appendingOrder = Request::kNone;
    std::uint16_t m_appendingCategory = 0;
    int m_appendingTopic = -1;
    std::vector<std::pair<int, int>> m_wakeups; // (topic, partition) whose high watermark may have moved
    bool m_refreshAll = false;                  // a leader change or loss: re-read every partition
};

} // namespace postoffice::app
