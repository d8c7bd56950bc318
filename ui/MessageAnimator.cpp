#include "MessageAnimator.h"

#include "MessageLayer.h"

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace postoffice::ui {

namespace {

constexpr int kindCount = 5;

// Real seconds over which one controller tick's messages are spread.
constexpr double tickSpread_s = 0.016;

} // namespace

MessageAnimator::MessageAnimator(QObject *parent) : QObject(parent)
{
    m_frameTimer = new QTimer(this);
    m_frameTimer->setInterval(16);
    m_frameTimer->setTimerType(Qt::PreciseTimer);
    // A late frame moves the dots further rather than being skipped.
    connect(m_frameTimer, &QTimer::timeout, this,
            [this] { advance(std::min(m_frameClock.restart() / 1000.0, 0.1)); });
}

QColor MessageAnimator::kindColour(app::MessageKind kind)
{
    switch (kind) {
    case app::MessageKind::Request:
        return QColor(0x3B, 0x4A, 0x5A); // a call on its way: ink
    case app::MessageKind::Response:
        return QColor(0x00, 0x9E, 0x73); // answered: green
    case app::MessageKind::Failure:
        return QColor(0xE0, 0x1E, 0x1E); // failed or timed out: red
    case app::MessageKind::Publish:
        return QColor(0xE6, 0x9F, 0x00); // an event dropped at the post office: amber
    case app::MessageKind::Deliver:
        return QColor(0xCC, 0x79, 0xA7); // picked up by a consumer: purple
    }
    return Qt::gray;
}

QString MessageAnimator::kindName(app::MessageKind kind)
{
    switch (kind) {
    case app::MessageKind::Request:
        return tr("call");
    case app::MessageKind::Response:
        return tr("reply");
    case app::MessageKind::Failure:
        return tr("failure");
    case app::MessageKind::Publish:
        return tr("event published");
    case app::MessageKind::Deliver:
        return tr("event consumed");
    }
    return {};
}

void MessageAnimator::setLayer(int architecture, MessageLayer *layer)
{
    if (architecture < 0)
        return;
    if (architecture >= int(m_arch.size()))
        m_arch.resize(architecture + 1);
    m_arch[architecture] = Architecture{};
    m_arch[architecture].layer = layer;
    if (layer) {
        std::vector<QColor> palette;
        for (int k = 0; k < kindCount; ++k)
            palette.push_back(kindColour(app::MessageKind(k)));
        layer->setPalette(palette);
    }
}

MessageLayer *MessageAnimator::layer(int architecture) const
{
    return architecture >= 0 && architecture < int(m_arch.size()) ? m_arch[architecture].layer : nullptr;
}

void MessageAnimator::removeLayers()
{
    m_arch.clear();
    m_pending.clear();
    m_totalDots = 0;
}

void MessageAnimator::clear()
{
    for (Architecture &a : m_arch) {
        a.flying.clear();
        a.edges.clear();
        if (a.layer) {
            a.layer->setFrame({}, {});
            a.layer->update();
        }
    }
    m_pending.clear();
    m_totalDots = 0;
    m_simAtSync = 0.0;
}

MessageAnimator::EdgeStats *MessageAnimator::stats(int architecture, int edge)
{
    if (architecture < 0 || architecture >= int(m_arch.size()) || edge < 0)
        return nullptr;
    auto &edges = m_arch[architecture].edges;
    if (edge >= int(edges.size()))
        edges.resize(edge + 1);
    return &edges[edge];
}

void MessageAnimator::addMessage(int architecture, int edge, app::MessageKind kind, double t_start_s, double)
{
    // Called for every message the engine moves (millions per run at full speed): the common
    // case — budget full, edge known — is a few increments with no call and no allocation.
    ++m_messagesSeen;
    if (architecture < 0 || architecture >= int(m_arch.size()) || edge < 0)
        return;
    std::vector<EdgeStats> &edges = m_arch[architecture].edges;
    if (edge >= int(edges.size()))
        edges.resize(edge + 1);
    EdgeStats &s = edges[edge];
    ++s.pending;
    s.lastColour = int(kind);
    // Messages that would not get a dot anyway are only counted (for the band width): at 1000×
    // speed this keeps the pending list (and the work per tick) bounded by the budget, not by
    // the traffic.
    if (s.dots + s.pending > perEdgeBudget || m_totalDots + int(m_pending.size()) >= totalBudget) {
        s.overflowAt = m_animation_s;
        return;
    }
    m_pending.push_back({architecture, edge, int(kind), t_start_s});
}

void MessageAnimator::syncTo(double sim_s)
{
    const double simDt = sim_s - m_simAtSync;
    for (const Pending &p : m_pending) {
        EdgeStats *s = stats(p.architecture, p.edge);
        const double frac = simDt > 0 ? std::clamp((p.t_start_s - m_simAtSync) / simDt, 0.0, 1.0) : 0.0;
        m_arch[p.architecture].flying.push_back({p.edge, p.colour, m_animation_s + frac * tickSpread_s});
        ++s->dots;
        ++m_totalDots;
    }
    m_pending.clear();
    if (simDt > 0) {
        // Exponential smoothing with a time constant of a few simulated seconds, so the band
        // width follows the flow without flickering from second to second.
        const double alpha = 1.0 - std::exp(-simDt / 3.0);
        for (int a = 0; a < int(m_arch.size()); ++a) {
            for (int e = 0; e < int(m_arch[a].edges.size()); ++e) {
                EdgeStats &s = m_arch[a].edges[e];
                s.rate += alpha * (s.pending / simDt - s.rate);
                s.pending = 0;
                if (std::abs(s.rate - s.reportedRate) > 0.1 * std::max(1.0, s.reportedRate)) {
                    s.reportedRate = s.rate;
                    emit flowRateChanged(a, e, s.rate);
                }
            }
        }
    }
    m_simAtSync = sim_s;
    if (!m_running)
        render();
}

void MessageAnimator::setRunning(bool running)
{
    m_running = running;
    if (running) {
        m_frameClock.start();
        m_frameTimer->start();
    }
    if (!running)
        m_frameTimer->stop();
}

void MessageAnimator::advance(double animation_s)
{
    m_animation_s += animation_s;
    render();
}

void MessageAnimator::render()
{
    m_totalDots = 0;
    for (Architecture &a : m_arch) {
        for (EdgeStats &s : a.edges)
            s.dots = 0;
        std::vector<MessageLayer::Dot> dots;
        dots.reserve(a.flying.size());
        // Compact in place: arrived messages leave, the rest keep their order.
        auto out = a.flying.begin();
        for (const Flying &f : a.flying) {
            const double progress = (m_animation_s - f.start) / travelSeconds;
            if (progress >= 1.0)
                continue;
            *out++ = f;
            dots.push_back({f.edge, f.colour, float(std::max(0.0, progress))});
            ++a.edges[f.edge].dots;
        }
        a.flying.erase(out, a.flying.end());
        m_totalDots += int(a.flying.size());
        if (!a.layer)
            continue;
        std::vector<MessageLayer::Band> bands;
        for (int e = 0; e < int(a.edges.size()); ++e) {
            const EdgeStats &s = a.edges[e];
            if (m_animation_s - s.overflowAt > bandHoldSeconds)
                continue;
            // Width grows with the order of magnitude of the flow: 10/s thin, 10 000/s thick.
            const double width = std::clamp(4.0 + 4.0 * std::log10(1.0 + s.rate), 4.0, 26.0);
            bands.push_back({e, kindColour(app::MessageKind(s.lastColour)), width});
        }
        a.layer->setFrame(std::move(dots), std::move(bands));
        a.layer->update();
    }
}

int MessageAnimator::dotCount(int architecture, int edge) const
{
    if (architecture < 0 || architecture >= int(m_arch.size()))
        return 0;
    int n = 0;
    for (const Flying &f : m_arch[architecture].flying)
        n += f.edge == edge;
    return n;
}

bool MessageAnimator::isBand(int architecture, int edge) const
{
    if (architecture < 0 || architecture >= int(m_arch.size()) || edge < 0 ||
        edge >= int(m_arch[architecture].edges.size()))
        return false;
    return m_animation_s - m_arch[architecture].edges[edge].overflowAt <= bandHoldSeconds;
}

double MessageAnimator::flowRate(int architecture, int edge) const
{
    if (architecture < 0 || architecture >= int(m_arch.size()) || edge < 0 ||
        edge >= int(m_arch[architecture].edges.size()))
        return 0.0;
    return m_arch[architecture].edges[edge].rate;
}

} // namespace postoffice::ui
