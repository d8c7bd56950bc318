#include "SimulationController.h"

#include "MessageAnimator.h"
#include "Simulation.h"

#include <QTimer>

#include <algorithm>
#include <cmath>

namespace postoffice::ui {

SimulationController::SimulationController(QObject *parent) : QObject(parent)
{
    m_timer = new QTimer(this);
    m_timer->setInterval(tickIntervalMs);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &SimulationController::tick);
    m_sinceUpdate.start();
}

SimulationController::~SimulationController()
{
    if (m_sim)
        m_sim->setObserver(nullptr);
}

bool SimulationController::setScenario(const app::Scenario &scenario)
{
    pause();
    if (m_sim) {
        emit aboutToRebuild();
        m_sim->setObserver(nullptr);
    }
    m_sim = std::make_unique<app::Simulation>(scenario);
    m_activeFaults.clear();
    m_history.clear();
    m_interventions.clear();
    m_lastPausedNarration = -1.0;
    m_stopAt.reset();
    m_error = m_sim->isValid() ? QString() : m_sim->errorString();
    // Attached after the animator so that wantsMessages() is asked with the final answer.
    attachObserver();
    emit scenarioLoaded();
    emit activeFaultsChanged();
    emitUpdate(true);
    return m_error.isEmpty();
}

void SimulationController::reset()
{
    if (m_sim)
        setScenario(app::Scenario(m_sim->scenario()));
}

QStringList SimulationController::architectures() const
{
    return m_sim ? m_sim->architectures() : QStringList();
}

const app::Scenario &SimulationController::scenario() const
{
    static const app::Scenario none;
    return m_sim ? m_sim->scenario() : none;
}

double SimulationController::now() const
{
    return m_sim ? m_sim->now() : 0.0;
}

double SimulationController::duration() const
{
    return m_sim ? m_sim->duration() : 0.0;
}

void SimulationController::setAnimator(MessageAnimator *animator)
{
    m_animator = animator;
    if (m_sim) {
        attachObserver();
    }
}

void SimulationController::attachObserver()
{
    // The engine asks wantsMessages() once, when the observer is attached.
    m_sim->setObserver(nullptr);
    m_sim->setObserver(this);
}

void SimulationController::seek(double t_s)
{
    if (!m_sim || !m_sim->isValid())
        return;
    if (t_s < m_sim->now()) {
        replayTo(t_s);
        return;
    }
    pause();
    m_seeking = true;
    attachObserver();
    m_interventions.advance(*m_sim, std::min(t_s, m_sim->duration()));
    m_seeking = false;
    attachObserver();
    emit advanced();
    settleAfterJump();
}

void SimulationController::replayTo(double t_s)
{
    if (!m_sim || !m_sim->isValid())
        return;
    if (!m_rewindBlocked.isEmpty()) {
        emit rewindRefused(m_rewindBlocked);
        return;
    }
    pause();
    t_s = std::clamp(t_s, 0.0, m_sim->duration());
    m_seeking = true;
    emit aboutToRebuild();
    m_sim->setObserver(nullptr);
    m_sim = std::make_unique<app::Simulation>(app::Scenario(m_sim->scenario()));
    m_interventions.rewind();
    m_activeFaults.clear();
    m_history.clear();
    attachObserver();
    emit scenarioLoaded();
    emit rewound();
    emit activeFaultsChanged();
    m_interventions.advance(*m_sim, t_s);
    m_seeking = false;
    attachObserver();
    settleAfterJump();
}

void SimulationController::settleAfterJump()
{
    // Narration steps up to here count as seen: playing on does not stop at one just passed.
    m_lastPausedNarration = -1.0;
    for (const app::NarrationStep &step : m_sim->scenario().narration)
        if (step.pause && step.at_s <= m_sim->now())
            m_lastPausedNarration = std::max(m_lastPausedNarration, step.at_s);
    if (m_animator) {
        m_animator->clear();
        m_animator->syncTo(m_sim->now());
    }
    emitUpdate(true);
    if (m_sim->finished())
        emit finished();
}

