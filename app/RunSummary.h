#pragma once

// The end-of-run figures of DESIGN.md §8 and their JSON form (the contract for scripts).

#include <QJsonObject>
#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace postoffice::app {

struct LatencySummary
{
    quint64 count = 0;
    double mean = 0.0;
    double p50 = 0.0;
    double p95 = 0.0;
    double p99 = 0.0;
};

struct ServiceSummary
{
    QString id;
    quint64 completed = 0;
    quint64 failed = 0;
    double utilization = 0.0;              // busy worker-time / (workers × run time)
    std::optional<double> mean_wait_ms;    // arrival → start of service (Erlang C's Wq)
    std::optional<double> mean_latency_ms; // arrival → completion (W)
};

struct GroupSummary
{
    QString group;
    qint64 max_lag = 0;
    qint64 end_lag = 0;
    std::optional<double> drain_s; // peak → first time at or below max(10, 1 % of peak)
    quint64 redelivered = 0;       // records processed again after a crash or rebalance (at-least-once)
};

struct ArchitectureSummary
{
    QString name;
    quint64 placed = 0;
    quint64 completed = 0;
    quint64 failed = 0;
    quint64 lost = 0;
    quint64 in_flight = 0;
    std::map<QString, quint64> lost_by_reason; // "acks0_leader_down", "unclean_election", "retention"
    LatencySummary latency;                    // end to end: placed → all work done
    LatencySummary response_latency;           // placed → the customer got an answer
    quint64 accepted = 0;                      // customer answers that were a success
    quint64 rejected = 0;
    bool conservation_ok = false;
    std::vector<ServiceSummary> services;
    std::vector<GroupSummary> groups;
};

struct RunSummary
{
    QString scenario;
    quint64 seed = 0;
    double duration_s = 0.0;
    std::vector<ArchitectureSummary> architectures;
    quint64 events_processed = 0;
    double wall_s = 0.0;

    QJsonObject toJson() const;
};

} // namespace postoffice::app
