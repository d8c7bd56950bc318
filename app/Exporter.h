#pragma once

// Writes a stored run out for other tools (DESIGN.md §7):
//  - CSV, tidy: one row per second per metric, `t_s,architecture,node,metric,value`. Node metrics
//    carry the node's id; consumer-group lag carries the group (`lag` is the total,
//    `lag_partition_N` per partition); the architecture's order counters have an empty node
//    (`orders_placed`, ..., `e2e_p95_ms`, `response_p95_ms`: the customer's wait). A value with
//    nothing to measure (no completion that second, or a database from before it was recorded)
//    is empty.
//  - JSON: run metadata, the scenario, the summary (DESIGN.md §8, plus `complete`: false when
//    it covers only the run so far, and `sim_time_s`: the simulated time it covers), samples by
//    second, events.
//  - NDJSON: the event log, one ECS-shaped JSON object per line (`@timestamp`, `event.kind`,
//    `event.action`, `service.name`, `labels.architecture`, `message`), so Filebeat or Logstash
//    ingest it as is. Figures of their own go under `postoffice.*`: `postoffice.fault.kind/target/
//    peer` and a rebalance's `postoffice.rebalance.members/partitions/moved` (each only when known;
//    the JSON export gives the same as `fault_kind`, `fault_peer`, `members`, `partitions`, `moved`).
// Everything streams from the store to the file; nothing holds a whole run in memory. The file
// appears only when complete (QSaveFile), so a failed or cancelled export leaves no half file.

#include <QString>

#include <functional>

namespace postoffice::app {

class RunStore;

class Exporter
{
public:
    enum class Format { Csv, Json, Ndjson };

    // Called now and then with rows written so far and the total; return false to cancel.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    explicit Exporter(RunStore &store);

    void setProgress(Progress progress) { m_progress = std::move(progress); }
    bool write(Format format, qint64 runId, const QString &path);
    bool writeCsv(qint64 runId, const QString &path) { return write(Format::Csv, runId, path); }
    bool writeJson(qint64 runId, const QString &path) { return write(Format::Json, runId, path); }
    bool writeNdjson(qint64 runId, const QString &path) { return write(Format::Ndjson, runId, path); }

    QString errorString() const { return m_error; }
    bool cancelled() const { return m_cancelled; }

private:
    RunStore &m_store;
    Progress m_progress;
    QString m_error;
    bool m_cancelled = false;
};

} // namespace postoffice::app
