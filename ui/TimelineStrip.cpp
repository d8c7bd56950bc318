#include "TimelineStrip.h"

#include "ClockText.h"
#include "EventLogModel.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace postoffice::ui {

namespace {

constexpr double sideMargin = 10.0;
constexpr double narrationBand = 14.0;
constexpr double laneHeight = 20.0;
constexpr double axisHeight = 16.0;

} // namespace

TimelineStrip::TimelineStrip(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QColor TimelineStrip::faultColour(app::FaultKind kind)
{
    switch (kind) {
    case app::FaultKind::Down:
    case app::FaultKind::BrokerDown:
        return QColor(0xC6, 0x28, 0x28);
    case app::FaultKind::Slow:
        return QColor(0xE6, 0x9F, 0x00);
    case app::FaultKind::ErrorRate:
        return QColor(0xCC, 0x79, 0xA7);
    case app::FaultKind::ConsumerCrash:
        return QColor(0x8E, 0x44, 0xAD);
    case app::FaultKind::NetworkCut:
        return QColor(0x55, 0x55, 0x55);
    case app::FaultKind::Spike:
        return QColor(0x00, 0x9E, 0x73);
    }
    return Qt::gray;
}

QString TimelineStrip::faultLabel(const app::FaultSpec &f)
{
    const QString target = EventLogModel::faultTarget(f);
    switch (f.kind) {
    case app::FaultKind::Down:
    case app::FaultKind::BrokerDown:
        return tr("%1 down").arg(target);
    case app::FaultKind::Slow:
        if (f.factor != 1.0 && f.add_ms > 0)
            return tr("%1 slow (×%2 +%3 ms)")
                .arg(target, EventLogModel::amount(f.factor), EventLogModel::amount(f.add_ms));
        return f.add_ms > 0 ? tr("%1 slow (+%2 ms)").arg(target, EventLogModel::amount(f.add_ms))
                            : tr("%1 slow (×%2)").arg(target, EventLogModel::amount(f.factor));
    case app::FaultKind::ErrorRate:
        return tr("%1 failing %2 %").arg(target, EventLogModel::amount(f.rate * 100.0));
    case app::FaultKind::ConsumerCrash:
        return f.consumers == 1 ? tr("%1: a consumer crashes").arg(target)
                                : tr("%1: %2 consumers crash").arg(target).arg(f.consumers);
    case app::FaultKind::NetworkCut:
        return tr("link %1 ↔ %2 cut").arg(target, f.peer);
    case app::FaultKind::Spike:
        return tr("%1 traffic ×%2").arg(target, EventLogModel::amount(f.factor));
    }
    return target;
}

void TimelineStrip::setTimeline(double duration_s, std::vector<app::FaultSpec> faults,
                                std::vector<app::NarrationStep> narration)
{
    m_duration_s = std::max(1.0, duration_s);
    m_faults = std::move(faults);
    m_narration = std::move(narration);
    // Greedy interval colouring: a fault goes to the first lane free at its start.
    std::vector<double> laneEnds;
    m_faultLane.clear();
    for (const app::FaultSpec &f : m_faults) {
        const double end = f.duration_s > 0 ? f.at_s + f.duration_s : m_duration_s;
        int lane = 0;
        while (lane < int(laneEnds.size()) && laneEnds[lane] > f.at_s)
            ++lane;
        if (lane == int(laneEnds.size()))
            laneEnds.push_back(end);
        else
            laneEnds[lane] = end;
        m_faultLane.push_back(lane);
    }
    updateGeometry();
    update();
}

void TimelineStrip::setClock(double t_s)
{
    if (t_s == m_clock_s)
        return;
    m_clock_s = t_s;
    update();
}

int TimelineStrip::laneCount() const
{
    int lanes = 1;
    for (int l : m_faultLane)
        lanes = std::max(lanes, l + 1);
    return std::min(lanes, 4);
}

QSize TimelineStrip::sizeHint() const
{
    return QSize(600, int(narrationBand + laneCount() * laneHeight + axisHeight + 4));
}

QSize TimelineStrip::minimumSizeHint() const
{
    return QSize(200, sizeHint().height());
}

double TimelineStrip::xForTime(double t_s) const
{
    const double w = std::max(1.0, width() - 2 * sideMargin);
    return sideMargin + std::clamp(t_s / m_duration_s, 0.0, 1.0) * w;
}

double TimelineStrip::timeForX(double x) const
{
    const double w = std::max(1.0, width() - 2 * sideMargin);
    return std::clamp((x - sideMargin) / w, 0.0, 1.0) * m_duration_s;
}

QRectF TimelineStrip::laneRect(int lane) const
{
    return QRectF(sideMargin, narrationBand + std::min(lane, 3) * laneHeight, width() - 2 * sideMargin,
                  laneHeight - 2);
}

void TimelineStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QRectF lanes(sideMargin, narrationBand, width() - 2 * sideMargin, laneCount() * laneHeight);
    p.fillRect(lanes, pal.color(QPalette::AlternateBase));

    // Elapsed part of the run, lightly shaded so "where are we" reads at a glance.
    p.fillRect(QRectF(lanes.left(), lanes.top(), xForTime(m_clock_s) - lanes.left(), lanes.height()),
               QColor(0, 114, 178, 28));

    QFont small = font();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() * 0.9));
    p.setFont(small);
    for (size_t i = 0; i < m_faults.size(); ++i) {
        const app::FaultSpec &f = m_faults[i];
        const double end = f.duration_s > 0 ? f.at_s + f.duration_s : m_duration_s;
        const QRectF lane = laneRect(m_faultLane[i]);
        QRectF span(xForTime(f.at_s), lane.top() + 1, std::max(3.0, xForTime(end) - xForTime(f.at_s)),
                    lane.height() - 1);
        const QColor c = faultColour(f.kind);
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawRoundedRect(span, 3, 3);
        // The label goes inside the span when it fits, else just after it.
        const QString text = faultLabel(f);
        const double tw = p.fontMetrics().horizontalAdvance(text) + 8;
        QRectF label = span.adjusted(4, 0, 0, 0);
        p.setPen(Qt::white);
        if (tw > span.width()) {
            label = QRectF(span.right() + 4, span.top(), tw, span.height());
            if (label.right() > width() - sideMargin)
                label.moveRight(span.left() - 4);
            p.setPen(c.darker(130));
        }
        p.drawText(label, Qt::AlignVCenter | Qt::AlignLeft, text);
    }

    // Narration: a small triangle per step; a pausing step is drawn as a bar ("‖").
    for (const app::NarrationStep &n : m_narration) {
        const double x = xForTime(n.at_s);
        p.setPen(QPen(pal.color(QPalette::WindowText), 1.2));
        if (n.pause) {
            p.setBrush(pal.color(QPalette::WindowText));
            p.drawRect(QRectF(x - 3, 2, 2, narrationBand - 4));
            p.drawRect(QRectF(x + 1, 2, 2, narrationBand - 4));
        } else {
            QPolygonF tri;
            tri << QPointF(x - 4, 2) << QPointF(x + 4, 2) << QPointF(x, narrationBand - 2);
            p.setBrush(pal.color(QPalette::Mid));
            p.drawPolygon(tri);
        }
    }

    // Time axis: about one label per 110 px, at round steps.
    const double axisTop = lanes.bottom() + 1;
    p.setPen(pal.color(QPalette::WindowText));
    const double steps[] = {10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 21600, 43200};
    double step = steps[std::size(steps) - 1];
    for (double s : steps)
        if (m_duration_s / s <= std::max(2.0, (width() - 2 * sideMargin) / 110.0)) {
            step = s;
            break;
        }
    for (double t = 0; t <= m_duration_s + 1e-9; t += step) {
        const double x = xForTime(t);
        p.drawLine(QPointF(x, axisTop), QPointF(x, axisTop + 3));
        const QString text = ClockText::format(t);
        const double tw = p.fontMetrics().horizontalAdvance(text);
        const double left = std::clamp(x - tw / 2, 0.0, width() - tw);
        p.drawText(QPointF(left, axisTop + 3 + p.fontMetrics().ascent()), text);
    }

    // The clock cursor.
    const QColor cursor(0x00, 0x72, 0xB2);
    const double cx = xForTime(m_clock_s);
    p.setPen(QPen(cursor, 2.5));
    p.drawLine(QPointF(cx, 0), QPointF(cx, lanes.bottom()));

    // While dragging: where the run will jump, with its time in a tag over the lanes.
    if (m_scrub_s) {
        const double sx = xForTime(*m_scrub_s);
        p.setPen(QPen(cursor, 1.5, Qt::DashLine));
        p.drawLine(QPointF(sx, 0), QPointF(sx, lanes.bottom()));
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        const QString text = ClockText::format(*m_scrub_s);
        const QFontMetricsF fm(bold);
        QRectF tag(0, lanes.top() + 1, fm.horizontalAdvance(text) + 10, fm.height() + 2);
        tag.moveLeft(std::clamp(sx + 4, 0.0, width() - tag.width()));
        p.setPen(Qt::NoPen);
        p.setBrush(cursor);
        p.drawRoundedRect(tag, 3, 3);
        p.setPen(Qt::white);
        p.drawText(tag, Qt::AlignCenter, text);
    }
}

