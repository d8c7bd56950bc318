#include "Cli.h"

#include "CliOutput.h"

#include "Exporter.h"
#include "ProgressBar.h"
#include "RunRecorder.h"
#include "RunStore.h"
#include "ScenarioLoader.h"
#include "ScenarioLocator.h"
#include "ServeCommand.h"
#include "Simulation.h"
#include "SummaryTable.h"
#include "WatchCommand.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QThread>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <optional>

namespace postoffice::app {

namespace {

int badInput(const QString &command, const QString &message)
{
    return CliOutput(command).badInput(message);
}

int failure(const QString &command, const QString &message)
{
    return CliOutput(command).failure(message);
}

// Ctrl-C during a run: stop between steps, keep what was measured, mark the run aborted.
std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int)
{
    g_interrupted = true;
}

class InterruptGuard
{
public:
    InterruptGuard()
    {
        g_interrupted = false;
        m_int = std::signal(SIGINT, onInterrupt);
        m_term = std::signal(SIGTERM, onInterrupt);
    }
    ~InterruptGuard()
    {
        std::signal(SIGINT, m_int);
        std::signal(SIGTERM, m_term);
    }

private:
    void (*m_int)(int) = nullptr;
    void (*m_term)(int) = nullptr;
};

// A subcommand's parser: its own --help, and "postoffice <command>" in the usage line.
class CommandParser
{
public:
    CommandParser(const QString &command, const QString &description) : m_command(command)
    {
        m_parser.setApplicationDescription(description);
        m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        m_parser.addHelpOption();
    }
    QCommandLineParser &parser() { return m_parser; }

    // nullopt: go on; otherwise the exit code (help printed, or a usage error reported).
    std::optional<int> parse(const QStringList &args)
    {
        if (!m_parser.parse(args))
            return badInput(m_command, m_parser.errorText() +
                                           QStringLiteral("\nTry 'postoffice %1 --help'.").arg(m_command));
        if (m_parser.isSet(QStringLiteral("help"))) {
            QString help = m_parser.helpText();
            const qsizetype eol = help.indexOf(u'\n');
            const QString firstLine = help.left(eol);
            help.replace(0, eol,
                         QStringLiteral("Usage: postoffice %1").arg(m_command) +
                             firstLine.mid(firstLine.indexOf(u' ', QStringLiteral("Usage: ").size())));
            CliOutput::out(help);
            return Cli::Success;
        }
        return std::nullopt;
    }

private:
    QString m_command;
    QCommandLineParser m_parser;
};

// An output file named on the command line must be creatable: checked before any work, so that a
// typo costs nothing and nothing is half written.
std::optional<QString> outputProblem(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return QStringLiteral("cannot write '%1': it is a directory").arg(path);
    if (!info.absoluteDir().exists())
        return QStringLiteral("cannot write '%1': the directory '%2' does not exist")
            .arg(path, info.absolutePath());
    return std::nullopt;
}

int storeExitCode(RunStore::Error error)
{
    // A file that is not a run database, or a path that cannot be one, is the user's input.
    return error == RunStore::Error::NotADatabase || error == RunStore::Error::CannotOpen ? Cli::BadInput
                                                                                          : Cli::Failure;
}

struct LoadedScenario
{
    QString path; // resolved (a file, or ":/scenarios/NAME.json")
    QString text;
    Scenario scenario;
};

// Loads and checks a scenario argument; on failure prints every problem and returns nullopt.
std::optional<LoadedScenario> loadScenario(const QString &command, const QString &argument)
{
    LoadedScenario loaded;
    loaded.path = ScenarioLocator::resolve(argument);
    if (!QFile::exists(loaded.path)) {
        badInput(command, QStringLiteral("no scenario file '%1' (nor a shipped scenario of that name: %2)")
                              .arg(argument, ScenarioLocator::shippedNames().join(QStringLiteral(", "))));
        return std::nullopt;
    }
    const ScenarioLoader::Result result = ScenarioLoader::load(loaded.path);
    for (const ScenarioIssue &issue : result.issues)
        CliOutput::err(issue.toString() + u'\n');
    if (!result.ok()) {
        if (result.errors().isEmpty()) // never silent, even if the loader gave no reason
            CliOutput::err(QStringLiteral("%1: not a usable scenario\n").arg(loaded.path));
        return std::nullopt;
    }
    loaded.scenario = *result.scenario;
    QFile file(loaded.path);
    if (file.open(QIODevice::ReadOnly))
        loaded.text = QString::fromUtf8(file.readAll());
    return loaded;
}

// The engine may refuse what the loader accepted (it builds the worlds); that is bad input too.
bool engineAccepts(const Simulation &simulation, const QString &path)
{
    if (simulation.isValid())
        return true;
    CliOutput::err(QStringLiteral("%1: %2\n").arg(path, simulation.errorString()));
    return false;
}

// Every file option reads "--name FILE".
QCommandLineOption fileOption(const QString &name, const QString &description)
{
    return QCommandLineOption(name, description, QStringLiteral("FILE"));
}

bool writeJsonFile(const QString &path, const QJsonObject &object, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(object).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QString eventsPerSecond(double events, double seconds)
{
    if (seconds <= 0)
        return QString();
    const double rate = events / seconds;
    return rate >= 1e6 ? QStringLiteral("%1 M events/s").arg(rate / 1e6, 0, 'f', 1)
                       : QStringLiteral("%1 k events/s").arg(rate / 1e3, 0, 'f', 0);
}

} // namespace

bool Cli::isHeadlessCommand(const QString &command)
{
    static const QStringList headless = {QStringLiteral("run"),    QStringLiteral("validate"),
                                         QStringLiteral("export"), QStringLiteral("serve"),
                                         QStringLiteral("watch"),  QStringLiteral("help"),
                                         QStringLiteral("--help"), QStringLiteral("-h")};
    return headless.contains(command);
}

bool Cli::hasDisplay()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    // Platforms that draw without a display server (offscreen rendering, VNC, framebuffers).
    static const QStringList displayless = {QStringLiteral("offscreen"), QStringLiteral("minimal"),
                                            QStringLiteral("vnc"), QStringLiteral("linuxfb"),
                                            QStringLiteral("eglfs")};
    const QString platform = qEnvironmentVariable("QT_QPA_PLATFORM").section(u':', 0, 0);
    return !qEnvironmentVariable("DISPLAY").isEmpty() || !qEnvironmentVariable("WAYLAND_DISPLAY").isEmpty() ||
           displayless.contains(platform);
#else
    return true;
#endif
}