const std::vector<app::SimEventKind> &SimulationController::eventsOfInterest()
{
    static const std::vector<app::SimEventKind> kinds = {
        app::SimEventKind::FaultStart,   app::SimEventKind::FaultEnd,    app::SimEventKind::Rebalance,
        app::SimEventKind::LeaderChange, app::SimEventKind::RecordsLost, app::SimEventKind::BreakerOpen,
        app::SimEventKind::BreakerClosed};
    return kinds;
}

std::optional<app::SimEvent> SimulationController::nextEvent(const std::vector<app::SimEventKind> &kinds)
{
    if (!m_sim || !m_sim->isValid() || kinds.empty())
        return std::nullopt;
    pause();
    m_found.reset();
    m_searchKinds = &kinds;
    m_seeking = true;
    attachObserver();
    // Fine slices: the search stops at the end of the one the event happened in.
    while (!m_found && !m_sim->finished())
        m_interventions.advance(*m_sim, std::min(m_sim->duration(), m_sim->now() + stopPrecision_s));
    m_searchKinds = nullptr;
    m_seeking = false;
    attachObserver();
    emit advanced();
    settleAfterJump();
    if (m_found)
        emit eventReached(*m_found);
    return m_found;
}

std::optional<app::SimEvent> SimulationController::previousEvent(const std::vector<app::SimEventKind> &kinds)
{
    if (!m_sim)
        return std::nullopt;
    // Strictly before the event the clock stands at, so that pressing again goes further back.
    const double before = m_sim->now() - stopPrecision_s;
    for (auto it = m_history.rbegin(); it != m_history.rend(); ++it) {
        if (it->t_s >= before || std::find(kinds.begin(), kinds.end(), it->kind) == kinds.end())
            continue;
        const app::SimEvent event = *it;
        seek(event.t_s);
        emit eventReached(event);
        return event;
    }
    return std::nullopt;
}

void SimulationController::setSpeed(double factor)
{
    factor = std::max(0.0, factor);
    if (factor == m_speed)
        return;
    m_speed = factor;
    emit speedChanged(m_speed);
}

void SimulationController::play()
{
    if (!m_sim || !m_sim->isValid() || m_sim->finished() || m_playing)
        return;
    m_playing = true;
    m_real.start();
    m_timer->start();
    if (m_animator)
        m_animator->setRunning(true);
    emit playingChanged(true);
}

void SimulationController::pause()
{
    if (m_stopAt) {
        m_stopAt.reset();
        setSpeed(m_speedBeforeRunUntil);
    }
    if (!m_playing)
        return;
    m_playing = false;
    m_timer->stop();
    if (m_animator)
        m_animator->setRunning(false);
    emit playingChanged(false);
    emitUpdate(true);
}

void SimulationController::togglePlay()
{
    m_playing ? pause() : play();
}

void SimulationController::step()
{
    if (!m_sim)
        return;
    pause();
    advanceTo(std::floor(m_sim->now() + 1e-9) + 1.0);
}

void SimulationController::runUntil(double t_s)
{
    if (!m_sim || t_s <= m_sim->now())
        return;
    if (!m_stopAt)
        m_speedBeforeRunUntil = m_speed;
    m_stopAt = std::min(t_s, m_sim->duration());
    setSpeed(0.0);
    play();
}

void SimulationController::advanceTo(double t_s)
{
    if (!m_sim)
        return;
    // At least one slice, so that events due exactly now (the narration at 0:00:00) are shown.
    do {
        simulateTo(t_s, 1000000);
    } while (m_sim->now() < std::min(t_s, m_sim->duration()) && !m_pauseRequested);
    m_pauseRequested = false;
    if (m_animator)
        m_animator->syncTo(m_sim->now());
    emit advanced();
    emitUpdate(true);
    if (m_sim->finished())
        emit finished();
}

std::optional<double> SimulationController::nextPauseAt() const
{
    if (!m_autoPause || !m_sim)
        return std::nullopt;
    for (const app::NarrationStep &step : m_sim->scenario().narration)
        if (step.pause && step.at_s > m_lastPausedNarration && step.at_s >= m_sim->now())
            return step.at_s;
    return std::nullopt;
}

