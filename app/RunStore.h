#pragma once

// The run store of DESIGN.md §7: every run's scenario, per-second samples, events and summary in
// one SQLite file (through QtSql), so that runs can be compared and exported later.
//
// Crash safety: WAL journal with synchronous=NORMAL, and samples are written whole seconds at a
// time inside one transaction that also advances runs.flushed_s. A process killed mid-run
// therefore leaves a database that opens, passes integrity_check and holds every second up to
// flushed_s completely and nothing of later seconds.
//
// Every failure (not a database, locked, disk full, unwritable directory...) returns false /
// nullopt and leaves a message in errorString() that names the file and the problem.
//
// RunDatabase holds the connection and its errors, RunStoreSchema the tables and their upgrades,
// RunTableWriter and RunTableReader the two ends; this class is what the rest of the program uses.

#include "RunDatabase.h"
#include "RunStoreSchema.h"
#include "Sample.h"
#include "SimEvent.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace postoffice::app {

class RunTableWriter;

class RunStore
{
public:
    using Error = RunDatabase::Error;
    enum class Mode { ReadWrite, ReadOnly };
    enum class Status { Running, Finished, Aborted };

    // Names behind the engine's indices (Sample.h), fixed for the whole run.
    struct Layout
    {
        QStringList architectures;
        QStringList nodes;               // NodeSample::node indexes this
        std::vector<QStringList> groups; // per architecture; GroupSample::group indexes it
        // Whether the run has order counters (a watched cluster has none: no rows, rather than
        // zeros that would read as measurements).
        bool orders = true;
    };

    struct NewRun
    {
        QString scenario; // its name
        QString scenarioText;
        quint64 seed = 0;
        double duration_s = 0.0;
        Layout layout;
    };

    struct RunInfo
    {
        qint64 id = 0;
        QString scenario;
        QString scenarioText;
        quint64 seed = 0;
        double duration_s = 0.0;
        QStringList architectures;
        QDateTime startedAt; // UTC wall time
        QDateTime endedAt;   // invalid while running (or when the process died)
        Status status = Status::Running;
        qint64 flushedSeconds = 0; // every sample up to and including this second is stored
        QJsonObject summary;       // when finished; while running, the last saveSummary() if any
    };

    // Rows as read back, names resolved.
    struct NodeRow
    {
        qint64 t_s = 0;
        QString architecture;
        QString node;
        NodeSample sample;
    };
    struct LagRow
    {
        qint64 t_s = 0;
        QString architecture;
        QString group;
        int partition = -1; // -1: the group's total over all partitions
        qint64 lag = 0;
    };
    struct OrderRow
    {
        qint64 t_s = 0;
        QString architecture;
        OrderSample orders;
    };
    struct EventRow
    {
        double t_s = 0.0;
        QString architecture; // empty: every architecture
        QString kind;         // simEventKindName()
        QString node;
        QString text;
        qint64 count = 0;
        QString faultKind; // fault events: "down", "network_cut"... (ScenarioKeys::faultKinds)
        QString faultPeer; // network_cut: the other end of the cut link
        // Rebalance: consumers sharing the group's partitions afterwards, the partitions, how many
        // changed hands (SimEvent's figures); -1 when not known (other events, older databases).
        int members = -1;
        int partitions = -1;
        int moved = -1;
    };
    // Everything stored for one simulated second, in series order.
    struct Second
    {
        qint64 t_s = 0;
        std::vector<NodeRow> nodes;
        std::vector<LagRow> lags;
        std::vector<OrderRow> orders;
    };
    struct RowCounts
    {
        qint64 nodes = 0;
        qint64 lags = 0;
        qint64 orders = 0;
        qint64 events = 0;
    };

    RunStore();
    ~RunStore();
    RunStore(const RunStore &) = delete;
    RunStore &operator=(const RunStore &) = delete;

    // $AppDataLocation/runs.sqlite
    static QString defaultPath();

    // ReadWrite creates the file (and its directory) and the schema if missing; ReadOnly requires
    // an existing PostOffice database. Waits up to busyTimeoutMs for another connection's lock.
    bool open(const QString &path, Mode mode = Mode::ReadWrite, int busyTimeoutMs = 5000);
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    QString path() const { return m_db.path(); }
    QString connectionName() const { return m_db.connectionName(); }
    Error error() const { return m_db.error(); }
    QString errorString() const { return m_db.errorString(); }

    // --- writing a run ---------------------------------------------------------------------------
    std::optional<qint64> beginRun(const NewRun &run);
    // Buffers one simulated second; written at the next flush. Flushes by itself once
    // flushEverySeconds() seconds are buffered or a second of wall time has passed, so a paced
    // (GUI) run is as durable as a fast one. Returns false only if that flush failed.
    bool addSecond(qint64 second, const std::vector<ArchitectureSample> &samples);
    bool addEvent(const SimEvent &event);
    // An event whose kind has no SimEventKind (a watched cluster's "broker_lost", ...): stored
    // under `kindName` instead of simEventKindName(event.kind).
    bool addEvent(const SimEvent &event, const QString &kindName);
    // Nodes and groups that appeared during the run (a watched cluster's new topics and groups):
    // `layout` must start with the run's layout so far; what follows is added, so that the
    // indices already used keep their meaning.
    bool extendLayout(const Layout &layout);
    bool flush();
    // The summary of the run so far (DESIGN.md §8, up to the current simulated time), so that an
    // unfinished run exports with numbers; the run stays running and finishRun replaces it.
    bool saveSummary(const QJsonObject &summary);
    bool finishRun(Status status, const QJsonObject &summary);
    qint64 currentRun() const;

    void setFlushEverySeconds(int seconds);
    int flushEverySeconds() const;

    // --- reading ---------------------------------------------------------------------------------
    std::optional<QList<RunInfo>> runs();
    std::optional<qint64> latestRunId(); // nullopt with Error::NoSuchRun when there is none
    std::optional<RunInfo> run(qint64 id);
    std::optional<RowCounts> rowCounts(qint64 runId);
    // Stream a run second by second (or event by event) without loading it all; the visitor
    // returns false to stop early (then the call returns false with an empty errorString()).
    bool forEachSecond(qint64 runId, const std::function<bool(const Second &)> &visit);
    bool forEachEvent(qint64 runId, const std::function<bool(const EventRow &)> &visit);

    // PRAGMA integrity_check: "ok" or SQLite's list of problems (nullopt if it could not run).
    std::optional<QString> integrityCheck();

    static QString statusName(Status status);

private:
    bool fail(Error error, const QString &message) { return m_db.fail(error, message); }

    RunDatabase m_db;
    Mode m_mode = Mode::ReadWrite;
    RunStoreSchema::Columns m_columns;
    std::unique_ptr<RunTableWriter> m_writer; // the tables' writing end (RunTableReader reads)
};

} // namespace postoffice::app
