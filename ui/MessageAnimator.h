#pragma once

// Turns the engine's message hooks into dots moving along the canvas edges (Qtenv's animator).
//
// Animation time is its own clock: it advances with real time while the run plays and stops when
// it pauses, whatever the simulation speed. A message reported during a controller tick starts
// its trip within that tick, spread by its simulated start time, and takes travelSeconds of
// animation time to cross its edge — so a 2 ms network hop is visible, and 1000× speed does not
// turn the canvas into noise. Beyond the dot budget (per edge and in total) new messages are not
// drawn one by one: the edge turns into a band whose width follows its flow rate (messages per
// simulated second). Frames are never dropped; dots are.

#include "SimulationObserver.h"

#include <QColor>
#include <QElapsedTimer>
#include <QObject>

#include <vector>

class QTimer;

namespace postoffice::ui {

class MessageLayer;

class MessageAnimator : public QObject
{
    Q_OBJECT
public:
    explicit MessageAnimator(QObject *parent = nullptr);

    // One layer per architecture index (not owned; it lives in that architecture's scene).
    void setLayer(int architecture, MessageLayer *layer);
    MessageLayer *layer(int architecture) const;
    // Forgets every layer (their scenes are being replaced) and every message in flight.
    void removeLayers();
    void clear();

    // From the controller, while the engine runs.
    void addMessage(int architecture, int edge, app::MessageKind kind, double t_start_s, double t_end_s);
    // End of a controller tick: the simulation is at sim_s; pending messages become dots.
    void syncTo(double sim_s);
    void setRunning(bool running);
    bool isRunning() const { return m_running; }
    // Moves the animation clock and repaints the layers (the frame timer calls it; so can a bench).
    void advance(double animation_s);

    int dotCount() const { return m_totalDots; }
    int dotCount(int architecture, int edge) const;
    bool isBand(int architecture, int edge) const;
    // Messages per simulated second on the edge (smoothed over a few simulated seconds).
    double flowRate(int architecture, int edge) const;
    quint64 messagesSeen() const { return m_messagesSeen; }

    static QColor kindColour(app::MessageKind kind);
    static QString kindName(app::MessageKind kind);

    static constexpr int perEdgeBudget = 300;
    static constexpr int totalBudget = 2000;
    static constexpr double travelSeconds = 0.8;
    static constexpr double bandHoldSeconds = 1.0; // a band stays this long after the last overflow

signals:
    // Once per controller tick per edge whose rate changed noticeably (for EdgeItem thickness).
    void flowRateChanged(int architecture, int edge, double perSecond);

private:
    struct Flying
    {
        int edge;
        int colour;
        double start; // animation time
    };
    struct EdgeStats
    {
        int dots = 0;
        int pending = 0;
        double rate = 0.0;
        double reportedRate = 0.0;
        double overflowAt = -1e9; // animation time of the last message not drawn as a dot
        int lastColour = 0;
    };
    struct Pending
    {
        int architecture;
        int edge;
        int colour;
        double t_start_s;
    };
    struct Architecture
    {
        MessageLayer *layer = nullptr;
        std::vector<Flying> flying;
        std::vector<EdgeStats> edges;
    };

    EdgeStats *stats(int architecture, int edge);
    void render();

    std::vector<Architecture> m_arch;
    std::vector<Pending> m_pending;
    QTimer *m_frameTimer = nullptr;
    QElapsedTimer m_frameClock;
    double m_animation_s = 0.0;
    double m_simAtSync = 0.0;
    int m_totalDots = 0;
    bool m_running = false;
    quint64 m_messagesSeen = 0;
};

} // namespace postoffice::ui
