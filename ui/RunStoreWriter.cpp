#include "RunStoreWriter.h"

#include <QFile>

namespace postoffice::ui {

bool RunStoreWriter::begin(const QString &path, const app::RunStore::NewRun &run)
{
    m_store.close();
    m_runId = 0;
    m_ok = false;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    if (!m_store.open(path))
        return false;
    if (const std::optional<qint64> id = m_store.beginRun(run)) {
        m_runId = *id;
        m_ok = true;
    }
    return m_ok;
}

void RunStoreWriter::addSecond(qint64 second, const std::vector<app::ArchitectureSample> &samples)
{
    m_ok = m_ok && m_store.addSecond(second, samples);
}

void RunStoreWriter::addEvent(const app::SimEvent &event)
{
    m_ok = m_ok && m_store.addEvent(event);
}

void RunStoreWriter::finish(const QJsonObject &summary)
{
    m_ok = m_ok && m_store.finishRun(app::RunStore::Status::Finished, summary);
}

void RunStoreWriter::saveSummary(const QJsonObject &summary)
{
    m_ok = m_ok && m_store.saveSummary(summary);
}

bool RunStoreWriter::flush()
{
    m_ok = m_ok && m_store.flush();
    return m_ok;
}

} // namespace postoffice::ui
