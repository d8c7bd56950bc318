#pragma once

// The reading end of a RunStore: the runs a file holds, and one run streamed second by second
// (its three sample tables walked in lockstep) or event by event, never loaded whole. A file of an
// earlier version opened read-only reads its missing columns as "no value".

#include "RunStore.h"
#include "RunStoreSchema.h"

#include <functional>
#include <optional>

namespace postoffice::app {

class RunDatabase;

class RunTableReader
{
public:
    RunTableReader(RunDatabase &db, RunStoreSchema::Columns columns) : m_db(db), m_columns(columns) {}

    std::optional<QList<RunStore::RunInfo>> runs();
    std::optional<qint64> latestRunId();
    std::optional<RunStore::RowCounts> rowCounts(qint64 runId);
    bool forEachSecond(qint64 runId, const std::function<bool(const RunStore::Second &)> &visit);
    bool forEachEvent(qint64 runId, const std::function<bool(const RunStore::EventRow &)> &visit);

private:
    RunDatabase &m_db;
    RunStoreSchema::Columns m_columns;
};

} // namespace postoffice::app
