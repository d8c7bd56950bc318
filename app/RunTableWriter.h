#pragma once

// The writing end of a RunStore: one run at a time — its row in runs, its series, and its samples
// and events buffered and written whole seconds at a time, each batch in one transaction that also
// advances runs.flushed_s (the crash-safety promise of RunStore).

#include "RunStore.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace postoffice::app {

class RunDatabase;

class RunTableWriter
{
public:
    explicit RunTableWriter(RunDatabase &db) : m_db(db) {}

    // Prepares the insert statements once the tables exist.
    bool prepare();
    // Drops the statements and anything not yet written (the database is about to close).
    void close();

    std::optional<qint64> beginRun(const RunStore::NewRun &run);
    bool addSecond(qint64 second, const std::vector<ArchitectureSample> &samples);
    bool addEvent(const SimEvent &event, const QString &kindName = {});
    bool extendLayout(const RunStore::Layout &layout);
    bool flush();
    bool saveSummary(const QJsonObject &summary);
    bool finishRun(RunStore::Status status, const QJsonObject &summary);
    qint64 currentRun() const { return m_runId; }

    void setFlushEverySeconds(int seconds) { m_flushEvery = qMax(1, seconds); }
    int flushEverySeconds() const { return m_flushEvery; }

private:
    bool noRun();
    bool ensureSeries(qint64 runId);
    std::optional<qint64> insertSeries(qint64 runId, const QString &architecture, const QString &kind,
                                       const QString &name);
    bool writePending();
    void clearPending();
    QString architectureName(int index) const;

    RunDatabase &m_db;
    qint64 m_runId = 0;
    RunStore::Layout m_layout;
    // Series ids by engine index, so that a sample row needs no string lookups.
    std::vector<std::vector<qint64>> m_nodeSeries;  // [architecture][node]
    std::vector<std::vector<qint64>> m_groupSeries; // [architecture][group]
    std::vector<qint64> m_orderSeries;              // [architecture]

    struct Inserter
    {
        QSqlQuery query;
        QStringList names; // its placeholders, ":column"
    };
    Inserter m_insertNodes;
    Inserter m_insertLags;
    Inserter m_insertOrders;
    QSqlQuery m_insertEvent;
    QSqlQuery m_updateFlushed;

    std::vector<std::pair<qint64, std::vector<ArchitectureSample>>> m_pendingSeconds;
    std::vector<std::pair<SimEvent, QString>> m_pendingEvents; // with its kind's name if not SimEventKind's
    qint64 m_lastSecond = 0;
    int m_flushEvery = 60;
    QElapsedTimer m_sinceFlush;
};

} // namespace postoffice::app
