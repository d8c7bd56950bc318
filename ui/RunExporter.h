#pragma once

// Writes a stored run out in the formats a user picks (File ▸ Export run…): CSV and JSON of the
// samples, the event log as NDJSON (app::Exporter), and a copy of the SQLite run database that
// `postoffice export --db` reads. Progress is reported as one figure over all files, and a cancel
// stops at the next row batch. Every file is written to a temporary file and renamed when whole,
// so a cancelled or failed export never leaves a half-written file.

#include <QFlags>
#include <QObject>
#include <QStringList>

namespace postoffice::app {
class RunStore;
}

namespace postoffice::ui {

class RunExporter : public QObject
{
    Q_OBJECT
public:
    enum Format { Csv = 1, Json = 2, Ndjson = 4, Sqlite = 8 };
    Q_DECLARE_FLAGS(Formats, Format)
    static constexpr Formats allFormats = Formats(Csv | Json | Ndjson | Sqlite);
    static constexpr int progressMaximum = 1000;

    RunExporter(app::RunStore &store, qint64 runId, QObject *parent = nullptr);

    // The file a format goes to: basePath without its extension + ".csv", ".json",
    // ".events.ndjson" or ".sqlite".
    static QString pathFor(const QString &basePath, Format format);
    // Writes the chosen formats in that order; stops at the first error or a cancel. Files
    // finished before that stay (they are complete), and writtenFiles() lists them.
    bool exportTo(const QString &basePath, Formats formats);

    QStringList writtenFiles() const { return m_written; }
    QString errorString() const { return m_error; }
    bool wasCancelled() const { return m_cancelled; }

public slots:
    void cancel() { m_cancelRequested = true; }

signals:
    // value in [0, progressMaximum] over the whole export; label names the file being written.
    void progress(int value, const QString &label);

private:
    bool copyDatabase(const QString &path, int step, int steps);
    bool report(int step, int steps, qint64 done, qint64 total, const QString &path);

    app::RunStore &m_store;
    qint64 m_runId;
    QStringList m_written;
    QString m_error;
    bool m_cancelled = false;
    bool m_cancelRequested = false;
};

} // namespace postoffice::ui

Q_DECLARE_OPERATORS_FOR_FLAGS(postoffice::ui::RunExporter::Formats)
