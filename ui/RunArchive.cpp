#include "RunArchive.h"

#include "RunRecorder.h"
#include "RunStoreWriter.h"
#include "ScenarioWriter.h"
#include "Simulation.h"
#include "SimulationController.h"

#include <QDir>

namespace postoffice::ui {

RunArchive::RunArchive(SimulationController *controller, QObject *parent)
    : QObject(parent), m_controller(controller), m_tempRoot(QDir::tempPath()),
      m_dir(m_tempRoot + QStringLiteral("/postoffice-run-XXXXXX"))
{
    m_thread.setObjectName(QStringLiteral("RunArchive"));
    m_writer = new RunStoreWriter;
    m_writer->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_writer, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);

    connect(controller, &SimulationController::scenarioLoaded, this, &RunArchive::startRun);
    connect(controller, &SimulationController::sampled, this,
            [this](qint64 second, const std::vector<app::ArchitectureSample> &samples) {
                post([second, samples](RunStoreWriter &w) { w.addSecond(second, samples); });
            });
    connect(controller, &SimulationController::eventOccurred, this,
            [this](const app::SimEvent &event) { post([event](RunStoreWriter &w) { w.addEvent(event); }); });
    connect(controller, &SimulationController::finished, this, [this] {
        const app::Simulation *sim = m_controller->simulation();
        if (!m_finished && sim) {
            m_finished = true;
            post([summary = sim->summaryJson()](RunStoreWriter &w) { w.finish(summary); });
        }
    });
    if (controller->simulation())
        startRun();
}

RunArchive::~RunArchive()
{
    call([](RunStoreWriter &w) { w.close(); });
    m_thread.quit();
    m_thread.wait();
}

void RunArchive::post(std::function<void(RunStoreWriter &)> work)
{
    QMetaObject::invokeMethod(
        m_writer, [writer = m_writer, work = std::move(work)] { work(*writer); }, Qt::QueuedConnection);
}

void RunArchive::call(const std::function<void(RunStoreWriter &)> &work) const
{
    QMetaObject::invokeMethod(
        m_writer, [this, &work] { work(*m_writer); }, Qt::BlockingQueuedConnection);
}

QString RunArchive::databasePath() const
{
    return m_dir.filePath(QStringLiteral("run.sqlite"));
}

qint64 RunArchive::runId() const
{
    qint64 id = 0;
    call([&id](RunStoreWriter &w) { id = w.runId(); });
    return id;
}

bool RunArchive::isOk() const
{
    bool ok = false;
    call([&ok](RunStoreWriter &w) { ok = w.isOk(); });
    return ok && m_dir.isValid();
}

bool RunArchive::flush()
{
    const app::Simulation *sim = m_controller->simulation();
    QJsonObject soFar;
    if (!m_finished && sim && sim->isValid())
        soFar = sim->summaryJson();
    bool ok = false;
    call([&ok, &soFar](RunStoreWriter &w) {
        if (!soFar.isEmpty() && w.runId() != 0)
            w.saveSummary(soFar);
        ok = w.flush();
    });
    return ok && m_dir.isValid();
}

QString RunArchive::errorString() const
{
    if (!m_dir.isValid())
        return tr("Cannot create a folder for the run database in %1: %2")
            .arg(QDir::toNativeSeparators(m_tempRoot), m_dir.errorString());
    QString error;
    call([&error](RunStoreWriter &w) { error = w.errorString(); });
    return error;
}

void RunArchive::startRun()
{
    m_finished = false;
    const app::Simulation *sim = m_controller->simulation();
    if (!sim || !sim->isValid() || !m_dir.isValid()) {
        call([](RunStoreWriter &w) { w.close(); });
        return;
    }
    const QString text = QString::fromUtf8(app::ScenarioWriter::toBytes(sim->scenario()));
    const app::RunStore::NewRun run = app::RunRecorder::describe(*sim, text);
    // Blocking: what was queued for the previous run lands in its database, not in this one.
    call([&](RunStoreWriter &w) { w.begin(databasePath(), run); });
}

} // namespace postoffice::ui
