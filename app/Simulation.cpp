#include "Simulation.h"

#include "ArchitectureRun.h"
#include "SimulationObserver.h"

#include <QElapsedTimer>

#include <cmath>
#include <limits>

namespace postoffice::app {

namespace {

QString faultKindName(FaultKind kind)
{
    switch (kind) {
    case FaultKind::Down:
        return QStringLiteral("down");
    case FaultKind::Slow:
        return QStringLiteral("slow");
    case FaultKind::ErrorRate:
        return QStringLiteral("error_rate");
    case FaultKind::ConsumerCrash:
        return QStringLiteral("consumer_crash");
    case FaultKind::BrokerDown:
        return QStringLiteral("broker_down");
    case FaultKind::NetworkCut:
        return QStringLiteral("network_cut");
    case FaultKind::Spike:
        return QStringLiteral("spike");
    }
    return QStringLiteral("fault");
}

// Wall time spent inside the engine, for the summary's wall_s.
class WallClock
{
public:
    explicit WallClock(double &total) : m_total(total) { m_timer.start(); }
    ~WallClock() { m_total += double(m_timer.nsecsElapsed()) / 1e9; }

private:
    double &m_total;
    QElapsedTimer m_timer;
};

} // namespace

Simulation::Simulation(const Scenario &scenario, SimulationOptions options)
    : m_scenario(scenario), m_seed(options.seed.value_or(scenario.seed)),
      m_duration(options.duration_s.value_or(scenario.duration_s))
{
    if (!(m_duration >= 0) || !std::isfinite(m_duration)) {
        m_error = QStringLiteral("the duration must be a finite number of seconds >= 0");
        m_duration = 0;
        return;
    }
    if (m_scenario.architectures.empty()) {
        m_error = QStringLiteral("the scenario has no architecture to run");
        return;
    }
    for (std::size_t i = 0; i < m_scenario.faults.size(); ++i) {
        const FaultSpec &f = m_scenario.faults[i];
        const bool anyProducer = f.kind == FaultKind::Spike && f.target.isEmpty();
        if (!anyProducer && !m_scenario.node(f.target)) {
            m_error = QStringLiteral("fault %1 targets unknown node \"%2\"").arg(i).arg(f.target);
            return;
        }
        if (f.kind == FaultKind::NetworkCut && !m_scenario.node(f.peer)) {
            m_error = QStringLiteral("fault %1 cuts the link to unknown node \"%2\"").arg(i).arg(f.peer);
            return;
        }
    }
    for (std::size_t i = 0; i < m_scenario.architectures.size(); ++i) {
        QString error;
        auto run = std::make_unique<ArchitectureRun>(m_scenario, m_scenario.architectures[i], int(i), m_seed,
                                                     m_duration, &error);
        if (!error.isEmpty()) {
            m_error = error;
            m_runs.clear();
            return;
        }
        m_runs.push_back(std::move(run));
    }
    for (const FaultSpec &f : m_scenario.faults) {
        const int id = m_nextFaultId++;
        m_faults[id] = f;
        schedule(std::max(0.0, f.at_s), ControlKind::FaultStart, id);
        if (f.duration_s > 0)
            schedule(std::max(0.0, f.at_s) + f.duration_s, ControlKind::FaultEnd, id);
    }
    for (std::size_t i = 0; i < m_scenario.narration.size(); ++i)
        schedule(m_scenario.narration[i].at_s, ControlKind::Narration, int(i));
}

Simulation::~Simulation() = default;

bool Simulation::isValid() const
{
    return m_error.isEmpty();
}
QString Simulation::errorString() const
{
    return m_error;
}
const Scenario &Simulation::scenario() const
{
    return m_scenario;
}
quint64 Simulation::seed() const
{
    return m_seed;
}
double Simulation::duration() const
{
    return m_duration;
}
double Simulation::now() const
{
    return m_now;
}
bool Simulation::finished() const
{
    return !isValid() || m_now >= m_duration;
}

QStringList Simulation::architectures() const
{
    QStringList names;
    for (const auto &run : m_runs)
        names << run->name();
    return names;
}

void Simulation::setObserver(SimulationObserver *observer)
{
    m_observer = observer;
    const bool messages = observer && observer->wantsMessages();
    for (auto &run : m_runs)
        run->setObserver(observer, messages);
}

void Simulation::schedule(double t_s, ControlKind kind, int id)
{
    m_controls.emplace(std::make_pair(t_s, m_controlSeq++), Control{kind, id});
}

void Simulation::runUntil(double t_s)
{
    if (!isValid())
        return;
    WallClock wall(m_wallSeconds);
    advanceTo(std::min(t_s, m_duration));
}

void Simulation::run()
{
    runUntil(m_duration);
}

void Simulation::advanceTo(double t_s)
{
    for (;;) {
        const double control =
            m_controls.empty() ? std::numeric_limits<double>::infinity() : m_controls.begin()->first.first;
        const double boundary = double(m_lastSampledSecond + 1);
        const double target = std::min({t_s, control, boundary});
        if (target < m_now)
            break;
        for (auto &run : m_runs)
            run->runThrough(target);
        m_now = target;
        if (control <= target) {
            const Control c = m_controls.begin()->second;
            m_controls.erase(m_controls.begin());
            applyControl(c);
        } else if (boundary <= target) {
            m_lastSampledSecond = qint64(boundary);
            emitSecond(m_lastSampledSecond);
        } else {
            break;
        }
    }
}

bool Simulation::step()
{
    if (finished())
        return false;
    WallClock wall(m_wallSeconds);
    ArchitectureRun *earliest = nullptr;
    for (auto &run : m_runs)
        if (!earliest || run->nextEventTime() < earliest->nextEventTime())
            earliest = run.get();
    const double event = earliest ? earliest->nextEventTime() : std::numeric_limits<double>::infinity();
    const double control =
        m_controls.empty() ? std::numeric_limits<double>::infinity() : m_controls.begin()->first.first;
    const double boundary = double(m_lastSampledSecond + 1);
    if (event < control && event < boundary && event <= m_duration) {
        earliest->processNext();
        m_now = event;
        return true;
    }
    // A fault, narration step or second boundary comes first: that is this step.
    advanceTo(std::min({control, boundary, m_duration}));
    return true;
}

void Simulation::applyControl(const Control &control)
{
    switch (control.kind) {
    case ControlKind::FaultStart: {
        if (m_faultActive[control.id])
            break;
        m_faultActive[control.id] = true;
        // The cause is logged before its effects (leader changes, a shrinking ISR, records lost),
        // which the runs report while the fault is applied.
        emitFault(SimEventKind::FaultStart, control.id);
        for (auto &run : m_runs)
            run->startFault(control.id, m_faults[control.id]);
        break;
    }
    case ControlKind::FaultEnd:
        if (!m_faultActive[control.id])
            break;
        m_faultActive[control.id] = false;
        emitFault(SimEventKind::FaultEnd, control.id);
        for (auto &run : m_runs)
            run->endFault(control.id);
        break;
    case ControlKind::Narration:
        if (m_observer) {
            const NarrationStep &step = m_scenario.narration[std::size_t(control.id)];
            SimEvent e;
            e.t_s = m_now;
            e.kind = SimEventKind::Narration;
            e.text = step.text;
            e.pause = step.pause;
            m_observer->onEvent(e);
        }
        break;
    }
}

void Simulation::emitFault(SimEventKind kind, int id)
{
    if (!m_observer)
        return;
    const FaultSpec &f = m_faults[id];
    SimEvent e;
    e.t_s = m_now;
    e.kind = kind;
    e.node = f.target;
    e.fault_id = id;
    e.fault = f;
    QString what = faultKindName(f.kind);
    if (f.kind == FaultKind::NetworkCut)
        what += QStringLiteral(" %1 ↔ %2").arg(f.target, f.peer);
    else if (!f.target.isEmpty())
        what += QStringLiteral(" %1").arg(f.target);
    if (!f.architecture.isEmpty())
        what += QStringLiteral(" (%1 only)").arg(f.architecture);
    e.text = (kind == SimEventKind::FaultStart ? QStringLiteral("fault starts: ")
                                               : QStringLiteral("fault ends: ")) +
             what;
    m_observer->onEvent(e);
}

int Simulation::injectFault(const FaultSpec &fault)
{
    if (!isValid())
        return -1;
    const int id = m_nextFaultId++;
    m_faults[id] = fault;
    const double start = std::max(fault.at_s, m_now);
    if (start <= m_now)
        applyControl(Control{ControlKind::FaultStart, id});
    else
        schedule(start, ControlKind::FaultStart, id);
    if (fault.duration_s > 0)
        schedule(start + fault.duration_s, ControlKind::FaultEnd, id);
    return id;
}

void Simulation::endFault(int id)
{
    if (!m_faults.count(id))
        return;
    for (auto it = m_controls.begin(); it != m_controls.end();) {
        if (it->second.id == id && it->second.kind != ControlKind::Narration)
            it = m_controls.erase(it);
        else
            ++it;
    }
    applyControl(Control{ControlKind::FaultEnd, id});
}

void Simulation::emitSecond(qint64 second)
{
    m_samples.resize(m_runs.size());
    const bool percentiles = m_observer != nullptr;
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        m_runs[i]->sample(second, m_samples[i], percentiles);
    if (m_observer)
        m_observer->onSample(second, m_samples);
}

quint64 Simulation::eventsProcessed() const
{
    quint64 total = 0;
    for (const auto &run : m_runs)
        total += run->eventsProcessed();
    return total;
}

RunSummary Simulation::summary() const
{
    RunSummary s;
    s.scenario = m_scenario.name;
    s.seed = m_seed;
    s.duration_s = m_now;
    for (const auto &run : m_runs)
        s.architectures.push_back(run->summary(m_now));
    s.events_processed = eventsProcessed();
    s.wall_s = m_wallSeconds;
    return s;
}

QJsonObject Simulation::summaryJson() const
{
    return summary().toJson();
}

NodeState Simulation::nodeState(int architecture, const QString &node) const
{
    if (architecture < 0 || architecture >= int(m_runs.size()))
        return {};
    return m_runs[std::size_t(architecture)]->nodeState(node);
}

std::vector<PartitionState> Simulation::topicState(int architecture, const QString &topic) const
{
    if (architecture < 0 || architecture >= int(m_runs.size()))
        return {};
    return m_runs[std::size_t(architecture)]->topicState(topic);
}

const broker::Cluster *Simulation::cluster(int architecture) const
{
    if (architecture < 0 || architecture >= int(m_runs.size()))
        return nullptr;
    return m_runs[std::size_t(architecture)]->cluster();
}

broker::Cluster *Simulation::externalCluster(int architecture)
{
    if (architecture < 0 || architecture >= int(m_runs.size()))
        return nullptr;
    return m_runs[std::size_t(architecture)]->externalCluster();
}

void Simulation::externalChangeDone(int architecture)
{
    if (architecture >= 0 && architecture < int(m_runs.size()))
        m_runs[std::size_t(architecture)]->externalChangeDone();
}

ConsumerGroupDriver *Simulation::externalGroups(int architecture)
{
    if (architecture < 0 || architecture >= int(m_runs.size()))
        return nullptr;
    return &m_runs[std::size_t(architecture)]->externalGroups();
}

std::vector<GroupState> Simulation::groupStates(int architecture) const
{
    if (architecture < 0 || architecture >= int(m_runs.size()))
        return {};
    return m_runs[std::size_t(architecture)]->groupStates();
}

QStringList Simulation::groupNames(int architecture) const
{
    if (architecture < 0 || architecture >= int(m_runs.size()))
        return {};
    return m_runs[std::size_t(architecture)]->groupNames();
}

std::vector<quint64> Simulation::groupRedeliveries(int architecture) const
{
    if (architecture < 0 || architecture >= int(m_runs.size()))
        return {};
    return m_runs[std::size_t(architecture)]->groupRedeliveries();
}

} // namespace postoffice::app
