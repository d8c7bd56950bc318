#include "ScenarioKeys.h"

#include <algorithm>
#include <map>

namespace postoffice::app {

namespace {

const std::map<QString, QStringList> &keyTable()
{
    // Common keys of a family live under the bare family name; kind-specific ones under
    // "family.kind". Keep in step with Scenario.h and scenarios/scenario.schema.json.
    static const std::map<QString, QStringList> table = {
        {"root",
         {"schema", "name", "description", "seed", "duration_s", "cluster", "nodes", "architectures",
          "faults", "narration"}},
        {"cluster",
         {"brokers", "network_latency_ms", "replica_fetch_delay_ms", "replica_lag_time_max_ms", "config"}},
        {"node", {"id", "kind", "pos", "label"}},
        {"node.producer", {"traffic", "event_type"}},
        {"node.service", {"workers", "service_time", "queue_limit", "error_rate", "stock"}},
        {"node.stream", {"service_time", "operation", "keep_ratio", "window_s"}},
        {"node.topic", {"partitions", "replication_factor", "config"}},
        {"node.broker", {"broker_id"}},
        {"traffic", {"pattern", "rate_per_s"}},
        {"traffic.constant", {}},
        {"traffic.poisson", {}},
        {"traffic.ramp", {"to_rate_per_s", "ramp_s"}},
        {"traffic.spike", {"spike_rate_per_s", "spike_at_s", "spike_duration_s"}},
        {"traffic.daily", {"peak_factor", "peak_at_h"}},
        {"service_time", {"dist", "mean_ms"}},
        {"service_time.constant", {}},
        {"service_time.exponential", {}},
        {"service_time.lognormal", {"sigma"}},
        {"stock", {"initial", "threshold"}},
        {"architecture", {"description", "edges"}},
        {"edge", {"kind", "from", "to"}},
        {"edge.call", {"trigger", "timeout_ms", "retries", "backoff_ms", "circuit_breaker", "bulkhead"}},
        {"edge.publish", {"trigger", "event_type", "acks", "key"}},
        {"edge.subscribe",
         {"group", "consumers", "assignor", "enable_auto_commit", "auto_commit_interval_ms",
          "auto_offset_reset", "session_timeout_ms"}},
        {"circuit_breaker", {"failure_threshold", "open_ms", "half_open_probes"}},
        {"fault", {"kind", "target", "at_s", "duration_s", "architecture"}},
        {"fault.down", {}},
        {"fault.slow", {"factor", "add_ms"}},
        {"fault.error_rate", {"rate"}},
        {"fault.consumer_crash", {"consumers"}},
        {"fault.broker_down", {}},
        {"fault.network_cut", {"peer"}},
        {"fault.spike", {"factor"}},
        {"narration", {"at_s", "text", "pause"}},
    };
    return table;
}

} // namespace

const QStringList &ScenarioKeys::contexts()
{
    static const QStringList all = [] {
        QStringList names;
        for (const auto &[name, keys] : keyTable())
            names << name;
        names << QStringLiteral("config.topic") << QStringLiteral("config.cluster");
        return names;
    }();
    return all;
}

QStringList ScenarioKeys::keys(const QString &context)
{
    // Asked for every object the loader reads, so resolved once (thread-safe static init).
    static const std::map<QString, QStringList> resolved = [] {
        std::map<QString, QStringList> table;
        for (const QString &c : contexts())
            table[c] = computeKeys(c);
        return table;
    }();
    auto it = resolved.find(context);
    return it != resolved.end() ? it->second : computeKeys(context);
}

QStringList ScenarioKeys::computeKeys(const QString &context)
{
    if (context == u"config.topic" || context == u"config.cluster") {
        QStringList names;
        for (const ConfigKey &key : context == u"config.topic" ? topicConfigKeys() : clusterConfigKeys())
            names << key.name;
        return names;
    }
    const auto &table = keyTable();
    QStringList result;
    const qsizetype dot = context.indexOf(u'.');
    if (dot > 0) {
        if (auto family = table.find(context.left(dot)); family != table.end())
            result = family->second;
    }
    if (auto own = table.find(context); own != table.end())
        result += own->second;
    return result;
}

QStringList ScenarioKeys::familyKeys(const QString &family)
{
    static const std::map<QString, QStringList> resolved = [] {
        std::map<QString, QStringList> table;
        for (const QString &context : contexts()) {
            QStringList &keysOfFamily = table[context.section(u'.', 0, 0)];
            for (const QString &key : keys(context)) {
                if (!keysOfFamily.contains(key))
                    keysOfFamily << key;
            }
        }
        return table;
    }();
    auto it = resolved.find(family);
    return it != resolved.end() ? it->second : QStringList();
}

const QStringList &ScenarioKeys::nodeKinds()
{
    static const QStringList names = {"producer", "service", "topic", "broker", "stream"};
    return names;
}

const QStringList &ScenarioKeys::edgeKinds()
{
    static const QStringList names = {"call", "publish", "subscribe"};
    return names;
}

const QStringList &ScenarioKeys::trafficPatterns()
{
    static const QStringList names = {"constant", "poisson", "ramp", "spike", "daily"};
    return names;
}

const QStringList &ScenarioKeys::serviceTimeDists()
{
    static const QStringList names = {"constant", "exponential", "lognormal"};
    return names;
}

const QStringList &ScenarioKeys::streamOperations()
{
    static const QStringList names = {"filter", "map", "aggregate"};
    return names;
}

const QStringList &ScenarioKeys::faultKinds()
{
    static const QStringList names = {"down",        "slow",        "error_rate", "consumer_crash",
                                      "broker_down", "network_cut", "spike"};
    return names;
}

const QStringList &ScenarioKeys::acksValues()
{
    static const QStringList names = {"0", "1", "all"}; // acks
    return names;
}

const QStringList &ScenarioKeys::assignors()
{
    static const QStringList names = {"range", "roundrobin", "sticky",
                                      "cooperative-sticky"}; // partition.assignment.strategy
    return names;
}

const QStringList &ScenarioKeys::offsetResets()
{
    static const QStringList names = {"earliest", "latest"}; // auto.offset.reset
    return names;
}

const QStringList &ScenarioKeys::triggers()
{
    static const QStringList names = {"always", "low_stock"};
    return names;
}

const std::vector<ScenarioKeys::ConfigKey> &ScenarioKeys::topicConfigKeys()
{
    // Ranges as Kafka (and broker/TopicConfig) accept them; -1 means unlimited for retention.
    constexpr qint64 kInt32Max = 2147483647;
    constexpr qint64 kJsonMax = qint64(1) << 53;
    static const std::vector<ConfigKey> table = {
        {"retention.ms", ConfigType::Integer, -1, kJsonMax, {}},
        {"retention.bytes", ConfigType::Integer, -1, kJsonMax, {}},
        {"segment.bytes", ConfigType::Integer, 14, kInt32Max, {}},
        {"segment.ms", ConfigType::Integer, 1, kJsonMax, {}},
        {"delete.retention.ms", ConfigType::Integer, 0, kJsonMax, {}},
        {"max.message.bytes", ConfigType::Integer, 0, kInt32Max, {}},
        {"cleanup.policy", ConfigType::Choice, 0, 0, {"delete", "compact", "compact,delete"}},
        {"min.insync.replicas", ConfigType::Integer, 1, kInt32Max, {}},
        {"unclean.leader.election.enable", ConfigType::Boolean, 0, 0, {}},
    };
    return table;
}

const std::vector<ScenarioKeys::ConfigKey> &ScenarioKeys::clusterConfigKeys()
{
    // The engine hands cluster entries to every topic as defaults, so they share the topic names.
    return topicConfigKeys();
}

std::optional<ScenarioKeys::ConfigKey> ScenarioKeys::configKey(const std::vector<ConfigKey> &table,
                                                               const QString &name)
{
    auto it =
        std::find_if(table.begin(), table.end(), [&](const ConfigKey &key) { return key.name == name; });
    if (it == table.end())
        return std::nullopt;
    return *it;
}

} // namespace postoffice::app
