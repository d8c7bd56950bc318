#pragma once

// What a live chart draws for the seconds in which a line has no value (no order completed: no
// latency). A blank reads as "no data" or "broken" from across a room, so each architecture gets
// a stippled lane in its colour at the foot of the plot marking its undefined seconds, a caption
// in the plot that says in words while a gap lasts ("Tight-coupled: no order completed since …"),
// and the legend one key for all lanes. LiveChart keeps the seconds and decides what to say;
// this class owns and lays out the graphics.

#include <QColor>
#include <QFont>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <vector>

class QAbstractAxis;
class QAreaSeries;
class QChart;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;

namespace postoffice::ui {

class ChartGapLanes
{
public:
    // The chart and axes the lanes go on; before any other call (the owner makes them first).
    void attach(QChart *chart, QAbstractAxis *timeAxis, QAbstractAxis *valueAxis);

    // One lane and one (hidden) caption per architecture, named "<architecture>: <label>".
    void addLanes(const QStringList &architectures, const QString &label, const QFont &font);
    // The legend's key for every lane: the lanes' colours already say whose they are.
    void addKey(const QString &label);
    void removeAll();
    // `keyInk` for the key's stipple, `paper` behind the captions.
    void applyInk(const QColor &keyInk, const QColor &paper);
    // The captions' font (a little larger and bold); follows presenter mode's.
    void applyFont(const QFont &font);
    void hideCaptions();
    // A caption that speaks for several architectures is drawn in a neutral ink.
    void setCaptionInk(int lane, const QColor &ink);

    int size() const { return int(m_lanes.size()); }
    const std::vector<QAreaSeries *> &lanes() const { return m_lanes; }
    QAreaSeries *key() const { return m_key; }
    // The captions shown now, and the text of one lane's caption (shown or not).
    QStringList captions() const;
    QString captionText(int lane) const;

    // The visible window in the units the axes read in; seconds of a gap closer than `join`
    // merge into one run, so the lane's polygon stays small.
    struct Window
    {
        double from_s;
        double to_s;
        double scale; // seconds per time-axis unit
        double top;   // of the value axis
        double join;
    };
    // Lane `lane` over the undefined seconds `gaps` (increasing).
    void drawLane(int lane, const std::vector<double> &gaps, const Window &window);
    void hideCaption(int lane);
    // Shows the lane's caption with its top right at `at` (within the plot): the first of `texts`
    // (longest first) that fits the plot's width, else the last on two lines. Returns where the
    // next caption's top right goes.
    QPointF showCaption(int lane, const QStringList &texts, QPointF at);
    // The caption's box in the chart's coordinates (as plotArea() is), shown or not.
    QRectF captionRect(int lane) const;
    // What a caption in `font` shows in `room` pixels (see showCaption).
    static QString fitCaption(const QFont &font, const QStringList &texts, double room);

private:
    QChart *m_chart = nullptr;
    QAbstractAxis *m_timeAxis = nullptr;
    QAbstractAxis *m_valueAxis = nullptr;
    std::vector<QAreaSeries *> m_lanes;
    std::vector<QGraphicsSimpleTextItem *> m_captions;
    std::vector<QGraphicsRectItem *> m_captionBoxes;
    std::vector<QColor> m_colours;
    QFont m_captionFont;
    QAreaSeries *m_key = nullptr;
};

} // namespace postoffice::ui
