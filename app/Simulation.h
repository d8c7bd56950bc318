#pragma once

// The discrete-event simulation of one scenario: every architecture of the scenario runs on its
// own world under the same virtual clock, the same arrivals and the same faults, so that tight
// and decoupled can be compared second by second. Single-threaded and deterministic: the same
// scenario and seed give the same summary bit for bit (wall_s aside).

#include "LiveState.h"
#include "RunSummary.h"
#include "Sample.h"
#include "Scenario.h"
#include "SimEvent.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace postoffice::broker {
class Cluster;
}

namespace postoffice::app {

class ArchitectureRun;
class ConsumerGroupDriver;
class SimulationObserver;

struct SimulationOptions
{
    std::optional<quint64> seed;      // overrides Scenario::seed
    std::optional<double> duration_s; // overrides Scenario::duration_s
};

class Simulation
{
public:
    explicit Simulation(const Scenario &scenario, SimulationOptions options = {});
    ~Simulation();
    Simulation(const Simulation &) = delete;
    Simulation &operator=(const Simulation &) = delete;

    // A scenario the engine cannot build (unknown node in an edge, topic without partitions...)
    // leaves the simulation invalid and finished; errorString() says why.
    bool isValid() const;
    QString errorString() const;

    const Scenario &scenario() const;
    QStringList architectures() const;
    quint64 seed() const;
    double duration() const; // seconds of simulated time the run lasts
    double now() const;      // current virtual time, seconds
    bool finished() const;   // now() reached duration()

    // Not owned; may be null. Must outlive the simulation or be detached.
    void setObserver(SimulationObserver *observer);

    // Processes every event up to and including time t_s (capped at duration()), emitting one
    // sample per completed simulated second and the events on the way.
    void runUntil(double t_s);
    void run(); // to the end
    // Processes the next single event (of whichever architecture is earliest); false if finished.
    bool step();

    // Live faults. A fault whose at_s lies in the past starts now; duration_s <= 0 lasts until
    // endFault(). Returns its id (scenario faults have ids 0..n-1).
    int injectFault(const FaultSpec &fault);
    void endFault(int id);

    quint64 eventsProcessed() const;
    RunSummary summary() const;
    QJsonObject summaryJson() const; // DESIGN.md §8

    // Live state for the GUI; `architecture` is an index in architectures().
    NodeState nodeState(int architecture, const QString &node) const;
    std::vector<PartitionState> topicState(int architecture, const QString &topic) const;
    std::vector<GroupState> groupStates(int architecture) const;
    QStringList groupNames(int architecture) const; // GroupSample::group indexes this
    // Records each group fetched a second time (after a crash or rebalance: at-least-once
    // delivery), indexed like groupNames().
    std::vector<quint64> groupRedeliveries(int architecture) const;
    // The architecture's broker, read-only (records for the topic browser: use Cluster::read, which
    // does not count as a consumer fetch). Null for an unknown index or an architecture without
    // topics. Valid until the simulation is destroyed.
    const broker::Cluster *cluster(int architecture) const;
    // The same broker for clients outside the scenario (`serve`: real Kafka clients), between
    // runUntil() calls: its clock is set to now() first. After producing or changing topics through
    // it, call externalChangeDone() so the engine sees the appends and the broker's next deadline.
    broker::Cluster *externalCluster(int architecture);
    void externalChangeDone(int architecture);
    // The architecture's consumer groups, for Kafka clients joining one of them (ScenarioGroupBridge),
    // between runUntil() calls. Null for an unknown index.
    ConsumerGroupDriver *externalGroups(int architecture);

private:
    enum class ControlKind { FaultStart, FaultEnd, Narration };
    struct Control
    {
        ControlKind kind;
        int id; // fault id or narration index
    };

    void advanceTo(double t_s);
    void emitSecond(qint64 second);
    void applyControl(const Control &control);
    void schedule(double t_s, ControlKind kind, int id);
    void emitFault(SimEventKind kind, int id);

    Scenario m_scenario;
    quint64 m_seed = 0;
    double m_duration = 0.0;
    QString m_error;
    std::vector<std::unique_ptr<ArchitectureRun>> m_runs;
    SimulationObserver *m_observer = nullptr;
    double m_now = 0.0;
    qint64 m_lastSampledSecond = 0;
    // Fault starts/ends and narration, by (time, insertion order): applied between events.
    std::map<std::pair<double, quint64>, Control> m_controls;
    quint64 m_controlSeq = 0;
    std::map<int, FaultSpec> m_faults;
    std::map<int, bool> m_faultActive;
    int m_nextFaultId = 0;
    double m_wallSeconds = 0.0;
    std::vector<ArchitectureSample> m_samples; // reused every second
};

} // namespace postoffice::app
