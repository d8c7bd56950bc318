#pragma once

// Keeps the GUI's current run in a run store (app::RunStore, DESIGN.md §7) as it plays, so that
// File ▸ Export run… can write it out as CSV, JSON, NDJSON or a SQLite file.
//
// Every edit restarts the run, so the GUI's runs are mostly fragments: each one lives in its own
// database in a private temporary folder, replaced when the run restarts and removed when the
// window closes. What the user wants to keep, they export.
//
// The store is written on a worker thread (RunStoreWriter): samples and events are queued to it
// as the engine emits them, so the simulation does not slow down while it is recorded. Readers
// open their own read-only connection on databasePath() after flush().

#include <QObject>
#include <QTemporaryDir>
#include <QThread>

#include <functional>

namespace postoffice::ui {

class RunStoreWriter;
class SimulationController;

class RunArchive : public QObject
{
    Q_OBJECT
public:
    explicit RunArchive(SimulationController *controller, QObject *parent = nullptr);
    ~RunArchive() override;

    // Where the current run is stored; readers open it read-only (SQLite WAL: they see every
    // flushed second while the writer goes on).
    QString databasePath() const;
    qint64 runId() const;
    // Waits until every queued sample and event is committed, and stores the summary of the run
    // up to now while it is unfinished (a paused run exports with its numbers so far). False,
    // with errorString() naming the file, when the store could not be opened or a write failed.
    bool flush();
    bool isOk() const;
    QString errorString() const;

private:
    void startRun();
    // Runs `work` on the writer's thread; blocking ones wait for it.
    void post(std::function<void(RunStoreWriter &)> work);
    void call(const std::function<void(RunStoreWriter &)> &work) const;

    SimulationController *m_controller;
    QString m_tempRoot; // where m_dir was asked for, for the message when it could not be made
    QTemporaryDir m_dir;
    QThread m_thread;
    RunStoreWriter *m_writer = nullptr;
    bool m_finished = false;
};

} // namespace postoffice::ui