QString Cli::usage()
{
    QString shipped = ScenarioLocator::shippedNames().join(QStringLiteral(", "));
    if (shipped.isEmpty())
        shipped = QStringLiteral("(none built in)");
    return QStringLiteral(
               "Usage: postoffice [COMMAND] [ARGUMENTS]\n"
               "Simulates an online shop's order flow twice, tight-coupled and decoupled through a "
               "Kafka-style\n"
               "broker, under the same traffic and faults, and shows the difference.\n"
               "\n"
               "Commands:\n"
               "  (none)                      open the GUI on the default scenario\n"
               "  gui [SCENARIO]              open the GUI on a scenario\n"
               "  run SCENARIO [options]      run headless: progress bar on a terminal, summary table at the "
               "end\n"
               "  validate SCENARIO           check a scenario; print each problem with its JSON path\n"
               "  export --db FILE [--run ID] (--csv FILE | --json FILE | --ndjson FILE)\n"
               "                              write a stored run as CSV, JSON or an NDJSON event log\n"
               "  snapshot SCENARIO --at S --png FILE [--size WxH]\n"
               "                              run to time S headless and render the main window\n"
               "  serve SCENARIO [--listen HOST:PORT] [--architecture NAME] [--speed X] [--duration S]\n"
               "                              run paced to wall time; real Kafka clients connect (one port\n"
               "                              per simulated broker, from 127.0.0.1:9092 up)\n"
               "  watch --bootstrap HOST:PORT[,...] [--config FILE] [--interval-ms N] [--db FILE] "
               "[--duration S]\n"
               "                              watch a real Kafka cluster through librdkafka; stores it like "
               "a run\n"
               "\n"
               "SCENARIO is a file or the name of a shipped scenario: %1.\n"
               "'postoffice COMMAND --help' lists a command's options.\n"
               "Exit codes: 0 success, 2 bad input (message on stderr), 1 anything else.\n")
        .arg(shipped);
}

