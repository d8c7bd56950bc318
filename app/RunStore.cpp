#include "RunStore.h"

#include "RunTableReader.h"
#include "RunTableWriter.h"

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

namespace postoffice::app {

RunStore::RunStore() : m_writer(std::make_unique<RunTableWriter>(m_db)) {}

RunStore::~RunStore()
{
    // A run still open here was interrupted (an error unwound the caller): keep what was measured.
    if (m_writer->currentRun() != 0)
        finishRun(Status::Aborted, {});
    close();
}

QString RunStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("runs.sqlite"));
}

QString RunStore::statusName(Status status)
{
    switch (status) {
    case Status::Running:
        return QStringLiteral("running");
    case Status::Finished:
        return QStringLiteral("finished");
    case Status::Aborted:
        return QStringLiteral("aborted");
    }
    return {};
}

bool RunStore::open(const QString &path, Mode mode, int busyTimeoutMs)
{
    close();
    m_mode = mode;
    if (!m_db.open(path, mode == Mode::ReadOnly, busyTimeoutMs))
        return false;
    if ((!m_db.wasEmpty() || mode == Mode::ReadOnly) && !RunStoreSchema::isOurs(m_db)) {
        close();
        return false;
    }
    if (mode == Mode::ReadWrite) {
        QSqlQuery wal(m_db.db());
        if (!wal.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !wal.next()) {
            m_db.fail(Error::Io, QStringLiteral("switch to WAL mode"), wal.lastError());
            close();
            return false;
        }
        wal.finish();
        if (!m_db.exec(QStringLiteral("PRAGMA synchronous=NORMAL"),
                       QStringLiteral("set synchronous=NORMAL")) ||
            !RunStoreSchema::create(m_db) || !m_writer->prepare()) {
            const auto error = m_db.error();
            const auto message = m_db.errorString();
            close();
            return fail(error, message);
        }
    }
    m_columns = RunStoreSchema::columns(m_db);
    return true;
}

void RunStore::close()
{
    m_writer->close();
    m_db.close();
}

std::optional<qint64> RunStore::beginRun(const NewRun &run)
{
    if (!m_db.isOpen() || m_mode != Mode::ReadWrite) {
        fail(Error::Io, QStringLiteral("run database '%1' is not open for writing").arg(m_db.path()));
        return std::nullopt;
    }
    return m_writer->beginRun(run);
}

bool RunStore::addSecond(qint64 second, const std::vector<ArchitectureSample> &samples)
{
    return m_writer->addSecond(second, samples);
}

bool RunStore::addEvent(const SimEvent &event)
{
    return m_writer->addEvent(event);
}

bool RunStore::addEvent(const SimEvent &event, const QString &kindName)
{
    return m_writer->addEvent(event, kindName);
}

bool RunStore::extendLayout(const Layout &layout)
{
    return m_writer->extendLayout(layout);
}

bool RunStore::flush()
{
    return m_writer->flush();
}

bool RunStore::saveSummary(const QJsonObject &summary)
{
    return m_writer->saveSummary(summary);
}

bool RunStore::finishRun(Status status, const QJsonObject &summary)
{
    return m_writer->finishRun(status, summary);
}

qint64 RunStore::currentRun() const
{
    return m_writer->currentRun();
}

void RunStore::setFlushEverySeconds(int seconds)
{
    m_writer->setFlushEverySeconds(seconds);
}

int RunStore::flushEverySeconds() const
{
    return m_writer->flushEverySeconds();
}

std::optional<QList<RunStore::RunInfo>> RunStore::runs()
{
    return RunTableReader(m_db, m_columns).runs();
}

std::optional<qint64> RunStore::latestRunId()
{
    return RunTableReader(m_db, m_columns).latestRunId();
}

std::optional<RunStore::RunInfo> RunStore::run(qint64 id)
{
    const auto all = runs();
    if (!all)
        return std::nullopt;
    for (const RunInfo &r : *all)
        if (r.id == id)
            return r;
    fail(Error::NoSuchRun, QStringLiteral("run database '%1' has no run %2").arg(m_db.path()).arg(id));
    return std::nullopt;
}

std::optional<RunStore::RowCounts> RunStore::rowCounts(qint64 runId)
{
    return RunTableReader(m_db, m_columns).rowCounts(runId);
}

bool RunStore::forEachSecond(qint64 runId, const std::function<bool(const Second &)> &visit)
{
    return RunTableReader(m_db, m_columns).forEachSecond(runId, visit);
}

bool RunStore::forEachEvent(qint64 runId, const std::function<bool(const EventRow &)> &visit)
{
    return RunTableReader(m_db, m_columns).forEachEvent(runId, visit);
}

std::optional<QString> RunStore::integrityCheck()
{
    QSqlQuery q(m_db.db());
    if (!m_db.isOpen() || !q.exec(QStringLiteral("PRAGMA integrity_check"))) {
        m_db.fail(Error::Io, QStringLiteral("check its integrity"), q.lastError());
        return std::nullopt;
    }
    QStringList lines;
    while (q.next())
        lines << q.value(0).toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace postoffice::app
