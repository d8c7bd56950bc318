#include "ClusterObservation.h"

#include <algorithm>

namespace postoffice::app {

QString groupStatusName(GroupStatus status)
{
    switch (status) {
    case GroupStatus::Unknown:
        return QStringLiteral("UNKNOWN");
    case GroupStatus::Ok:
        return QStringLiteral("OK");
    case GroupStatus::Warning:
        return QStringLiteral("WARNING");
    case GroupStatus::Error:
        return QStringLiteral("ERROR");
    }
    return QStringLiteral("UNKNOWN");
}

int TopicObservation::replicationFactor() const
{
    int rf = 0;
    for (const auto &p : partitions)
        rf = std::max(rf, int(p.replicas.size()));
    return rf;
}

qint64 TopicObservation::logEnd() const
{
    qint64 sum = 0;
    for (const auto &p : partitions)
        if (p.logEnd >= 0)
            sum += p.logEnd;
    return sum;
}

const PartitionObservation *TopicObservation::partition(int p) const
{
    for (const auto &part : partitions)
        if (part.partition == p)
            return &part;
    return nullptr;
}

QStringList GroupObservation::topics() const
{
    QStringList names;
    for (const auto &p : partitions)
        if (!names.contains(p.topic))
            names << p.topic;
    for (const auto &m : members)
        for (const auto &[topic, partition] : m.assignment)
            if (!names.contains(topic))
                names << topic;
    names.sort();
    return names;
}

int ClusterObservation::brokersUp() const
{
    return int(std::count_if(brokers.begin(), brokers.end(), [](const auto &b) { return b.up; }));
}

const TopicObservation *ClusterObservation::topic(const QString &name) const
{
    for (const auto &t : topics)
        if (t.name == name)
            return &t;
    return nullptr;
}

const GroupObservation *ClusterObservation::group(const QString &id) const
{
    for (const auto &g : groups)
        if (g.id == id)
            return &g;
    return nullptr;
}

const BrokerObservation *ClusterObservation::broker(int id) const
{
    for (const auto &b : brokers)
        if (b.id == id)
            return &b;
    return nullptr;
}

} // namespace postoffice::app
