#include "ClusterEventDetector.h"

#include <QSet>

#include <algorithm>

namespace postoffice::app {

namespace {

QString brokerList(const QList<int> &ids)
{
    QStringList parts;
    for (int id : ids)
        parts << QString::number(id);
    return u'[' + parts.join(u',') + u']';
}

QSet<QPair<QString, int>> assignment(const GroupObservation &g)
{
    QSet<QPair<QString, int>> all;
    for (const auto &m : g.members)
        for (const auto &tp : m.assignment)
            all.insert(tp);
    return all;
}

} // namespace

QString ClusterEvent::kindName(Kind kind)
{
    switch (kind) {
    case Kind::BrokerLost:
        return QStringLiteral("broker_lost");
    case Kind::BrokerBack:
        return QStringLiteral("broker_back");
    case Kind::LeaderChange:
        return QStringLiteral("leader_change");
    case Kind::IsrShrink:
        return QStringLiteral("isr_shrink");
    case Kind::IsrExpand:
        return QStringLiteral("isr_expand");
    case Kind::Rebalance:
        return QStringLiteral("rebalance");
    case Kind::GroupAppeared:
        return QStringLiteral("group_appeared");
    case Kind::GroupEmptied:
        return QStringLiteral("group_emptied");
    case Kind::GroupVanished:
        return QStringLiteral("group_vanished");
    case Kind::TopicCreated:
        return QStringLiteral("topic_created");
    case Kind::TopicDeleted:
        return QStringLiteral("topic_deleted");
    case Kind::GroupStatusChange:
        return QStringLiteral("group_status");
    }
    return QStringLiteral("unknown");
}

std::vector<ClusterEvent> ClusterEventDetector::compare(const ClusterObservation &before,
                                                        const ClusterObservation &after)
{
    std::vector<ClusterEvent> events;
    auto add = [&](ClusterEvent::Kind kind, const QString &subject, const QString &text) -> ClusterEvent & {
        ClusterEvent e;
        e.kind = kind;
        e.at = after.at;
        e.elapsedMs = after.elapsedMs;
        e.subject = subject;
        e.text = text;
        events.push_back(e);
        return events.back();
    };

    // Brokers: gone from the metadata or unreachable counts as lost.
    for (const auto &b : before.brokers) {
        const BrokerObservation *now = after.broker(b.id);
        const bool upNow = now && now->up;
        if (b.up && !upNow)
            add(ClusterEvent::Kind::BrokerLost, QStringLiteral("broker %1").arg(b.id),
                now ? QStringLiteral("broker %1 (%2:%3) is unreachable").arg(b.id).arg(b.host).arg(b.port)
                    : QStringLiteral("broker %1 (%2:%3) left the cluster").arg(b.id).arg(b.host).arg(b.port));
    }
    for (const auto &b : after.brokers) {
        const BrokerObservation *then = before.broker(b.id);
        if (b.up && (!then || !then->up))
            add(ClusterEvent::Kind::BrokerBack, QStringLiteral("broker %1").arg(b.id),
                then ? QStringLiteral("broker %1 (%2:%3) is back").arg(b.id).arg(b.host).arg(b.port)
                     : QStringLiteral("broker %1 (%2:%3) joined the cluster")
                           .arg(b.id)
                           .arg(b.host)
                           .arg(b.port));
    }

    // Topics and their partitions.
    for (const auto &t : before.topics)
        if (!after.topic(t.name))
            add(ClusterEvent::Kind::TopicDeleted, t.name, QStringLiteral("topic %1 was deleted").arg(t.name));
    for (const auto &t : after.topics) {
        const TopicObservation *then = before.topic(t.name);
        if (!then) {
            add(ClusterEvent::Kind::TopicCreated, t.name,
                QStringLiteral("topic %1 was created: %2 partitions, replication factor %3")
                    .arg(t.name)
                    .arg(t.partitions.size())
                    .arg(t.replicationFactor()));
            continue;
        }
        for (const auto &p : t.partitions) {
            const PartitionObservation *old = then->partition(p.partition);
            if (!old)
                continue;
            const QString where = QStringLiteral("%1[%2]").arg(t.name).arg(p.partition);
            if (old->leader != p.leader)
                add(ClusterEvent::Kind::LeaderChange, t.name,
                    p.leader < 0 ? QStringLiteral("%1 lost its leader (was broker %2): offline")
                                       .arg(where)
                                       .arg(old->leader)
                                 : QStringLiteral("%1 leader moved from broker %2 to broker %3")
                                       .arg(where)
                                       .arg(old->leader)
                                       .arg(p.leader));
            if (p.isr.size() < old->isr.size())
                add(ClusterEvent::Kind::IsrShrink, t.name,
                    QStringLiteral("%1 ISR shrank from %2 to %3%4")
                        .arg(where, brokerList(old->isr), brokerList(p.isr),
                             p.underReplicated() ? QStringLiteral(" (under-replicated)") : QString()));
            else if (p.isr.size() > old->isr.size())
                add(ClusterEvent::Kind::IsrExpand, t.name,
                    QStringLiteral("%1 ISR expanded from %2 to %3")
                        .arg(where, brokerList(old->isr), brokerList(p.isr)));
        }
    }

    // Groups.
    for (const auto &g : before.groups)
        if (!after.group(g.id))
            add(ClusterEvent::Kind::GroupVanished, g.id, QStringLiteral("group %1 vanished").arg(g.id));
    for (const auto &g : after.groups) {
        const GroupObservation *then = before.group(g.id);
        if (!then) {
            ClusterEvent &e =
                add(ClusterEvent::Kind::GroupAppeared, g.id,
                    g.membersKnown
                        ? QStringLiteral("group %1 appeared with %2 members").arg(g.id).arg(g.members.size())
                        : QStringLiteral("group %1 appeared").arg(g.id));
            if (g.membersKnown)
                e.members = int(g.members.size());
            continue;
        }
        if (g.membersKnown && then->membersKnown) {
            QStringList oldIds, newIds;
            for (const auto &m : then->members)
                oldIds << m.memberId;
            for (const auto &m : g.members)
                newIds << m.memberId;
            oldIds.sort();
            newIds.sort();
            const auto newAssignment = assignment(g);
            if (g.members.empty() && !then->members.empty()) {
                ClusterEvent &e = add(ClusterEvent::Kind::GroupEmptied, g.id,
                                      QStringLiteral("group %1 emptied: its %2 members left")
                                          .arg(g.id)
                                          .arg(then->members.size()));
                e.members = 0;
            } else if (oldIds != newIds || assignment(*then) != newAssignment) {
                ClusterEvent &e =
                    add(ClusterEvent::Kind::Rebalance, g.id,
                        QStringLiteral("group %1 rebalanced: %2 → %3 members, %4 partitions assigned")
                            .arg(g.id)
                            .arg(then->members.size())
                            .arg(g.members.size())
                            .arg(newAssignment.size()));
                e.members = int(g.members.size());
                e.partitions = int(newAssignment.size());
            }
        }
        if (g.status != then->status && g.status != GroupStatus::Unknown)
            add(ClusterEvent::Kind::GroupStatusChange, g.id,
                QStringLiteral("group %1 is %2 (was %3)%4")
                    .arg(g.id, groupStatusName(g.status), groupStatusName(then->status),
                         g.statusReason.isEmpty() ? QString() : QStringLiteral(": ") + g.statusReason));
    }
    return events;
}

} // namespace postoffice::app
