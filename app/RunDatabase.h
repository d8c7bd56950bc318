#pragma once

// The SQLite file behind a RunStore, through QtSql: opening it (with a message for every way a
// path can be unusable), running statements, and turning SQLite's errors into a RunStore error
// that names the file and what could not be done.

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <optional>

class QSqlError;

namespace postoffice::app {

class RunDatabase
{
public:
    enum class Error {
        None,
        CannotOpen,   // missing, a directory, or its directory cannot be created
        NotADatabase, // the file exists but is not SQLite (or not ours)
        Locked,       // another connection holds a lock longer than the busy timeout
        ReadOnly,     // the file or its directory cannot be written
        Full,         // disk (or the database's size limit) is full
        NoSuchRun,
        Io, // anything else SQLite reports
    };

    RunDatabase();
    RunDatabase(const RunDatabase &) = delete;
    RunDatabase &operator=(const RunDatabase &) = delete;

    // Opens the file (creating it and its directory unless readOnly) and reads it once, since
    // SQLite opens lazily; false with the error set when any of that fails.
    bool open(const QString &path, bool readOnly, int busyTimeoutMs);
    void close();
    bool isOpen() const { return m_open; }
    // Whether the file held no tables at all when it was opened (a new database).
    bool wasEmpty() const { return m_empty; }
    QSqlDatabase &db() { return m_db; }
    const QString &path() const { return m_path; }
    const QString &connectionName() const { return m_connection; }

    Error error() const { return m_error; }
    const QString &errorString() const { return m_errorString; }
    void clearError();
    // Always false, so that a step can `return fail(...)`.
    bool fail(Error error, const QString &message);
    // `what` completes "could not …"; Error::Io is refined from SQLite's result code.
    bool fail(Error error, const QString &what, const QSqlError &sqlError);
    bool exec(const QString &sql, const QString &what);
    bool prepare(QSqlQuery &query, const QString &sql, const QString &what);
    // Rolls back the transaction a failed step was in, keeping that step's error: always false.
    bool rollBack();
    // nullopt when the table does not exist (or cannot be read)
    std::optional<bool> hasColumn(const QString &table, const QString &column);

    static Error classify(const QSqlError &error);

private:
    QString m_path;
    QString m_connection;
    QSqlDatabase m_db;
    bool m_open = false;
    bool m_empty = false;
    Error m_error = Error::None;
    QString m_errorString;
};

} // namespace postoffice::app
