#pragma once

// The in-memory form of a scenario file (DESIGN.md §5, schema "postoffice.scenario/1").
// Plain data: the loader fills it, the writer saves it, the engine builds a world from it and
// the GUI edits it through undo commands. Field names mirror the JSON keys so the contract is
// readable from here; units are in the names (_s, _ms, per_s) exactly as in the file.

#include <QJsonObject>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace postoffice::app {

enum class NodeKind { Producer, Service, Topic, Broker, Stream };
enum class EdgeKind { Call, Publish, Subscribe };
enum class TrafficPattern { Constant, Poisson, Ramp, Spike, Daily };
enum class ServiceTimeDist { Constant, Exponential, Lognormal };
enum class StreamOperation { Filter, Map, Aggregate };
enum class FaultKind { Down, Slow, ErrorRate, ConsumerCrash, BrokerDown, NetworkCut, Spike };

// A producer's traffic. `constant` and `poisson` use rate_per_s only.
struct TrafficSpec
{
    TrafficPattern pattern = TrafficPattern::Poisson;
    double rate_per_s = 1.0;       // constant/poisson rate; base rate for ramp, spike and daily
    double to_rate_per_s = 0.0;    // ramp: rate reached at ramp_s
    double ramp_s = 0.0;           // ramp: seconds from rate_per_s to to_rate_per_s (then stays)
    double spike_rate_per_s = 0.0; // spike: rate during [spike_at_s, spike_at_s + spike_duration_s)
    double spike_at_s = 0.0;
    double spike_duration_s = 0.0;
    double peak_factor = 2.0; // daily: rate(t) follows a 24 h sine, peak = rate_per_s * peak_factor
    double peak_at_h = 20.0;  // daily: hour of day of the peak
    // Poisson arrivals whose rate varies (ramp, spike, daily) are drawn by thinning.
    QJsonObject extra; // unknown keys, kept so that a save round-trips exactly

    bool operator==(const TrafficSpec &) const = default;
};

struct ServiceTimeSpec
{
    ServiceTimeDist dist = ServiceTimeDist::Exponential;
    double mean_ms = 10.0;
    double sigma = 0.5; // lognormal shape (std-dev of the underlying normal)
    QJsonObject extra;  // unknown keys, kept so that a save round-trips exactly

    bool operator==(const ServiceTimeSpec &) const = default;
};

// Inventory's stock: every completed request takes one unit; crossing below threshold fires the
// node's outgoing edges whose trigger is "low_stock" once and restocks to `initial`.
struct StockSpec
{
    int initial = 0;
    int threshold = 0;
    QJsonObject extra; // unknown keys, kept so that a save round-trips exactly

    bool operator==(const StockSpec &) const = default;
};

struct NodeSpec
{
    QString id;
    NodeKind kind = NodeKind::Service;
    QPointF pos;
    QString label; // shown on the canvas; empty means "use id"

    // producer
    TrafficSpec traffic;
    QString event_type = QStringLiteral("OrderPlaced"); // producer: type of the events it creates

    // service and stream processor
    int workers = 1;
    ServiceTimeSpec service_time;
    std::optional<int> queue_limit; // none: unbounded
    double error_rate = 0.0;        // probability that a request fails after its service time
    std::optional<StockSpec> stock;

    // stream processor
    StreamOperation operation = StreamOperation::Map;
    double keep_ratio = 1.0; // filter: fraction of records that pass
    double window_s = 60.0;  // aggregate: tumbling window length

    // topic (config uses Kafka's names: retention.ms, retention.bytes, cleanup.policy,
    // min.insync.replicas, segment.bytes, unclean.leader.election.enable, ...)
    int partitions = 1;
    int replication_factor = 1;
    std::map<QString, QString> config;

    // broker: which broker of the cluster this node stands for (0-based)
    int broker_id = 0;

    QJsonObject extra; // keys the loader does not know, kept so that a save round-trips exactly

    bool operator==(const NodeSpec &) const = default;
};

