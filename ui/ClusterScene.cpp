#include "ClusterScene.h"

#include "ClusterBrokerItem.h"
#include "ClusterGroupItem.h"
#include "ClusterIngressItem.h"
#include "ClusterTopicItem.h"
#include "Theme.h"

#include <QGraphicsPathItem>
#include <QGraphicsSimpleTextItem>
#include <QPainterPath>
#include <QPen>

#include <cmath>

namespace postoffice::ui {

namespace {

// Columns, left to right: brokers (the cluster itself), then the flow of records.
constexpr qreal brokersX = 0.0;
constexpr qreal producersX = brokersX + ClusterBrokerItem::width + 48.0;
constexpr qreal topicsX = producersX + ClusterIngressItem::width + 64.0;
constexpr qreal groupsX = topicsX + ClusterTopicItem::width + 90.0;
constexpr qreal headingGap = 26.0;
constexpr qreal cardGap = 28.0;
constexpr qreal anchorDy = 30.0; // where edges meet a card: beside its title

QPainterPath arrow(QPointF from, QPointF to)
{
    QPainterPath path(from);
    const qreal dx = std::max<qreal>(40.0, (to.x() - from.x()) / 2);
    path.cubicTo(from + QPointF(dx, 0), to - QPointF(dx, 0), to);
    // The head, pointing along the curve's end (horizontal by construction).
    path.moveTo(to);
    path.lineTo(to + QPointF(-10, -5));
    path.moveTo(to);
    path.lineTo(to + QPointF(-10, 5));
    return path;
}

} // namespace

ClusterScene::ClusterScene(QObject *parent) : QGraphicsScene(parent)
{
    setItemIndexMethod(QGraphicsScene::NoIndex);
    setBackgroundBrush(Theme::canvasBackground());
    m_brokersHeading = heading(QStringLiteral("Brokers"));
    m_producersHeading = heading(QStringLiteral("Producers (measured)"));
    m_topicsHeading = heading(QStringLiteral("Topics — partitions as logs"));
    m_groupsHeading = heading(QStringLiteral("Consumer groups"));
}

void ClusterScene::applyTheme()
{
    setBackgroundBrush(Theme::canvasBackground());
    for (QGraphicsSimpleTextItem *h :
         {m_brokersHeading, m_producersHeading, m_topicsHeading, m_groupsHeading})
        h->setBrush(Theme::mutedText());
    for (QGraphicsItem *item : items())
        item->update();
}

QGraphicsSimpleTextItem *ClusterScene::heading(const QString &text)
{
    auto *item = addSimpleText(text, ClusterCardItem::pixelFont(13, true));
    item->setBrush(Theme::mutedText());
    return item;
}

int ClusterScene::groupColorIndex(const QString &group)
{
    qsizetype i = m_groupOrder.indexOf(group);
    if (i < 0) {
        m_groupOrder << group;
        i = m_groupOrder.size() - 1;
    }
    return int(i);
}

void ClusterScene::showObservation(const app::ClusterObservation &o)
{
    // Brokers: new ones join, those missing from the metadata stay, marked down.
    QSet<int> listed;
    for (const app::BrokerObservation &b : o.brokers) {
        listed.insert(b.id);
        ClusterBrokerItem *item = m_brokers.value(b.id);
        if (!item) {
            item = new ClusterBrokerItem(b.id);
            addItem(item);
            m_brokers.insert(b.id, item);
        }
        item->setBroker(b, b.id == o.controllerId);
    }
    for (auto it = m_brokers.begin(); it != m_brokers.end(); ++it) {
        if (listed.contains(it.key()))
            continue;
        app::BrokerObservation gone;
        gone.id = it.key();
        gone.up = false;
        gone.host = QStringLiteral("not in the metadata");
        it.value()->setBroker(gone, false);
    }
    m_brokersHeading->setText(QStringLiteral("Brokers: %1 of %2 up\n%3")
                                  .arg(o.brokersUp())
                                  .arg(m_brokers.size())
                                  .arg(o.controllerId >= 0
                                           ? QStringLiteral("controller: broker %1").arg(o.controllerId)
                                           : QStringLiteral("controller not known")));

    // Groups first: their commits mark the topics' logs.
    QSet<QString> groupsSeen;
    std::map<QString, std::vector<ClusterTopicItem::GroupCommit>> commits;
    for (const app::GroupObservation &g : o.groups) {
        groupsSeen.insert(g.id);
        ClusterGroupItem *item = m_groups.value(g.id);
        const int colour = groupColorIndex(g.id);
        if (!item) {
            item = new ClusterGroupItem(g.id, colour);
            addItem(item);
            m_groups.insert(g.id, item);
        }
        item->setGroup(g);
        for (const app::GroupPartitionObservation &p : g.partitions)
            commits[p.topic].push_back({colour, p.partition, p.committed});
    }
    for (auto it = m_groups.begin(); it != m_groups.end();) {
        if (groupsSeen.contains(it.key())) {
            ++it;
            continue;
        }
        delete it.value();
        it = m_groups.erase(it);
    }

    QSet<QString> topicsSeen;
    for (const app::TopicObservation &t : o.topics) {
        topicsSeen.insert(t.name);
        ClusterTopicItem *item = m_topics.value(t.name);
        if (!item) {
            item = new ClusterTopicItem(t.name);
            addItem(item);
            m_topics.insert(t.name, item);
            auto *ingress = new ClusterIngressItem(t.name);
            addItem(ingress);
            m_ingress.insert(t.name, ingress);
        }
        item->setTopic(t, commits[t.name]);
        m_ingress.value(t.name)->setRate(t.ingressPerS);
    }
    for (auto it = m_topics.begin(); it != m_topics.end();) {
        if (topicsSeen.contains(it.key())) {
            ++it;
            continue;
        }
        delete m_ingress.take(it.key());
        delete it.value();
        it = m_topics.erase(it);
    }

    layout();
    rebuildEdges(o);
    setSceneRect(itemsBoundingRect().adjusted(-24, -24, 24, 24));
}

void ClusterScene::layout()
{
    // Headings sit on one line; the brokers' has a second line (the controller), so the columns
    // start below it.
    const qreal top = 0;
    const qreal cardsTop = top + 2 * headingGap;
    m_brokersHeading->setPos(brokersX, top);
    m_producersHeading->setPos(producersX, top + headingGap);
    m_topicsHeading->setPos(topicsX, top + headingGap);
    m_groupsHeading->setPos(groupsX, top + headingGap);
    qreal by = cardsTop;
    for (ClusterBrokerItem *b : std::as_const(m_brokers)) {
        b->setPos(brokersX, by);
        by += ClusterBrokerItem::height + 16;
    }

    qreal y = cardsTop;
    QHash<QString, qreal> topicTop;
    for (ClusterTopicItem *t : std::as_const(m_topics)) {
        t->setPos(topicsX, y);
        topicTop.insert(t->name(), y);
        if (ClusterIngressItem *p = m_ingress.value(t->name()))
            p->setPos(producersX, y);
        y += t->cardRect().height() + cardGap;
    }

    // Each group as near as it can be to the topics it reads, without overlapping.
    std::vector<std::pair<qreal, ClusterGroupItem *>> wanted;
    for (ClusterGroupItem *g : std::as_const(m_groups)) {
        qreal sum = 0;
        int n = 0;
        for (const QString &t : g->group().topics())
            if (topicTop.contains(t)) {
                sum += topicTop.value(t);
                ++n;
            }
        wanted.emplace_back(n ? sum / n : 1e9, g);
    }
    std::stable_sort(wanted.begin(), wanted.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    qreal next = cardsTop;
    for (auto &[want, g] : wanted) {
        const qreal at = std::max(next, want < 1e8 ? want : next);
        g->setPos(groupsX, at);
        next = at + g->cardRect().height() + cardGap * 0.6;
    }
}

void ClusterScene::rebuildEdges(const app::ClusterObservation &o)
{
    qDeleteAll(m_edges);
    m_edges.clear();
    m_edgePairs.clear();
    const auto addEdge = [&](QPointF from, QPointF to, const QColor &colour, qreal width) {
        auto *edge =
            addPath(arrow(from, to), QPen(colour, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        edge->setZValue(-1);
        m_edges << edge;
    };
    for (ClusterTopicItem *t : std::as_const(m_topics)) {
        const QPointF topicPos = t->pos();
        if (ClusterIngressItem *p = m_ingress.value(t->name()))
            addEdge(p->pos() + QPointF(ClusterIngressItem::width, anchorDy), topicPos + QPointF(-2, anchorDy),
                    Theme::edgeColor(app::EdgeKind::Publish), 2.5);
    }
    for (const app::GroupObservation &g : o.groups) {
        ClusterGroupItem *group = m_groups.value(g.id);
        for (const QString &topic : g.topics()) {
            ClusterTopicItem *t = m_topics.value(topic);
            if (!t || !group)
                continue;
            m_edgePairs << qMakePair(topic, g.id);
            addEdge(t->pos() + QPointF(ClusterTopicItem::width, anchorDy),
                    group->pos() + QPointF(-2, anchorDy), Theme::groupColor(group->colorIndex()), 2.5);
        }
    }
}

} // namespace postoffice::ui