int Cli::exec(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    const QStringList rest = arguments.mid(1); // QCommandLineParser skips the first entry
    if (command == QLatin1String("run"))
        return run(rest);
    if (command == QLatin1String("validate"))
        return validate(rest);
    if (command == QLatin1String("export"))
        return exportRun(rest);
    if (command == QLatin1String("serve"))
        return ServeCommand().exec(rest);
    if (command == QLatin1String("watch"))
        return WatchCommand::exec(rest);
    if (command == QLatin1String("help") || command == QLatin1String("--help") ||
        command == QLatin1String("-h")) {
        CliOutput::out(usage());
        return Success;
    }
    CliOutput::err(QStringLiteral("postoffice: unknown command '%1'\n\n").arg(command) + usage());
    return BadInput;
}

int Cli::validate(const QStringList &args)
{
    const QString cmd = QStringLiteral("validate");
    CommandParser cp(cmd,
                     QStringLiteral("Checks a scenario file completely and prints each problem on stderr as\n"
                                    "FILE: $.json.path: what was expected. Prints \"ok\" if there is none."));
    cp.parser().addPositionalArgument(QStringLiteral("scenario"),
                                      QStringLiteral("A scenario file or shipped name."));
    if (const auto done = cp.parse(args))
        return *done;
    const QStringList positional = cp.parser().positionalArguments();
    if (positional.size() != 1)
        return badInput(cmd,
                        QStringLiteral("expects exactly one SCENARIO\nTry 'postoffice validate --help'."));
    const auto loaded = loadScenario(cmd, positional[0]);
    if (!loaded)
        return BadInput;
    if (!engineAccepts(Simulation(loaded->scenario), loaded->path))
        return BadInput;
    CliOutput::out(QStringLiteral("ok\n"));
    return Success;
}

