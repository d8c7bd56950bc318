#pragma once

// Watches a real Kafka cluster (issue 13) without ever blocking its owner's thread: librdkafka
// runs on a thread of the watcher's own (WatchWorker), and every poll's ClusterObservation,
// every event and every problem comes back as a queued signal. The command line drives it from
// an event loop; the GUI's "Connect to cluster…" can connect its canvas to the same signals.
//
// stop() only asks: the worker finishes the librdkafka call it is in (bounded by the poll
// timeout, at most 5 s), releases its handles and ends its thread; stopped() follows. The
// destructor stops and waits.

#include "ClusterEventDetector.h"
#include "ClusterObservation.h"
#include "WatchConfig.h"

#include <QObject>
#include <QPointer>
#include <QThread>

namespace postoffice::app {

class WatchWorker;

class ClusterWatcher : public QObject
{
    Q_OBJECT
public:
    explicit ClusterWatcher(QObject *parent = nullptr);
    ~ClusterWatcher() override;

    // Starts watching; a watch already running is stopped first (and waited for).
    void start(const WatchConfig &config);
    void stop();
    bool isRunning() const { return m_thread && m_thread->isRunning(); }
    // Blocks until the worker's thread has ended (for the command line and tests).
    bool waitForStopped(int timeoutMs = 10000);

    // The last observation published (the last good one while the cluster is unreachable).
    ClusterObservationPtr lastObservation() const { return m_last; }
    // Whether any poll has reached the cluster since start().
    bool everReached() const { return bool(m_last); }

signals:
    void observed(postoffice::app::ClusterObservationPtr observation);
    void eventDetected(const postoffice::app::ClusterEvent &event);
    // Unreachable cluster, failed authentication, a group hidden... a sentence for the user.
    void problem(const QString &message);
    void recovered(const QString &message);
    void stopped();

private:
    QThread *m_thread = nullptr;
    QPointer<WatchWorker> m_worker;
    ClusterObservationPtr m_last;
};

} // namespace postoffice::app
