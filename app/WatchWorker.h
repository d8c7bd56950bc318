#pragma once

// The part of a ClusterWatcher that lives on its own thread: polls the cluster through
// RdkafkaClient on a timer, derives figures (WatchHistory), finds events (ClusterEventDetector)
// and publishes them as signals, which reach the watcher's thread queued.
//
// When the cluster cannot be reached it says so once per distinct problem, keeps the last good
// observation (it simply publishes nothing new) and retries with a backoff of 1 s doubling up to
// 30 s (or the poll interval, when that is longer); the first success after that resumes polling
// at the interval and says so.

#include "ClusterEventDetector.h"
#include "ClusterObservation.h"
#include "WatchConfig.h"
#include "WatchHistory.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace postoffice::app {

class RdkafkaClient;

class WatchWorker : public QObject
{
    Q_OBJECT
public:
    static constexpr int kFirstBackoffMs = 1000;
    static constexpr int kMaxBackoffMs = 30000;
    // Burrow's window: commits per partition, and polls a commit may stand still with lag.
    static constexpr int kStatusWindow = 10;

    explicit WatchWorker(WatchConfig config);
    ~WatchWorker() override;

public slots:
    void start();
    // Stops polling and releases librdkafka's handles on this thread, then quits the thread.
    void stop();

signals:
    void observed(postoffice::app::ClusterObservationPtr observation);
    void eventDetected(const postoffice::app::ClusterEvent &event);
    void problem(const QString &message);
    void recovered(const QString &message);

private:
    void poll();
    int timeoutMs() const;

    WatchConfig m_config;
    std::unique_ptr<RdkafkaClient> m_client;
    WatchHistory m_history;
    ClusterObservationPtr m_last;
    QElapsedTimer m_clock;
    QTimer *m_timer = nullptr;
    qint64 m_sequence = 0;
    int m_backoffMs = 0; // 0: healthy
    QString m_lastProblem;
    QStringList m_lastWarnings;
    bool m_stopped = false;
};

} // namespace postoffice::app
