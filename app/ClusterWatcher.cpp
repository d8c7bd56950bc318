#include "ClusterWatcher.h"

#include "WatchWorker.h"

namespace postoffice::app {

ClusterWatcher::ClusterWatcher(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<ClusterObservationPtr>();
    qRegisterMetaType<ClusterEvent>();
}

ClusterWatcher::~ClusterWatcher()
{
    stop();
    waitForStopped(-1);
}

void ClusterWatcher::start(const WatchConfig &config)
{
    if (m_thread) {
        stop();
        waitForStopped(-1);
    }
    m_last.reset();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("ClusterWatcher"));
    auto *worker = new WatchWorker(config);
    worker->moveToThread(m_thread);
    m_worker = worker;
    connect(m_thread, &QThread::started, worker, &WatchWorker::start);
    connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &WatchWorker::observed, this, [this](ClusterObservationPtr o) {
        m_last = o;
        emit observed(o);
    });
    connect(worker, &WatchWorker::eventDetected, this, &ClusterWatcher::eventDetected);
    connect(worker, &WatchWorker::problem, this, &ClusterWatcher::problem);
    connect(worker, &WatchWorker::recovered, this, &ClusterWatcher::recovered);
    QThread *thread = m_thread;
    connect(m_thread, &QThread::finished, this, [this, thread] {
        if (m_thread == thread) {
            m_thread->deleteLater();
            m_thread = nullptr;
        }
        emit stopped();
    });
    m_thread->start();
}

void ClusterWatcher::stop()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &WatchWorker::stop, Qt::QueuedConnection);
}

bool ClusterWatcher::waitForStopped(int timeoutMs)
{
    if (!m_thread)
        return true;
    QThread *thread = m_thread;
    const bool done = timeoutMs < 0 ? thread->wait() : thread->wait(QDeadlineTimer(timeoutMs));
    if (done && m_thread == thread) {
        // The worker was deleted by deleteLater on the thread's way out; finished's queued
        // handlers may not have run yet, so the thread object is released here.
        disconnect(thread, nullptr, this, nullptr);
        delete thread;
        m_thread = nullptr;
        emit stopped();
    }
    return done;
}

} // namespace postoffice::app
