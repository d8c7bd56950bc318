#include "RunExporter.h"

#include "Exporter.h"
#include "RunStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace postoffice::ui {

RunExporter::RunExporter(app::RunStore &store, qint64 runId, QObject *parent)
    : QObject(parent), m_store(store), m_runId(runId)
{}

QString RunExporter::pathFor(const QString &basePath, Format format)
{
    const QFileInfo info(basePath);
    const QString stem =
        info.dir().filePath(info.suffix().isEmpty() ? info.fileName() : info.completeBaseName());
    switch (format) {
    case Csv:
        return stem + QStringLiteral(".csv");
    case Json:
        return stem + QStringLiteral(".json");
    case Ndjson:
        return stem + QStringLiteral(".events.ndjson");
    case Sqlite:
        return stem + QStringLiteral(".sqlite");
    }
    return stem;
}

bool RunExporter::report(int step, int steps, qint64 done, qint64 total, const QString &path)
{
    const double fraction = total > 0 ? double(done) / double(total) : 1.0;
    emit progress(int((step + fraction) / steps * progressMaximum),
                  tr("Writing %1…").arg(QDir::toNativeSeparators(path)));
    return !m_cancelRequested;
}

bool RunExporter::exportTo(const QString &basePath, Formats formats)
{
    m_written.clear();
    m_error.clear();
    m_cancelled = false;
    m_cancelRequested = false;
    QList<Format> chosen;
    for (Format f : {Csv, Json, Ndjson, Sqlite})
        if (formats.testFlag(f))
            chosen << f;
    for (int step = 0; step < chosen.size(); ++step) {
        const Format format = chosen[step];
        const QString path = pathFor(basePath, format);
        if (!report(step, int(chosen.size()), 0, 1, path)) {
            m_cancelled = true;
            break;
        }
        bool ok = false;
        if (format == Sqlite) {
            ok = copyDatabase(path, step, int(chosen.size()));
        } else {
            app::Exporter exporter(m_store);
            exporter.setProgress([&](qint64 done, qint64 total) {
                return report(step, int(chosen.size()), done, total, path);
            });
            const app::Exporter::Format f = format == Csv    ? app::Exporter::Format::Csv
                                            : format == Json ? app::Exporter::Format::Json
                                                             : app::Exporter::Format::Ndjson;
            ok = exporter.write(f, m_runId, path);
            m_cancelled = exporter.cancelled();
            if (!ok && !m_cancelled)
                m_error = exporter.errorString();
        }
        if (m_cancelled || !ok)
            break;
        m_written << path;
    }
    if (m_cancelled)
        m_error = tr("Export cancelled");
    if (m_error.isEmpty())
        emit progress(progressMaximum, tr("Done"));
    return m_error.isEmpty();
}

bool RunExporter::copyDatabase(const QString &path, int step, int steps)
{
    // VACUUM INTO writes a consistent, compact copy that includes what still sits in the WAL; it
    // goes to a private folder first, then is copied into place through QSaveFile so that the
    // target appears only when whole, also across file systems.
    QTemporaryDir scratch;
    if (!scratch.isValid()) {
        m_error = tr("Cannot write '%1': no temporary folder (%2)").arg(path, scratch.errorString());
        return false;
    }
    const QString snapshot = scratch.filePath(QStringLiteral("run.sqlite"));
    QSqlQuery vacuum(QSqlDatabase::database(m_store.connectionName(), false));
    if (!vacuum.prepare(QStringLiteral("VACUUM INTO ?"))) {
        m_error = tr("Cannot copy the run database to '%1': %2").arg(path, vacuum.lastError().text());
        return false;
    }
    vacuum.addBindValue(snapshot);
    if (!vacuum.exec()) {
        m_error = tr("Cannot copy the run database to '%1': %2").arg(path, vacuum.lastError().text());
        return false;
    }
    QFile in(snapshot);
    QSaveFile out(path);
    if (!in.open(QIODevice::ReadOnly)) {
        m_error = tr("Cannot copy the run database to '%1': %2").arg(path, in.errorString());
        return false;
    }
    if (!out.open(QIODevice::WriteOnly)) {
        m_error = tr("Cannot write '%1': %2").arg(path, out.errorString());
        return false;
    }
    const qint64 total = in.size();
    constexpr qint64 chunk = 1 << 20;
    for (qint64 done = 0; done < total;) {
        const QByteArray bytes = in.read(chunk);
        if (bytes.isEmpty() || out.write(bytes) != bytes.size()) {
            m_error = tr("Cannot write '%1': %2").arg(path, out.errorString());
            out.cancelWriting();
            return false;
        }
        done += bytes.size();
        if (!report(step, steps, done, total, path)) {
            m_cancelled = true;
            out.cancelWriting();
            return false;
        }
    }
    if (!out.commit()) {
        m_error = tr("Cannot write '%1': %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

} // namespace postoffice::ui
