#pragma once

// The writing end of RunArchive: owns an app::RunStore and lives on RunArchive's worker thread,
// so SQLite inserts never run on the GUI thread and the simulation never waits for the disk.
// QtSql connections belong to the thread that opened them: every call here is made on that
// thread (RunArchive queues them).

#include "RunStore.h"

#include <QObject>

namespace postoffice::ui {

class RunStoreWriter : public QObject
{
    Q_OBJECT
public:
    // Replaces whatever was open with a fresh database at `path` holding one new run.
    bool begin(const QString &path, const app::RunStore::NewRun &run);
    void addSecond(qint64 second, const std::vector<app::ArchitectureSample> &samples);
    void addEvent(const app::SimEvent &event);
    void finish(const QJsonObject &summary);
    // Stores the summary of the run so far; the run goes on.
    void saveSummary(const QJsonObject &summary);
    bool flush();
    void close()
    {
        m_store.close();
        m_runId = 0;
        m_ok = false;
    }

    bool isOk() const { return m_ok; }
    qint64 runId() const { return m_runId; }
    QString errorString() const { return m_store.errorString(); }

private:
    app::RunStore m_store;
    qint64 m_runId = 0;
    bool m_ok = false;
};

} // namespace postoffice::ui
