#include "ExternalClientsOverlay.h"

#include "ExternalClientItem.h"
#include "GraphScene.h"
#include "NodeItem.h"
#include "TopicNodeItem.h"

#include <QGraphicsPathItem>
#include <QPainterPath>
#include <QPen>

#include <algorithm>

namespace postoffice::ui {

namespace {

// Between the graph's bottom and the cards' row: room for the curves and the cards' pills, and no
// more, since every unit of it is height the canvas's fit takes from the scenario's cards (in
// presenter mode on a 1280x720 projector the served canvas is a wide, low strip).
constexpr qreal rowGap = 44.0;
constexpr qreal cardGap = 20.0; // between two cards of the row

std::pair<bool, QString> keyOf(bool producer, const QString &name)
{
    return {!producer, name};
}

} // namespace

ExternalClientsOverlay::ExternalClientsOverlay(QObject *parent) : QObject(parent) {}

ExternalClientsOverlay::~ExternalClientsOverlay()
{
    clear();
}

void ExternalClientsOverlay::setScene(GraphScene *scene)
{
    if (scene == m_scene)
        return;
    clear();
    m_scene = scene;
}

void ExternalClientsOverlay::removeEntry(Entry &entry)
{
    // A canvas that was rebuilt took its items with it.
    if (m_scene) {
        for (auto &[topic, edge] : entry.edges)
            delete edge;
        delete entry.card;
    }
    entry = Entry{};
}

void ExternalClientsOverlay::clear()
{
    for (auto &[key, entry] : m_entries)
        removeEntry(entry);
    m_entries.clear();
}

ExternalClientItem *ExternalClientsOverlay::item(bool producer, const QString &name) const
{
    const auto it = m_entries.find(keyOf(producer, name));
    return it == m_entries.end() ? nullptr : it->second.card;
}

QList<ExternalClientItem *> ExternalClientsOverlay::items() const
{
    QList<ExternalClientItem *> out;
    for (const auto &[key, entry] : m_entries)
        out << entry.card;
    return out;
}

QStringList ExternalClientsOverlay::connectedTopics(const ExternalClientItem *item) const
{
    QStringList out;
    for (const auto &[key, entry] : m_entries)
        if (entry.card == item)
            for (const auto &[topic, edge] : entry.edges)
                out << topic;
    return out;
}

bool ExternalClientsOverlay::setClients(const std::vector<Client> &clients)
{
    if (!m_scene) {
        m_entries.clear();
        return false;
    }
    bool changed = false;
    std::map<std::pair<bool, QString>, bool> wanted;
    for (const Client &c : clients)
        wanted[keyOf(c.producer, c.name)] = true;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (wanted.count(it->first)) {
            ++it;
            continue;
        }
        removeEntry(it->second);
        it = m_entries.erase(it);
        changed = true;
    }
    for (const Client &c : clients) {
        Entry &e = m_entries[keyOf(c.producer, c.name)];
        if (!e.card) {
            e.card = new ExternalClientItem(c.producer ? ExternalClientItem::Kind::Producer
                                                       : ExternalClientItem::Kind::ConsumerGroup,
                                            c.name);
            m_scene->addItem(e.card);
            changed = true;
        }
        e.card->setState(c.subtitle, c.active);
        e.topics = c.topics;
        // One edge per topic that has a card here; topics a client created itself have none.
        std::vector<std::pair<QString, QGraphicsPathItem *>> edges;
        for (const QString &topic : c.topics) {
            if (!m_scene->topicItem(topic) || !m_scene->topicItem(topic)->isVisible())
                continue;
            QGraphicsPathItem *edge = nullptr;
            for (auto &[t, existing] : e.edges)
                if (t == topic)
                    std::swap(edge, existing);
            if (!edge) {
                edge = new QGraphicsPathItem;
                edge->setZValue(0.5);
                m_scene->addItem(edge);
                changed = true;
            }
            edges.emplace_back(topic, edge);
        }
        for (auto &[t, stale] : e.edges)
            delete stale;
        e.edges = std::move(edges);
    }
    layout();
    return changed;
}

void ExternalClientsOverlay::layout()
{
    if (!m_scene || m_entries.empty())
        return;
    // Below everything the scenario draws on this canvas.
    qreal bottom = -1e9;
    for (const NodeItem *n : m_scene->nodeItems())
        if (n->isVisible())
            bottom = std::max(bottom, n->sceneBoundingRect().bottom());
    if (bottom < -1e8)
        bottom = 0;
    const qreal y = bottom + rowGap + ExternalClientItem::cardHeight / 2;

    // Each card wants to stand under its first topic; producers left of consumers. Then the row
    // is swept left to right so that no two cards overlap.
    struct Slot
    {
        Entry *entry;
        qreal want;
        int order;
    };
    std::vector<Slot> places;
    for (auto &[key, e] : m_entries) {
        qreal want = 0;
        if (!e.edges.empty())
            want = m_scene->topicItem(e.edges.front().first)->scenePos().x();
        places.push_back({&e, want + (key.first ? 1 : -1) * (ExternalClientItem::cardWidth / 2 + cardGap / 2),
                          key.first ? 1 : 0});
    }
    std::stable_sort(places.begin(), places.end(), [](const Slot &a, const Slot &b) {
        return a.want != b.want ? a.want < b.want : a.order < b.order;
    });
    const qreal step = ExternalClientItem::cardWidth + cardGap;
    std::vector<qreal> xs(places.size());
    for (size_t i = 0; i < places.size(); ++i)
        xs[i] = i == 0 ? places[i].want : std::max(places[i].want, xs[i - 1] + step);
    // Centre the row's overflow around where the cards wanted to be.
    qreal shift = 0;
    for (size_t i = 0; i < places.size(); ++i)
        shift += xs[i] - places[i].want;
    shift /= qreal(places.size());
    for (size_t i = 0; i < places.size(); ++i) {
        Entry &e = *places[i].entry;
        e.card->setPos(xs[i] - shift, y);
        const bool producer = e.card->kind() == ExternalClientItem::Kind::Producer;
        QColor colour = ExternalClientItem::accent();
        if (!e.card->isActive())
            colour.setAlphaF(0.4);
        for (auto &[topic, edge] : e.edges) {
            const TopicNodeItem *t = m_scene->topicItem(topic);
            const QRectF tc = t->mapRectToScene(t->cardRect());
            const QPointF top = e.card->mapToScene(QPointF(0, e.card->cardRect().top()));
            // Into the topic's bottom edge, spread across it, never at its rounded corners.
            const QPointF end(std::clamp(top.x(), tc.left() + 18, tc.right() - 18), tc.bottom());
            QPainterPath path(producer ? top : end);
            const QPointF to = producer ? end : top;
            const QPointF from = path.currentPosition();
            const qreal dy = (to.y() - from.y()) / 2;
            path.cubicTo(from + QPointF(0, dy), to - QPointF(0, dy), to);
            edge->setPath(path);
            edge->setPen(QPen(colour, 2.2, Qt::DashLine, Qt::RoundCap));
            // Arrow head at the receiving end: the topic for a producer, the group for a consumer.
            const qreal dir = to.y() < from.y() ? 1.0 : -1.0; // pointing up (into the topic) or down
            auto *head = edge->childItems().isEmpty()
                             ? new QGraphicsPolygonItem(edge)
                             : static_cast<QGraphicsPolygonItem *>(edge->childItems().first());
            head->setPolygon(QPolygonF({to, to + QPointF(-6, 12 * dir), to + QPointF(6, 12 * dir)}));
            head->setPen(Qt::NoPen);
            head->setBrush(colour);
        }
    }
}

} // namespace postoffice::ui
