#include "RunArchive.h"

#include "RunRecorder.h"
#include "ScenarioWriter.h"
#include "Simulation.h"
#include "SimulationController.h"

#include <QDir>
#include <QFile>

namespace postoffice::ui {

RunArchive::RunArchive(SimulationController *controller, QObject *parent)
    : QObject(parent), m_controller(controller),
      m_dir(QDir::tempPath() + QStringLiteral("/postoffice-run-XXXXXX"))
{
    connect(controller, &SimulationController::scenarioLoaded, this, &RunArchive::startRun);
    connect(controller, &SimulationController::sampled, this,
            [this](qint64 second, const std::vector<app::ArchitectureSample> &samples) {
                if (m_ok)
                    check(m_store.addSecond(second, samples));
            });
    connect(controller, &SimulationController::eventOccurred, this, [this](const app::SimEvent &event) {
        if (m_ok)
            check(m_store.addEvent(event));
    });
    connect(controller, &SimulationController::finished, this, [this] {
        const app::Simulation *sim = m_controller->simulation();
        if (m_ok && !m_finished && sim) {
            m_finished = true;
            check(m_store.finishRun(app::RunStore::Status::Finished, sim->summaryJson()));
        }
    });
    if (controller->simulation())
        startRun();
}

RunArchive::~RunArchive()
{
    m_store.close();
}

QString RunArchive::errorString() const
{
    if (!m_dir.isValid())
        return tr("Cannot create a folder for the run database in %1: %2")
            .arg(QDir::tempPath(), m_dir.errorString());
    return m_store.errorString();
}

void RunArchive::check(bool ok)
{
    m_ok = m_ok && ok;
}

bool RunArchive::flush()
{
    if (m_ok)
        check(m_store.flush());
    return m_ok;
}

void RunArchive::startRun()
{
    const app::Simulation *sim = m_controller->simulation();
    m_store.close();
    m_runId = 0;
    m_finished = false;
    m_ok = false;
    if (!sim || !sim->isValid() || !m_dir.isValid())
        return;
    const QString path = m_dir.filePath(QStringLiteral("run.sqlite"));
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    if (!m_store.open(path))
        return;
    const QString text = QString::fromUtf8(app::ScenarioWriter::toBytes(sim->scenario()));
    if (const std::optional<qint64> id = m_store.beginRun(app::RunRecorder::describe(*sim, text))) {
        m_runId = *id;
        m_ok = true;
    }
}

} // namespace postoffice::ui
