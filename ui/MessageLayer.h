#pragma once

// All moving messages of one architecture's canvas, painted by a single graphics item.
//
// Thousands of QGraphicsItems that move every frame would each cost a scene-index update and a
// paint call; one item that blits a pre-rendered dot per message costs a few microseconds each.
// Edges whose traffic is beyond the dot budget are painted as a band whose width follows the
// flow rate instead (drawn under the dots).

#include <QColor>
#include <QGraphicsItem>
#include <QPixmap>
#include <QPointF>
#include <QPolygonF>

#include <vector>

namespace postoffice::ui {

class MessageLayer : public QGraphicsItem
{
public:
    struct Dot
    {
        int edge;
        int colour;     // index into the palette
        float progress; // 0 at the edge's start, 1 at its end
    };
    struct Band
    {
        int edge;
        QColor colour;
        double width;
    };

    MessageLayer();

    // Geometry of edge `index`, a polyline from its source to its target (scene coordinates).
    void setEdgePath(int index, const QPolygonF &path);
    void clearEdges();
    int edgeCount() const { return int(m_paths.size()); }
    QPointF pointAt(int edge, double fraction) const;

    void setPalette(const std::vector<QColor> &colours);
    // Replaces what is drawn; the caller calls update() afterwards (once per frame).
    void setFrame(std::vector<Dot> dots, std::vector<Band> bands);
    const std::vector<Dot> &dots() const { return m_dots; }
    const std::vector<Band> &bands() const { return m_bands; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    struct EdgePath
    {
        QPolygonF points;
        std::vector<double> cumulative; // arc length at each point
    };

    std::vector<EdgePath> m_paths;
    std::vector<QColor> m_colours;
    std::vector<QPixmap> m_sprites;       // for any view transform
    std::vector<QPixmap> m_deviceSprites; // for the current zoom, copied 1:1
    qreal m_deviceScale = 0.0;            // device pixels per scene unit m_deviceSprites are for
    std::vector<Dot> m_dots;
    std::vector<Band> m_bands;
    QRectF m_bounds;
};

} // namespace postoffice::ui
