#include "RunSummary.h"

#include <QJsonArray>

namespace postoffice::app {

namespace {

QJsonObject latencyJson(const LatencySummary &l)
{
    return QJsonObject{{QStringLiteral("mean"), l.mean},
                       {QStringLiteral("p50"), l.p50},
                       {QStringLiteral("p95"), l.p95},
                       {QStringLiteral("p99"), l.p99}};
}

QJsonValue count(quint64 n)
{
    return QJsonValue(qint64(n));
}

} // namespace

QJsonObject RunSummary::toJson() const
{
    QJsonObject architecturesJson;
    for (const ArchitectureSummary &a : architectures) {
        QJsonObject o;
        o.insert(QStringLiteral("orders"), QJsonObject{{QStringLiteral("placed"), count(a.placed)},
                                                       {QStringLiteral("completed"), count(a.completed)},
                                                       {QStringLiteral("failed"), count(a.failed)},
                                                       {QStringLiteral("lost"), count(a.lost)},
                                                       {QStringLiteral("in_flight"), count(a.in_flight)}});
        // No completed order, no latency: absent rather than a made-up zero.
        if (a.latency.count > 0)
            o.insert(QStringLiteral("latency_ms"), latencyJson(a.latency));
        if (a.response_latency.count > 0)
            o.insert(QStringLiteral("response_latency_ms"), latencyJson(a.response_latency));
        o.insert(QStringLiteral("responses"), QJsonObject{{QStringLiteral("accepted"), count(a.accepted)},
                                                          {QStringLiteral("rejected"), count(a.rejected)}});
        if (!a.lost_by_reason.empty()) {
            QJsonObject reasons;
            for (const auto &[reason, n] : a.lost_by_reason)
                reasons.insert(reason, count(n));
            o.insert(QStringLiteral("lost_by_reason"), reasons);
        }
        o.insert(QStringLiteral("conservation_ok"), a.conservation_ok);
        QJsonObject services;
        for (const ServiceSummary &s : a.services) {
            QJsonObject so{{QStringLiteral("completed"), count(s.completed)},
                           {QStringLiteral("failed"), count(s.failed)},
                           {QStringLiteral("utilization"), s.utilization}};
            if (s.mean_wait_ms)
                so.insert(QStringLiteral("mean_wait_ms"), *s.mean_wait_ms);
            if (s.mean_latency_ms)
                so.insert(QStringLiteral("mean_latency_ms"), *s.mean_latency_ms);
            services.insert(s.id, so);
        }
        if (!services.isEmpty())
            o.insert(QStringLiteral("services"), services);
        QJsonObject groups;
        for (const GroupSummary &g : a.groups)
            groups.insert(g.group,
                          QJsonObject{{QStringLiteral("max_lag"), g.max_lag},
                                      {QStringLiteral("end_lag"), g.end_lag},
                                      {QStringLiteral("redelivered"), QJsonValue(qint64(g.redelivered))},
                                      {QStringLiteral("drain_s"),
                                       g.drain_s ? QJsonValue(*g.drain_s) : QJsonValue(QJsonValue::Null)}});
        if (!groups.isEmpty())
            o.insert(QStringLiteral("groups"), groups);
        architecturesJson.insert(a.name, o);
    }
    return QJsonObject{{QStringLiteral("scenario"), scenario},
                       {QStringLiteral("seed"), QJsonValue(qint64(seed))},
                       {QStringLiteral("duration_s"), duration_s},
                       {QStringLiteral("architectures"), architecturesJson},
                       {QStringLiteral("events_processed"), count(events_processed)},
                       {QStringLiteral("wall_s"), wall_s}};
}

} // namespace postoffice::app