int Cli::run(const QStringList &args)
{
    const QString cmd = QStringLiteral("run");
    CommandParser cp(
        cmd, QStringLiteral("Runs a scenario headless: every architecture under the same traffic and\n"
                            "faults. Stores the run (samples, events, summary) in the run database,\n"
                            "prints a side-by-side summary table on stdout."));
    QCommandLineParser &p = cp.parser();
    p.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("A scenario file or shipped name."));
    const QCommandLineOption durationOpt(
        QStringLiteral("duration"), QStringLiteral("Simulated seconds to run (default: the scenario's)."),
        QStringLiteral("S"));
    const QCommandLineOption seedOpt(QStringLiteral("seed"),
                                     QStringLiteral("Random seed (default: the scenario's)."),
                                     QStringLiteral("N"));
    const QCommandLineOption speedOpt(QStringLiteral("speed"),
                                      QStringLiteral("'max' (default) or simulated seconds per wall second."),
                                      QStringLiteral("max|X"), QStringLiteral("max"));
    const QCommandLineOption dbOpt = fileOption(
        QStringLiteral("db"), QStringLiteral("Run database (default: %1).").arg(RunStore::defaultPath()));
    const QCommandLineOption csvOpt =
        fileOption(QStringLiteral("csv"), QStringLiteral("Also write the run's samples as tidy CSV."));
    const QCommandLineOption jsonOpt =
        fileOption(QStringLiteral("json"), QStringLiteral("Write the summary JSON (DESIGN.md §8)."));
    const QCommandLineOption quietOpt(QStringLiteral("quiet"),
                                      QStringLiteral("No progress bar and no table; errors only."));
    p.addOptions({durationOpt, seedOpt, speedOpt, dbOpt, csvOpt, jsonOpt, quietOpt});
    if (const auto done = cp.parse(args))
        return *done;

    // --- everything the user gave is checked before anything runs or is written ---------------
    const QStringList positional = p.positionalArguments();
    if (positional.size() != 1)
        return badInput(cmd, QStringLiteral("expects exactly one SCENARIO\nTry 'postoffice run --help'."));
    SimulationOptions options;
    if (p.isSet(durationOpt)) {
        bool ok = false;
        const double d = p.value(durationOpt).toDouble(&ok);
        if (!ok || !std::isfinite(d) || d <= 0)
            return badInput(cmd, QStringLiteral("--duration expects a positive number of seconds, got '%1'")
                                     .arg(p.value(durationOpt)));
        options.duration_s = d;
    }
    if (p.isSet(seedOpt)) {
        bool ok = false;
        const quint64 seed = p.value(seedOpt).toULongLong(&ok);
        if (!ok)
            return badInput(
                cmd, QStringLiteral("--seed expects a non-negative integer, got '%1'").arg(p.value(seedOpt)));
        options.seed = seed;
    }
    double speed = 0; // 0: as fast as possible
    if (p.value(speedOpt) != QLatin1String("max")) {
        bool ok = false;
        speed = p.value(speedOpt).toDouble(&ok);
        if (!ok || !std::isfinite(speed) || speed <= 0)
            return badInput(cmd, QStringLiteral("--speed expects 'max' or a positive factor, got '%1'")
                                     .arg(p.value(speedOpt)));
    }
    for (const auto &opt : {csvOpt, jsonOpt})
        if (p.isSet(opt))
            if (const auto problem = outputProblem(p.value(opt)))
                return badInput(cmd, *problem);
    const auto loaded = loadScenario(cmd, positional[0]);
    if (!loaded)
        return BadInput;
    Simulation simulation(loaded->scenario, options);
    if (!engineAccepts(simulation, loaded->path))
        return BadInput;
    const QString dbPath = p.isSet(dbOpt) ? p.value(dbOpt) : RunStore::defaultPath();
    RunStore store;
    if (!store.open(dbPath)) {
        CliOutput::err(store.errorString() + u'\n');
        return storeExitCode(store.error());
    }

    // --- the run --------------------------------------------------------------------------------
    const auto runId = store.beginRun(RunRecorder::describe(simulation, loaded->text));
    if (!runId)
        return failure(cmd, store.errorString());
    RunRecorder recorder(store);
    simulation.setObserver(&recorder);
    const bool quiet = p.isSet(quietOpt);
    ProgressBar bar(stderr, !quiet && ProgressBar::isTerminal(stderr));
    InterruptGuard interruptGuard;
    QElapsedTimer wall;
    wall.start();
    const double duration = simulation.duration();
    // Steps small enough for a live progress bar and a prompt Ctrl-C, large enough to cost nothing.
    const double step = speed > 0 ? speed * 0.05 : qMax(1.0, std::ceil(duration / 500.0));
    while (!simulation.finished() && recorder.ok() && !g_interrupted) {
        const double target = qMin(duration, simulation.now() + step);
        simulation.runUntil(target);
        if (speed > 0) { // paced: simulated time follows the wall clock at `speed`
            const qint64 due = qint64(target / speed * 1000.0);
            if (due > wall.elapsed())
                QThread::msleep(quint64(due - wall.elapsed()));
        }
        bar.update(simulation.now() / duration,
                   QStringLiteral("t=%1/%2 s  %3")
                       .arg(qint64(simulation.now()))
                       .arg(qint64(duration))
                       .arg(eventsPerSecond(double(simulation.eventsProcessed()), wall.elapsed() / 1000.0)),
                   simulation.finished()); // the last frame always shows the bar full
    }
    bar.finish();
    simulation.setObserver(nullptr);

    if (!recorder.ok()) {
        const QString error = store.errorString();
        store.finishRun(RunStore::Status::Aborted, {});
        return failure(cmd, error);
    }
    if (g_interrupted) {
        if (!store.finishRun(RunStore::Status::Aborted, {}))
            return failure(cmd, store.errorString());
        return failure(
            cmd,
            QStringLiteral("interrupted at t=%1 s; the samples so far are kept as aborted run %2 in '%3'")
                .arg(qint64(simulation.now()))
                .arg(*runId)
                .arg(dbPath));
    }
    const QJsonObject summaryJson = simulation.summaryJson();
    if (!store.finishRun(RunStore::Status::Finished, summaryJson))
        return failure(cmd, store.errorString());

    if (!quiet)
        CliOutput::out(SummaryTable::format(simulation.summary()));
    QString error;
    if (p.isSet(jsonOpt) && !writeJsonFile(p.value(jsonOpt), summaryJson, &error))
        return failure(cmd, error);
    if (p.isSet(csvOpt)) {
        Exporter exporter(store);
        if (!exporter.writeCsv(*runId, p.value(csvOpt)))
            return failure(cmd, exporter.errorString());
    }
    if (!quiet)
        CliOutput::err(QStringLiteral("Stored as run %1 in '%2'.\n").arg(*runId).arg(dbPath));
    return Success;
}

