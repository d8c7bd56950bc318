#include "ChartGapLanes.h"

#include "ArchitectureStyle.h"

#include <QAreaSeries>
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QLineSeries>

#include <algorithm>

namespace postoffice::ui {

void ChartGapLanes::attach(QChart *chart, QAbstractAxis *timeAxis, QAbstractAxis *valueAxis)
{
    m_chart = chart;
    m_timeAxis = timeAxis;
    m_valueAxis = valueAxis;
}

void ChartGapLanes::addLanes(const QStringList &architectures, const QString &label, const QFont &font)
{
    for (const QString &name : architectures) {
        // The lane's outlines are rebuilt by drawLane(); parented to the area, they go with it.
        auto *area = new QAreaSeries;
        area->setUpperSeries(new QLineSeries(area));
        area->setLowerSeries(new QLineSeries(area));
        area->setName(ArchitectureStyle::label(name) + QStringLiteral(": ") + label);
        area->setPen(Qt::NoPen);
        // Stippled, so that a lane reads as "no value here" and not as a line at some level.
        area->setBrush(QBrush(ArchitectureStyle::color(name), Qt::Dense4Pattern));
        m_chart->addSeries(area);
        area->attachAxis(m_timeAxis);
        area->attachAxis(m_valueAxis);
        m_lanes.push_back(area);
        // A caption on a light box so that it stays readable over grid and lines.
        auto *caption = new QGraphicsSimpleTextItem(m_chart);
        caption->setBrush(ArchitectureStyle::color(name).darker(115));
        caption->setZValue(20);
        caption->hide();
        auto *box = new QGraphicsRectItem(caption);
        box->setFlag(QGraphicsItem::ItemStacksBehindParent);
        box->setPen(QPen(ArchitectureStyle::color(name), 1.5));
        m_captions.push_back(caption);
        m_captionBoxes.push_back(box);
        m_colours.push_back(ArchitectureStyle::color(name));
    }
    applyFont(font);
}

void ChartGapLanes::addKey(const QString &label)
{
    m_key = new QAreaSeries;
    m_key->setUpperSeries(new QLineSeries(m_key));
    m_key->setName(label);
    m_key->setPen(Qt::NoPen);
    m_chart->addSeries(m_key);
    m_key->attachAxis(m_timeAxis);
    m_key->attachAxis(m_valueAxis);
    for (QLegendMarker *marker : m_chart->legend()->markers(m_key))
        marker->setShape(QLegend::MarkerShapeRectangle);
}

void ChartGapLanes::removeAll()
{
    for (QAreaSeries *s : m_lanes) {
        m_chart->removeSeries(s);
        delete s;
    }
    m_lanes.clear();
    if (m_key) {
        m_chart->removeSeries(m_key);
        delete m_key;
        m_key = nullptr;
    }
    qDeleteAll(m_captions); // their boxes are children
    m_captions.clear();
    m_captionBoxes.clear();
    m_colours.clear();
}

void ChartGapLanes::applyInk(const QColor &keyInk, const QColor &paper)
{
    if (m_key)
        m_key->setBrush(QBrush(keyInk, Qt::Dense4Pattern));
    for (QGraphicsRectItem *box : m_captionBoxes)
        box->setBrush(paper);
}

void ChartGapLanes::applyFont(const QFont &font)
{
    m_captionFont = font;
    m_captionFont.setPointSizeF(font.pointSizeF() * 1.1);
    m_captionFont.setBold(true);
    for (QGraphicsSimpleTextItem *c : m_captions)
        c->setFont(m_captionFont);
}

void ChartGapLanes::hideCaptions()
{
    for (QGraphicsSimpleTextItem *c : m_captions)
        c->hide();
}

QStringList ChartGapLanes::captions() const
{
    QStringList out;
    for (QGraphicsSimpleTextItem *c : m_captions)
        if (c->isVisible())
            out << QString(c->text()).replace(QLatin1Char('\n'), QLatin1Char(' ')); // the words, unwrapped
    return out;
}

QString ChartGapLanes::captionText(int lane) const
{
    return m_captions[size_t(lane)]->text();
}

void ChartGapLanes::drawLane(int lane, const std::vector<double> &g, const Window &w)
{
    // Lanes stacked at the bottom of the plot, one per architecture, each 8 % of the axis high.
    const double laneHeight = 0.08 * w.top;
    const double low = laneHeight * 1.15 * double(lane);
    const double high = low + laneHeight;
    QList<QPointF> upper{{w.from_s / w.scale, low}};
    const auto first = std::lower_bound(g.begin(), g.end(), w.from_s - 1.0);
    const auto last = std::lower_bound(g.begin(), g.end(), w.to_s + 1.0);
    for (auto it = first; it != last;) {
        const double start = *it;
        double end = *it;
        for (++it; it != last && *it - end <= w.join; ++it)
            end = *it;
        // A sample at second t covers (t − 1, t].
        upper << QPointF((start - 1.0) / w.scale, low) << QPointF((start - 1.0) / w.scale, high)
              << QPointF(end / w.scale, high) << QPointF(end / w.scale, low);
    }
    upper << QPointF(w.to_s / w.scale, low);
    m_lanes[size_t(lane)]->upperSeries()->replace(upper);
    m_lanes[size_t(lane)]->lowerSeries()->replace({{w.from_s / w.scale, low}, {w.to_s / w.scale, low}});
}

void ChartGapLanes::hideCaption(int lane)
{
    m_captions[size_t(lane)]->setVisible(false);
}

QString ChartGapLanes::fitCaption(const QFont &font, const QStringList &texts, double room)
{
    const QFontMetricsF metrics(font);
    // Broken before "since": two lines that each read as words ("nothing fully done" / "since
    // 0:10:01"), where a cut at the plot's edge would read "…ing fully done".
    const auto wrapped = [](const QString &t) {
        const qsizetype since = t.lastIndexOf(QStringLiteral(" since "));
        return since > 0 ? t.left(since) + QLatin1Char('\n') + t.mid(since + 1) : t;
    };
    const auto fits = [&](const QString &t) {
        for (const QString &line : t.split(QLatin1Char('\n')))
            if (metrics.horizontalAdvance(line) > room)
                return false;
        return true;
    };
    // A narrow plot gets the caption without the architecture's name (its colour says whose),
    // on one line or two, then in the legend's shorter words.
    for (const QString &t : texts) {
        if (fits(t))
            return t;
        if (t != texts.front() && fits(wrapped(t)))
            return wrapped(t);
    }
    return texts.isEmpty() ? QString() : wrapped(texts.back());
}

QPointF ChartGapLanes::showCaption(int lane, const QStringList &texts, QPointF at)
{
    QGraphicsSimpleTextItem *caption = m_captions[size_t(lane)];
    caption->setVisible(true);
    setCaptionInk(lane, m_colours[size_t(lane)]);
    const QRectF plot = m_chart->plotArea();
    const double room = plot.width() - 16; // the box's padding and a gap to the plot's edge
    caption->setFont(m_captionFont);
    const QString text = fitCaption(m_captionFont, texts, room);
    caption->setText(text);
    // Even the shortest words on two lines too wide (presenter mode's font in a plot of 140 px):
    // a smaller font, down to 60 %, rather than words past the plot's edge.
    double widest = 0;
    for (const QString &line : text.split(QLatin1Char('\n')))
        widest = std::max(widest, QFontMetricsF(m_captionFont).horizontalAdvance(line));
    if (widest > room && room > 0) {
        QFont smaller = m_captionFont;
        smaller.setPointSizeF(m_captionFont.pointSizeF() * std::max(0.6, room / widest * 0.98));
        caption->setFont(smaller);
    }
    // Top right of the plot: during a gap that is where the lines have stopped.
    const QRectF box = caption->boundingRect().adjusted(-6, -2, 6, 2);
    m_captionBoxes[size_t(lane)]->setRect(box);
    // Never past the plot's left edge, whatever is left of the room.
    caption->setPos(QPointF(std::max(at.x() - box.right(), plot.left() - box.left()), at.y()));
    at.ry() += box.height() + 2;
    return at;
}

void ChartGapLanes::setCaptionInk(int lane, const QColor &ink)
{
    m_captions[size_t(lane)]->setBrush(ink.darker(115));
    m_captionBoxes[size_t(lane)]->setPen(QPen(ink, 1.5));
}

QRectF ChartGapLanes::captionRect(int lane) const
{
    const QGraphicsSimpleTextItem *caption = m_captions[size_t(lane)];
    return caption->mapRectToParent(m_captionBoxes[size_t(lane)]->rect());
}

} // namespace postoffice::ui