void TimelineStrip::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_scrub_s = timeForX(event->position().x());
    update();
}

void TimelineStrip::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_scrub_s || !(event->buttons() & Qt::LeftButton))
        return;
    m_scrub_s = timeForX(event->position().x());
    update();
}

void TimelineStrip::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_scrub_s || event->button() != Qt::LeftButton)
        return;
    const double t = timeForX(event->position().x());
    m_scrub_s.reset();
    update();
    emit seekRequested(t);
}

QString TimelineStrip::describeAt(QPointF pos) const
{
    const double slack = m_duration_s * 6.0 / std::max(1.0, width() - 2 * sideMargin);
    const double t = timeForX(pos.x());
    QStringList lines;
    for (const app::NarrationStep &n : m_narration)
        if (std::abs(n.at_s - t) <= slack)
            lines << tr("%1  %2%3")
                         .arg(ClockText::format(n.at_s), n.text, n.pause ? tr("  (pauses)") : QString());
    for (const app::FaultSpec &f : m_faults) {
        const double end = f.duration_s > 0 ? f.at_s + f.duration_s : m_duration_s;
        if (t >= f.at_s - slack && t <= end + slack)
            lines << tr("%1–%2  %3").arg(ClockText::format(f.at_s), ClockText::format(end), faultLabel(f));
    }
    return lines.join(QLatin1Char('\n'));
}

bool TimelineStrip::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = describeAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace postoffice::ui
