#pragma once

// A node of the scenario on a canvas: a rounded card with a kind letter, the node's name, a line
// of key settings and, while a run is shown, its health as the card's border colour and pattern,
// with badges for queue length, busy workers, failures and the health word (NodeBadgesItem).
//
// Legible on a projector at any fit: when the view shrinks the card below its designed size, the
// text does not shrink with it below a minimum on-screen size (level of detail): the settings
// line is dropped, the kind disc becomes a coloured stripe and the name grows to fill the card
// (up to two lines). Badges grow likewise.
//
// The item owns no data (QtNodes' rule): it mirrors the NodeSpec it is given and is told about
// changes by its GraphScene. Its position is the node's "pos" in the scenario (the card's
// centre).

#include "LiveState.h"
#include "Scenario.h"

#include <QFont>
#include <QGraphicsItem>

#include <optional>

namespace postoffice::ui {

class EdgeItem;
class NodeBadgesItem;

class NodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    explicit NodeItem(const app::NodeSpec &node);
    int type() const override { return Type; }

    QString nodeId() const { return m_node.id; }
    app::NodeKind kind() const { return m_node.kind; }
    const app::NodeSpec &spec() const { return m_node; }
    virtual void setSpec(const app::NodeSpec &node);

    // ---- Live run (called by the simulation view, any number of times per frame) ----
    void setLiveState(app::NodeHealth health, int queueLength, int busyWorkers, int workers,
                      quint64 failures);
    void setLiveState(const app::NodeState &state);
    void clearLiveState();
    std::optional<app::NodeState> liveState() const { return m_live; }
    const NodeBadgesItem *badges() const { return m_badges; }
    // The zoom of the view showing this card changed (see NodeBadgesItem::setBoundsScale).
    void setViewLevelOfDetail(qreal levelOfDetail);
    // Repaints of the card asked for since construction (a test hook: the card is cached and must
    // only be repainted when what it shows changes, not with every live value).
    int cardInvalidations() const { return m_cardInvalidations; }

    // The connection handle on the card's right edge, in item coordinates.
    QRectF portRect() const;
    bool portContains(QPointF scenePos) const;
    // The card (without badges), in item coordinates; edges end on its border.
    QRectF cardRect() const { return m_card; }

    void addEdge(EdgeItem *edge);
    void removeEdge(EdgeItem *edge);
    const QList<EdgeItem *> &edges() const { return m_edges; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    // How much card text is enlarged at a level of detail (view zoom): 1 at and above the zoom
    // where the name is minOnScreenPx tall, up to maxTextScale when the view is smaller.
    static qreal textScale(qreal levelOfDetail);
    // The name as painted at a level of detail: font (pixel size in scene units) and its box.
    struct NameLayout
    {
        QFont font;
        QRectF box;
        QString text; // with a line break when the name is wrapped onto two lines
    };
    NameLayout nameLayout(qreal levelOfDetail) const;

    static constexpr qreal cardWidth = 168.0;
    static constexpr qreal cardHeight = 64.0;
    static constexpr qreal designNamePx = 15.0; // the name's pixel size at 100 % zoom
    static constexpr qreal defaultMinOnScreenPx = 11.0;
    // The smallest on-screen name every card keeps; presenter mode raises it for the back row.
    static qreal minOnScreenPx() { return s_minOnScreenPx; }
    static void setMinOnScreenPx(qreal px);
    static constexpr qreal maxTextScale = 2.2;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;
    // Card height; topics grow with their partitions.
    virtual qreal bodyHeight() const { return cardHeight; }
    // Top of the body (below the title), inside the card; topics draw their partition logs below.
    virtual qreal headerHeight() const { return cardHeight; }
    // Draws below the title lines, inside the card; topics draw their partition logs here.
    virtual void paintBody(QPainter *painter, const QRectF &card, qreal textScale);
    void relayout();
    // Asks for a repaint of the cached card.
    void invalidateCard();
    // Tells the canvas that a run with traffic is being shown (see GraphScene::usesNode).
    void noteTraffic();
    QString subtitle() const;

    app::NodeSpec m_node;

private:
    void updateBadges();

    QRectF m_card;
    QList<EdgeItem *> m_edges;
    std::optional<app::NodeState> m_live;
    NodeBadgesItem *m_badges = nullptr;
    bool m_hovered = false;
    int m_cardInvalidations = 0;
    int m_minTextGeneration = 0; // s_minTextGeneration when this card's text size was last laid out

    static inline qreal s_minOnScreenPx = defaultMinOnScreenPx;
    static inline int s_minTextGeneration = 0;
};

} // namespace postoffice::ui
