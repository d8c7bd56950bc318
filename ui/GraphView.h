#pragma once

// A view on one architecture's GraphScene: zoom (wheel, keys), pan (middle button or
// Space+drag), fit, rubber-band selection, a light grid background (cached, it never changes
// while the picture moves) and a caption naming the architecture in its colour. Palette items
// dropped on it become new nodes where they were dropped.

#include <QGraphicsView>
#include <QPixmap>

namespace postoffice::ui {

class GraphScene;

class GraphView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit GraphView(GraphScene *scene, QWidget *parent = nullptr);

    GraphScene *graphScene() const { return m_scene; }
    qreal zoom() const { return transform().m11(); }

    // MIME type of a palette drag; the payload is the node kind's name ("service", ...).
    static QString nodeKindMimeType();

    // Smallest canvas the splitter may make. Four architectures stacked share what a 1280×720
    // window in presenter mode leaves between its playback bar and charts (about 280 px). A
    // shipped graph is a row or two of cards: at 64 px every card still shows, its name at 7–8 px
    // (cards enlarge their text as the view zooms out) — small, but a window that does not fit
    // the screen shows nothing at all of what is below its edge.
    static constexpr QSize minimumCanvas{160, 64};

public slots:
    void zoomIn();
    void zoomOut();
    void setZoom(qreal factor);
    // Shows this architecture's nodes as large as they fit beside the caption (in the corner
    // where it costs the least), magnifying a small graph at most maxFitZoom.
    void fitAll();

signals:
    void zoomChanged(qreal factor);

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void scaleBy(qreal factor);
    // After every zoom change: cards size their badge caches for it, the grid is redrawn.
    void zoomSettled();
    // The caption box in viewport pixels (top-left corner), rendered once per text and palette.
    QSize captionSize() const;
    const QPixmap &caption();

    GraphScene *m_scene;
    bool m_panning = false;
    bool m_spaceHeld = false;
    QPoint m_panLast;
    QPixmap m_caption;
    QString m_captionKey;
};

} // namespace postoffice::ui