bool SimulationController::simulateTo(double t_s, qint64 budgetMs)
{
    QElapsedTimer wall;
    wall.start();
    const std::optional<double> pauseAt = nextPauseAt();
    const double target = std::min({t_s, m_sim->duration(), pauseAt.value_or(t_s)});
    // Slices adapt so that a slice costs about a millisecond: the budget check stays fine-grained
    // without paying its overhead every event.
    double slice = 1.0;
    // At least one call, even at target == now: events due exactly now (a narration step at the
    // pause time, the one at 0:00:00) are processed and reported before the run stops there.
    bool first = true;
    while (first || m_sim->now() < target) {
        first = false;
        const qint64 before = wall.nsecsElapsed();
        m_interventions.advance(*m_sim, std::min(target, m_sim->now() + slice));
        const qint64 took = wall.nsecsElapsed() - before;
        if (took < 500000)
            slice = std::min(slice * 2.0, 3600.0);
        else if (took > 2000000)
            slice = std::max(slice / 2.0, 0.01);
        if (wall.elapsed() >= budgetMs && m_sim->now() < target)
            return false;
    }
    if (pauseAt && target == *pauseAt && m_sim->now() >= *pauseAt) {
        m_lastPausedNarration = *pauseAt;
        m_pauseRequested = true;
        pause();
    }
    return true;
}

void SimulationController::tick()
{
    if (!m_sim)
        return;
    // Real time elapsed since the last tick, capped so that a stalled GUI does not make the
    // simulation leap ahead afterwards.
    const double real_s = std::min(m_real.restart() / 1000.0, 0.25);
    double target = m_sim->duration();
    if (m_stopAt)
        target = *m_stopAt;
    else if (m_speed > 0.0)
        target = m_sim->now() + real_s * m_speed;
    simulateTo(target, tickBudgetMs);
    m_pauseRequested = false;
    emit advanced();
    if (m_animator)
        m_animator->syncTo(m_sim->now());
    const bool done = m_sim->finished();
    const bool reached = m_stopAt && m_sim->now() >= *m_stopAt;
    if (done || reached)
        pause();
    emitUpdate(done || reached);
    if (done)
        emit finished();
}

void SimulationController::emitUpdate(bool force)
{
    if (!force && m_sinceUpdate.elapsed() < 1000 / updateHz)
        return;
    m_sinceUpdate.restart();
    emit updated(now());
}

int SimulationController::injectFault(const app::FaultSpec &fault)
{
    if (!m_sim)
        return -1;
    const int id = m_interventions.inject(*m_sim, fault);
    emitUpdate(true);
    return id;
}

std::optional<app::FaultSpec> SimulationController::faultSpec(int id) const
{
    if (!m_sim || id < 0)
        return std::nullopt;
    if (const std::optional<app::FaultSpec> injected = m_interventions.injectedFault(id))
        return injected;
    if (size_t(id) < m_sim->scenario().faults.size())
        return m_sim->scenario().faults[size_t(id)];
    return std::nullopt;
}

void SimulationController::endFault(int id)
{
    if (!m_sim)
        return;
    m_interventions.end(*m_sim, id);
    emitUpdate(true);
}

void SimulationController::onSample(qint64 second, const std::vector<app::ArchitectureSample> &samples)
{
    emit sampled(second, samples);
}

void SimulationController::onEvent(const app::SimEvent &event)
{
    if (event.kind == app::SimEventKind::FaultStart) {
        m_activeFaults[event.fault_id] = event;
        emit activeFaultsChanged();
    } else if (event.kind == app::SimEventKind::FaultEnd) {
        // One fault may start per architecture; it ends for all at once.
        m_activeFaults.erase(event.fault_id);
        emit activeFaultsChanged();
    } else if (event.kind == app::SimEventKind::Narration && event.pause && m_autoPause) {
        emit narrationPaused(event);
    }
    const auto &interesting = eventsOfInterest();
    if (std::find(interesting.begin(), interesting.end(), event.kind) != interesting.end())
        m_history.push_back(event);
    if (m_searchKinds && !m_found &&
        std::find(m_searchKinds->begin(), m_searchKinds->end(), event.kind) != m_searchKinds->end())
        m_found = event;
    emit eventOccurred(event);
}

bool SimulationController::wantsMessages() const
{
    return m_animator != nullptr && !m_seeking;
}

void SimulationController::onMessage(int architecture, int edge, app::MessageKind kind, double t_start_s,
                                     double t_end_s)
{
    m_animator->addMessage(architecture, edge, kind, t_start_s, t_end_s);
}

} // namespace postoffice::ui