int Cli::exportRun(const QStringList &args)
{
    const QString cmd = QStringLiteral("export");
    CommandParser cp(
        cmd, QStringLiteral("Writes a stored run: samples as tidy CSV (t_s,architecture,node,metric,value)\n"
                            "or JSON (run, scenario, summary, samples, events); the event log as NDJSON\n"
                            "with ECS field names, which Filebeat/Logstash ingest as is."));
    QCommandLineParser &p = cp.parser();
    const QCommandLineOption dbOpt =
        fileOption(QStringLiteral("db"), QStringLiteral("Run database to read."));
    const QCommandLineOption runOpt(
        QStringLiteral("run"), QStringLiteral("Run id (default: the latest run)."), QStringLiteral("ID"));
    const QCommandLineOption csvOpt =
        fileOption(QStringLiteral("csv"), QStringLiteral("Write the samples as tidy CSV."));
    const QCommandLineOption jsonOpt =
        fileOption(QStringLiteral("json"), QStringLiteral("Write run, summary, samples and events as JSON."));
    const QCommandLineOption ndjsonOpt =
        fileOption(QStringLiteral("ndjson"), QStringLiteral("Write the event log as NDJSON (ECS) for ELK."));
    p.addOptions({dbOpt, runOpt, csvOpt, jsonOpt, ndjsonOpt});
    if (const auto done = cp.parse(args))
        return *done;

    if (!p.positionalArguments().isEmpty())
        return badInput(cmd, QStringLiteral("unexpected argument '%1'\nTry 'postoffice export --help'.")
                                 .arg(p.positionalArguments().first()));
    if (!p.isSet(dbOpt))
        return badInput(cmd, QStringLiteral("--db FILE is required\nTry 'postoffice export --help'."));
    const std::pair<QCommandLineOption, Exporter::Format> outputs[] = {{csvOpt, Exporter::Format::Csv},
                                                                       {jsonOpt, Exporter::Format::Json},
                                                                       {ndjsonOpt, Exporter::Format::Ndjson}};
    bool anyOutput = false;
    for (const auto &[opt, format] : outputs) {
        if (!p.isSet(opt))
            continue;
        anyOutput = true;
        if (const auto problem = outputProblem(p.value(opt)))
            return badInput(cmd, *problem);
    }
    if (!anyOutput)
        return badInput(cmd, QStringLiteral("nothing to write: give --csv, --json or --ndjson FILE"));
    std::optional<qint64> runId;
    if (p.isSet(runOpt)) {
        bool ok = false;
        runId = p.value(runOpt).toLongLong(&ok);
        if (!ok || *runId <= 0)
            return badInput(cmd,
                            QStringLiteral("--run expects a positive run id, got '%1'").arg(p.value(runOpt)));
    }

    RunStore store;
    if (!store.open(p.value(dbOpt), RunStore::Mode::ReadOnly)) {
        CliOutput::err(store.errorString() + u'\n');
        return storeExitCode(store.error());
    }
    if (!runId)
        runId = store.latestRunId();
    if (!runId || !store.run(*runId)) {
        CliOutput::err(store.errorString() + u'\n');
        return store.error() == RunStore::Error::NoSuchRun ? BadInput : Failure;
    }

    ProgressBar bar(stderr, ProgressBar::isTerminal(stderr));
    Exporter exporter(store);
    for (const auto &[opt, format] : outputs) {
        if (!p.isSet(opt))
            continue;
        const QString path = p.value(opt);
        exporter.setProgress([&](qint64 done, qint64 total) {
            bar.update(total > 0 ? double(done) / double(total) : 1.0, QFileInfo(path).fileName());
            return true;
        });
        const bool ok = exporter.write(format, *runId, path);
        bar.finish();
        if (!ok)
            return failure(cmd, exporter.errorString());
    }
    return Success;
}

} // namespace postoffice::app
