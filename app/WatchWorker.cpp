#include "WatchWorker.h"

#include "RdkafkaClient.h"

#include <QThread>

namespace postoffice::app {

WatchWorker::WatchWorker(WatchConfig config)
    : m_config(std::move(config)), m_history(kStatusWindow, qint64(kStatusWindow) * m_config.intervalMs)
{}

WatchWorker::~WatchWorker() = default;

int WatchWorker::timeoutMs() const
{
    // Long enough for a loaded cluster, short enough that a dead one costs a poll, not a minute.
    return qBound(500, m_config.intervalMs, 5000);
}

void WatchWorker::start()
{
    m_clock.start();
    m_client = std::make_unique<RdkafkaClient>(m_config);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &WatchWorker::poll);
    poll();
}

void WatchWorker::stop()
{
    m_stopped = true;
    if (m_timer)
        m_timer->stop();
    m_client.reset(); // librdkafka's handles are destroyed on the thread that used them
    thread()->quit();
}

void WatchWorker::poll()
{
    if (m_stopped)
        return;
    const qint64 startedMs = m_clock.elapsed();
    ClusterObservation obs;
    obs.sequence = m_sequence + 1;
    obs.at = QDateTime::currentDateTimeUtc();
    obs.elapsedMs = startedMs;
    QString error;
    if (!m_client->observe(obs, timeoutMs(), &error)) {
        m_backoffMs = m_backoffMs == 0 ? qMax(kFirstBackoffMs, qMin(m_config.intervalMs, kMaxBackoffMs))
                                       : qMin(m_backoffMs * 2, qMax(kMaxBackoffMs, m_config.intervalMs));
        if (error != m_lastProblem) {
            m_lastProblem = error;
            emit problem(
                QStringLiteral("%1 (retrying, next in %2 s%3)")
                    .arg(error)
                    .arg(m_backoffMs / 1000.0, 0, 'g', 3)
                    .arg(m_last ? QStringLiteral("; keeping the observation of %1")
                                      .arg(m_last->at.toLocalTime().toString(QStringLiteral("HH:mm:ss")))
                                : QString()));
        }
        if (!m_stopped)
            m_timer->start(m_backoffMs);
        return;
    }
    ++m_sequence;
    if (m_backoffMs != 0 || !m_lastProblem.isEmpty()) {
        m_backoffMs = 0;
        if (!m_lastProblem.isEmpty())
            emit recovered(QStringLiteral("cluster at %1 reachable again").arg(m_config.bootstrap));
        m_lastProblem.clear();
    }
    // Partial problems (a group hidden by ACLs, a leader unreachable) are said when they change.
    if (obs.warnings != m_lastWarnings) {
        for (const QString &w : obs.warnings)
            if (!m_lastWarnings.contains(w))
                emit problem(w);
        m_lastWarnings = obs.warnings;
    }
    m_history.derive(obs);
    auto published = std::make_shared<const ClusterObservation>(std::move(obs));
    std::vector<ClusterEvent> events;
    if (m_last)
        events = ClusterEventDetector::compare(*m_last, *published);
    m_last = published;
    emit observed(published);
    for (const ClusterEvent &e : events)
        emit eventDetected(e);
    if (!m_stopped) {
        // The next poll is due one interval after this one started.
        const qint64 spent = m_clock.elapsed() - startedMs;
        m_timer->start(int(qMax<qint64>(0, m_config.intervalMs - spent)));
    }
}

} // namespace postoffice::app
