#pragma once

// Keeps the GUI's current run in a run store (app::RunStore, DESIGN.md §7) as it plays, so that
// File ▸ Export run… can write it out as CSV, JSON, NDJSON or a SQLite file.
//
// Every edit restarts the run, so the GUI's runs are mostly fragments: each one lives in its own
// database in a private temporary folder, replaced when the run restarts and removed when the
// window closes. What the user wants to keep, they export. Samples and events are buffered by
// the store (one transaction per ~second of wall time), so the run does not wait for the disk.

#include "RunStore.h"

#include <QObject>
#include <QTemporaryDir>

namespace postoffice::ui {

class SimulationController;

class RunArchive : public QObject
{
    Q_OBJECT
public:
    explicit RunArchive(SimulationController *controller, QObject *parent = nullptr);
    ~RunArchive() override;

    // False when the store could not be opened or a write failed; errorString() names the file.
    bool isOk() const { return m_ok; }
    QString errorString() const;
    app::RunStore &store() { return m_store; }
    qint64 runId() const { return m_runId; }
    // Writes every buffered second and event, so that a reader of the store sees the run so far.
    bool flush();

private:
    void startRun();
    void check(bool ok);

    SimulationController *m_controller;
    QTemporaryDir m_dir;
    app::RunStore m_store;
    qint64 m_runId = 0;
    bool m_ok = false;
    bool m_finished = false;
};

} // namespace postoffice::ui
