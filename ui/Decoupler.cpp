#include "Decoupler.h"

#include <QSet>

#include <map>

namespace postoffice::ui {

using app::EdgeKind;
using app::NodeKind;

namespace {

// The event a service handles: follow incoming calls back to a producer.
QString eventTypeOf(const app::Scenario &s, const std::vector<app::EdgeSpec> &edges, const QString &nodeId)
{
    QSet<QString> seen;
    QString at = nodeId;
    while (!seen.contains(at)) {
        seen.insert(at);
        const app::NodeSpec *n = s.node(at);
        if (n && n->kind == NodeKind::Producer)
            return n->event_type;
        const auto in = std::find_if(edges.begin(), edges.end(), [&](const app::EdgeSpec &e) {
            return e.kind == EdgeKind::Call && e.to == at;
        });
        if (in == edges.end())
            break;
        if (in->trigger == QLatin1String("low_stock"))
            return QStringLiteral("LowStock");
        at = in->from;
    }
    return nodeId + QStringLiteral("-events");
}

bool isServiceLike(const app::NodeSpec *n)
{
    return n && (n->kind == NodeKind::Service || n->kind == NodeKind::Stream);
}

} // namespace

QString Decoupler::topicNameFor(const QString &eventType)
{
    QString out;
    for (qsizetype i = 0; i < eventType.size(); ++i) {
        const QChar c = eventType.at(i);
        if (c == u'_' || c == u' ' || c == u'.') {
            if (!out.endsWith(u'-'))
                out += u'-';
        } else if (c.isUpper()) {
            if (i > 0 && !out.endsWith(u'-'))
                out += u'-';
            out += c.toLower();
        } else {
            out += c;
        }
    }
    return out;
}

Decoupler::Plan Decoupler::plan(const app::Scenario &s, const QString &tightArchitecture, QString *error)
{
    Plan result;
    const app::ArchitectureSpec *tight = s.architecture(tightArchitecture);
    if (!tight) {
        *error = QStringLiteral("Nothing to decouple: the scenario has no \"%1\" architecture.")
                     .arg(tightArchitecture);
        return result;
    }

    std::map<std::pair<QString, QString>, QString> topicFor; // (caller, event) → topic id
    QSet<QString> usedIds;
    for (const app::NodeSpec &n : s.nodes)
        usedIds.insert(n.id);

    auto topicOf = [&](const app::EdgeSpec &call, const QString &event) {
        const auto key = std::make_pair(call.from, event);
        if (auto it = topicFor.find(key); it != topicFor.end())
            return it->second;
        QString id = topicNameFor(event);
        const app::NodeSpec *existing = s.node(id);
        if (!existing || existing->kind != NodeKind::Topic) {
            const QString base = id;
            for (int n = 2; usedIds.contains(id); ++n)
                id = QStringLiteral("%1-%2").arg(base).arg(n);
            app::NodeSpec topic;
            topic.id = id;
            topic.kind = NodeKind::Topic;
            topic.partitions = defaultPartitions;
            topic.replication_factor = std::min(3, std::max(1, s.cluster.brokers));
            result.newTopics.push_back(topic);
            usedIds.insert(id);
        }
        topicFor[key] = id;
        return id;
    };

    std::map<QString, std::vector<QPointF>> calleePositions; // topic → positions of its readers
    std::map<QString, QPointF> callerPosition;
    QSet<std::pair<QString, QString>> published;
    for (const app::EdgeSpec &e : tight->edges) {
        const app::NodeSpec *from = s.node(e.from);
        const app::NodeSpec *to = s.node(e.to);
        if (e.kind != EdgeKind::Call || !isServiceLike(from) || !isServiceLike(to)) {
            result.edges.push_back(e);
            continue;
        }
        const QString event = e.trigger == QLatin1String("low_stock") ? QStringLiteral("LowStock")
                                                                      : eventTypeOf(s, tight->edges, e.from);
        const QString topic = topicOf(e, event);
        if (!published.contains({e.from, topic})) {
            published.insert({e.from, topic});
            app::EdgeSpec pub;
            pub.kind = EdgeKind::Publish;
            pub.from = e.from;
            pub.to = topic;
            pub.trigger = e.trigger;
            pub.event_type = event;
            pub.acks = QStringLiteral("all");
            result.edges.push_back(pub);
        }
        app::EdgeSpec sub;
        sub.kind = EdgeKind::Subscribe;
        sub.from = topic;
        sub.to = e.to;
        sub.group = e.to;
        sub.consumers = std::clamp(to->workers, 1, defaultPartitions);
        result.edges.push_back(sub);
        calleePositions[topic].push_back(to->pos);
        callerPosition[topic] = from->pos;
        ++result.convertedCalls;
    }

    // Place each new topic between its writer and (the middle of) its readers.
    for (app::NodeSpec &topic : result.newTopics) {
        QPointF readers;
        const auto &positions = calleePositions[topic.id];
        for (const QPointF &p : positions)
            readers += p;
        readers /= static_cast<qreal>(std::max<std::size_t>(1, positions.size()));
        topic.pos = (callerPosition[topic.id] + readers) / 2.0;
    }

    if (result.convertedCalls == 0)
        *error = QStringLiteral("Nothing to decouple: \"%1\" has no call from a service to a service.")
                     .arg(tightArchitecture);
    else
        error->clear();
    return result;
}

} // namespace postoffice::ui
