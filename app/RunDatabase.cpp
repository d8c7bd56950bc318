#include "RunDatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QVariant>

#include <atomic>

namespace postoffice::app {

namespace {

// SQLite's primary result codes (the low byte of an extended code).
enum SqliteCode {
    SqliteBusy = 5,
    SqliteLocked = 6,
    SqliteReadOnly = 8,
    SqliteIoErr = 10,
    SqliteCorrupt = 11,
    SqliteFull = 13,
    SqliteCantOpen = 14,
    SqliteNotADb = 26,
};

} // namespace

RunDatabase::RunDatabase()
{
    static std::atomic<int> counter{0};
    m_connection = QStringLiteral("postoffice-runstore-%1").arg(counter.fetch_add(1));
}

RunDatabase::Error RunDatabase::classify(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    if (!ok)
        return Error::Io;
    switch (code) {
    case SqliteBusy:
    case SqliteLocked:
        return Error::Locked;
    case SqliteReadOnly:
        return Error::ReadOnly;
    case SqliteFull:
        return Error::Full;
    case SqliteCantOpen:
        return Error::CannotOpen;
    case SqliteNotADb:
    case SqliteCorrupt:
        return Error::NotADatabase;
    default:
        return Error::Io;
    }
}

void RunDatabase::clearError()
{
    m_error = Error::None;
    m_errorString.clear();
}

bool RunDatabase::fail(Error error, const QString &message)
{
    m_error = error;
    m_errorString = message;
    return false;
}

bool RunDatabase::fail(Error error, const QString &what, const QSqlError &sqlError)
{
    const Error kind = error == Error::Io ? classify(sqlError) : error;
    const QString detail = sqlError.databaseText().isEmpty() ? sqlError.text() : sqlError.databaseText();
    QString message;
    switch (kind) {
    case Error::NotADatabase:
        message = QStringLiteral("'%1' is not a PostOffice run database (%2)").arg(m_path, detail);
        break;
    case Error::Locked:
        message = QStringLiteral("run database '%1' is locked by another program; could not %2 (%3)")
                      .arg(m_path, what, detail);
        break;
    case Error::Full:
        message = QStringLiteral("run database '%1': the disk is full; could not %2 (%3)")
                      .arg(m_path, what, detail);
        break;
    case Error::ReadOnly:
        message =
            QStringLiteral("run database '%1' is read-only; could not %2 (%3)").arg(m_path, what, detail);
        break;
    case Error::CannotOpen:
        message = QStringLiteral("cannot open run database '%1' (%2)").arg(m_path, detail);
        break;
    default:
        message = QStringLiteral("run database '%1': could not %2 (%3)").arg(m_path, what, detail);
        break;
    }
    return fail(kind, message);
}

bool RunDatabase::exec(const QString &sql, const QString &what)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return fail(Error::Io, what, q.lastError());
    return true;
}

bool RunDatabase::prepare(QSqlQuery &query, const QString &sql, const QString &what)
{
    query = QSqlQuery(m_db);
    if (!query.prepare(sql))
        return fail(Error::Io, what, query.lastError());
    return true;
}

bool RunDatabase::rollBack()
{
    const Error error = m_error;
    const QString message = m_errorString;
    exec(QStringLiteral("ROLLBACK"), QStringLiteral("roll back"));
    return fail(error, message);
}

std::optional<bool> RunDatabase::hasColumn(const QString &table, const QString &column)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)))
        return std::nullopt;
    bool any = false;
    while (q.next()) {
        any = true;
        if (q.value(1).toString() == column) // cid, name, type, notnull, dflt_value, pk
            return true;
    }
    if (!any) // no such table
        return std::nullopt;
    return false;
}

bool RunDatabase::open(const QString &path, bool readOnly, int busyTimeoutMs)
{
    close();
    m_path = path;
    clearError();

    const QFileInfo info(path);
    if (path.isEmpty())
        return fail(Error::CannotOpen, QStringLiteral("no run database file given"));
    if (info.isDir())
        return fail(Error::CannotOpen,
                    QStringLiteral("cannot open run database '%1': it is a directory").arg(path));
    if (readOnly && !info.exists())
        return fail(Error::CannotOpen,
                    QStringLiteral("cannot open run database '%1': no such file").arg(path));
    if (!readOnly) {
        const QString dir = info.absolutePath();
        if (!QDir().mkpath(dir))
            return fail(Error::CannotOpen,
                        QStringLiteral("cannot open run database '%1': cannot create the directory '%2'")
                            .arg(path, dir));
        // WAL keeps its -wal and -shm files beside the database, so the directory must be writable.
        if (!QFileInfo(dir).isWritable())
            return fail(
                Error::ReadOnly,
                QStringLiteral("run database '%1': the directory '%2' is not writable").arg(path, dir));
        if (info.exists() && !info.isWritable())
            return fail(Error::ReadOnly, QStringLiteral("run database '%1' is read-only").arg(path));
    }
    if (readOnly && !info.isReadable())
        return fail(Error::CannotOpen,
                    QStringLiteral("cannot open run database '%1': permission denied").arg(path));

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    if (!m_db.isValid())
        return fail(Error::Io,
                    QStringLiteral("run database '%1': the Qt SQLite driver (QSQLITE) is not available; "
                                   "install libqt6sql6-sqlite")
                        .arg(path));
    m_db.setDatabaseName(path);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(qMax(0, busyTimeoutMs));
    if (readOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    m_db.setConnectOptions(options);
    if (!m_db.open()) {
        fail(Error::CannotOpen, QStringLiteral("open"), m_db.lastError());
        close();
        return false;
    }
    m_open = true;

    // SQLite opens lazily: the first read is what finds out whether the file is a database at all.
    QSqlQuery probe(m_db);
    if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !probe.next()) {
        fail(Error::Io, QStringLiteral("read it"), probe.lastError());
        close();
        return false;
    }
    m_empty = probe.value(0).toInt() == 0;
    return true;
}

void RunDatabase::close()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
    }
    m_open = false;
}

} // namespace postoffice::app