struct CircuitBreakerSpec
{
    int failure_threshold = 5; // consecutive failures that open the breaker
    double open_ms = 5000.0;   // time open before one half-open probe is let through
    int half_open_probes = 1;  // successes in half-open needed to close again
    QJsonObject extra;         // unknown keys, kept so that a save round-trips exactly

    bool operator==(const CircuitBreakerSpec &) const = default;
};

struct EdgeSpec
{
    EdgeKind kind = EdgeKind::Call;
    QString from;
    QString to;
    QString trigger = QStringLiteral("always"); // or "low_stock" (see StockSpec)
    QString event_type;                         // publish: type of the events written

    // call
    std::optional<double> timeout_ms; // none: wait as long as it takes
    int retries = 0;
    double backoff_ms = 100.0; // doubles after every retry
    std::optional<CircuitBreakerSpec> circuit_breaker;
    std::optional<int> bulkhead; // max concurrent calls in flight on this edge

    // publish
    QString acks = QStringLiteral("all");     // "0", "1" or "all"
    QString key = QStringLiteral("order_id"); // record key field, or "" for null keys

    // subscribe
    QString group; // empty: the group is named after the target node (see groupName())
    int consumers = 1;
    QString assignor = QStringLiteral("range"); // range, roundrobin, sticky
    bool enable_auto_commit = true;
    double auto_commit_interval_ms = 5000.0;
    // session.timeout.ms: how long a crashed consumer keeps its partitions before the group
    // notices and rebalances (the Java client's default since Kafka 3.0, KIP-735).
    double session_timeout_ms = 45000.0;
    QString auto_offset_reset = QStringLiteral("earliest");

    QJsonObject extra;

    QString groupName() const { return group.isEmpty() ? to : group; }

    bool operator==(const EdgeSpec &) const = default;
};

struct ArchitectureSpec
{
    QString name; // "tight", "decoupled", ...
    QString description;
    std::vector<EdgeSpec> edges;
    QJsonObject extra; // unknown keys, kept so that a save round-trips exactly

    bool operator==(const ArchitectureSpec &) const = default;
};

struct FaultSpec
{
    FaultKind kind = FaultKind::Down;
    QString target; // node id (service, broker node, producer for spike)
    QString peer;   // network_cut: the other end of the cut link
    double at_s = 0.0;
    double duration_s = 0.0;
    double factor = 1.0;  // slow: service time × factor; spike: traffic × factor
    double add_ms = 0.0;  // slow: + ms per request
    double rate = 0.0;    // error_rate: probability of failure while active
    int consumers = 1;    // consumer_crash: how many members of the target's group crash
    QString architecture; // empty: applies to every architecture
    QJsonObject extra;    // unknown keys, kept so that a save round-trips exactly

    bool operator==(const FaultSpec &) const = default;
};

struct NarrationStep
{
    double at_s = 0.0;
    QString text;
    bool pause = false;
    QJsonObject extra; // unknown keys, kept so that a save round-trips exactly

    bool operator==(const NarrationStep &) const = default;
};

struct ClusterSpec
{
    int brokers = 1;
    double network_latency_ms = 0.0;          // one-way latency of every hop (calls, produce, fetch)
    double replica_fetch_delay_ms = 5.0;      // followers fetch this long after the leader appends
    double replica_lag_time_max_ms = 30000.0; // replica.lag.time.max.ms
    std::map<QString, QString> config;        // further broker defaults by Kafka name
    QJsonObject extra;                        // unknown keys, kept so that a save round-trips exactly

    bool operator==(const ClusterSpec &) const = default;
};

struct Scenario
{
    QString schema = QStringLiteral("postoffice.scenario/1");
    QString name;
    QString description;
    quint64 seed = 1;
    double duration_s = 3600.0;
    ClusterSpec cluster;
    std::vector<NodeSpec> nodes;
    std::vector<ArchitectureSpec> architectures;
    std::vector<FaultSpec> faults;
    std::vector<NarrationStep> narration;
    QJsonObject extra;

    const NodeSpec *node(const QString &id) const;
    NodeSpec *node(const QString &id);
    const ArchitectureSpec *architecture(const QString &name) const;

    bool operator==(const Scenario &) const = default;
};

} // namespace postoffice::app
