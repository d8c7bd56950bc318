#pragma once

// The librdkafka side of watching a cluster: one poll fills a ClusterObservation with what the
// cluster says right now (no derived figures; WatchHistory adds those). Blocking calls with
// timeouts: it runs on the watcher's own thread, never on a GUI thread.
//
// What it asks, and through which librdkafka call:
// - brokers, topics, partitions, leaders, replicas, ISR: rd_kafka_metadata (internal topics
//   whose names start with "__" are left out); controller: rd_kafka_controllerid;
// - whether each broker is reachable: librdkafka's statistics (statistics.interval.ms), with
//   enable.sparse.connections=false so that it keeps a connection to every broker. A broker that
//   the metadata still lists but that refuses connections counts as down (librdkafka's mock
//   cluster does exactly that with rd_kafka_mock_broker_set_down; a real cluster also drops it
//   from the metadata);
// - log start and high watermark per partition: rd_kafka_offsets_for_times with EARLIEST and
//   LATEST, one batched call per leader, skipping leaders known to be down;
// - groups: rd_kafka_ListConsumerGroups and rd_kafka_DescribeConsumerGroups (state, members,
//   assignments) when the cluster supports them (librdkafka's 2.0 mock cluster does not: then
//   only the groups named in WatchConfig::extraGroups are watched, members unknown);
// - committed offsets: rd_kafka_committed on one consumer handle per group, configured with that
//   group.id and never subscribing (so it never joins the group or disturbs it).
//
// Client properties from the config file are applied to every handle after our defaults, so a
// user may override them (e.g. statistics.interval.ms); bootstrap.servers always comes from
// WatchConfig. librdkafka's own log lines never reach stderr: errors are collected (redacted
// of nothing, as librdkafka never logs secrets) and returned with the poll.

#include "ClusterObservation.h"
#include "WatchConfig.h"

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

struct rd_kafka_s;
struct rd_kafka_conf_s;

namespace postoffice::app {

class RdkafkaClient
{
public:
    explicit RdkafkaClient(WatchConfig config);
    ~RdkafkaClient();
    RdkafkaClient(const RdkafkaClient &) = delete;
    RdkafkaClient &operator=(const RdkafkaClient &) = delete;

    // A property librdkafka refuses (unknown key, bad value), named; nullopt when all are fine.
    // Checked without connecting, so that a bad config file is bad input (exit 2).
    static std::optional<QString> configProblem(const WatchConfig &config);

    // One poll. False when the cluster could not be reached at all (`error` says why, with what
    // librdkafka reported: refused connections, failed authentication...); then `observation`
    // is left as it was.
    bool observe(ClusterObservation &observation, int timeoutMs, QString *error);

    // Groups to watch beyond those the cluster lists.
    void setExtraGroups(const QStringList &groups) { m_config.extraGroups = groups; }

    // librdkafka's error log lines since the last call (for the watcher's messages).
    QStringList takeLogErrors();

    // Called from librdkafka's callbacks.
    void onLog(int level, const char *facility, const char *message);
    void onError(int err, const char *reason);
    void onStats(const char *json, size_t length);

private:
    rd_kafka_conf_s *newConf(const QString &groupId, QString *error);
    rd_kafka_s *newHandle(const QString &groupId, QString *error);
    bool ensureHandles(QString *error);
    void queryOffsets(ClusterObservation &obs, int timeoutMs);
    QStringList listGroups(int timeoutMs, QStringList &warnings);
    void describeGroups(ClusterObservation &obs, int timeoutMs);
    void groupApisUnsupported(const QString &reason, QStringList &warnings);
    void releaseAdmin();
    void queryCommitted(ClusterObservation &obs, GroupObservation &group, int timeoutMs);

    WatchConfig m_config;
    rd_kafka_s *m_rk = nullptr;                  // metadata and offsets
    rd_kafka_s *m_admin = nullptr;               // group admin requests (kept apart: an unsupported request
                                                 // must not stall metadata polls)
    QHash<QString, rd_kafka_s *> m_groupHandles; // committed offsets, one per group.id
    bool m_groupApisSupported = true;
    bool m_groupApisNoticed = false;

    QMutex m_logMutex; // log_cb runs on librdkafka's threads
    QStringList m_logErrors;
    QString m_lastError;                // error_cb, served on the polling thread
    QHash<int, QString> m_brokerStates; // stats: nodeid → state
    QSet<int> m_everUp;
};

} // namespace postoffice::app
