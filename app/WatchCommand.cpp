#include "WatchCommand.h"

#include "Cli.h"
#include "CliOutput.h"
#include "ClusterWatcher.h"
#include "RdkafkaClient.h"
#include "RunStore.h"
#include "ScenarioWriter.h"
#include "WatchRecorder.h"
#include "WhatIfScenario.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>

namespace postoffice::app {

namespace {

const QString kCmd = QStringLiteral("watch");

const CliOutput kOutput(kCmd);

int badInput(const QString &message)
{
    return kOutput.badInput(message);
}

int failure(const QString &message)
{
    return kOutput.failure(message);
}

std::atomic<bool> g_stopRequested{false};

extern "C" void onStopSignal(int)
{
    g_stopRequested = true;
}

class SignalGuard
{
public:
    SignalGuard()
    {
        g_stopRequested = false;
        m_int = std::signal(SIGINT, onStopSignal);
        m_term = std::signal(SIGTERM, onStopSignal);
    }
    ~SignalGuard()
    {
        std::signal(SIGINT, m_int);
        std::signal(SIGTERM, m_term);
    }
    SignalGuard(const SignalGuard &) = delete;
    SignalGuard &operator=(const SignalGuard &) = delete;

private:
    void (*m_int)(int) = nullptr;
    void (*m_term)(int) = nullptr;
};

QString rate(double perS)
{
    return std::isfinite(perS) ? QString::number(perS, 'f', perS < 10 ? 1 : 0) + QStringLiteral("/s")
                               : QStringLiteral("?/s");
}

QString statusLine(const ClusterObservation &o)
{
    int partitions = 0, underReplicated = 0;
    QStringList topics;
    for (const auto &t : o.topics) {
        partitions += int(t.partitions.size());
        for (const auto &p : t.partitions)
            underReplicated += p.underReplicated() ? 1 : 0;
        topics << QStringLiteral("%1 %2").arg(t.name, rate(t.ingressPerS));
    }
    QStringList groups;
    for (const auto &g : o.groups) {
        QString s = QStringLiteral("%1 lag %2").arg(g.id).arg(g.lag);
        if (std::isfinite(g.lagSeconds))
            s += QStringLiteral(" (%1 s)").arg(g.lagSeconds, 0, 'f', 1);
        s += QStringLiteral(" out %1").arg(rate(g.egressPerS));
        if (g.membersKnown)
            s += QStringLiteral(" %1 members").arg(g.members.size());
        s += u' ' + groupStatusName(g.status);
        groups << s;
    }
    return QStringLiteral(
               "%1  t=%2s  brokers %3/%4 up%5  topics %6 (%7 partitions, %8 under-replicated)%9%10\n")
        .arg(o.at.toLocalTime().toString(QStringLiteral("HH:mm:ss")))
        .arg(o.elapsedMs / 1000)
        .arg(o.brokersUp())
        .arg(o.brokers.size())
        .arg(o.controllerId >= 0 ? QStringLiteral(", controller %1").arg(o.controllerId) : QString())
        .arg(o.topics.size())
        .arg(partitions)
        .arg(underReplicated)
        .arg(topics.isEmpty() ? QString() : QStringLiteral(": ") + topics.join(QStringLiteral(", ")))
        .arg(groups.isEmpty() ? QString() : QStringLiteral("  groups: ") + groups.join(QStringLiteral("; ")));
}

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

} // namespace

int WatchCommand::exec(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Watches a real Kafka cluster through librdkafka: brokers, topics, partitions (leaders,\n"
        "ISR, log start and end), consumer groups (members, committed offsets, lag in records\n"
        "and seconds, Burrow-style status), and events as they happen. Keeps the watch in the\n"
        "run database like a run, so 'postoffice export' writes it too."));
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    p.addHelpOption();
    const QCommandLineOption bootstrapOpt(
        QStringLiteral("bootstrap"), QStringLiteral("The cluster's bootstrap servers (bootstrap.servers)."),
        QStringLiteral("HOST:PORT[,...]"));
    const QCommandLineOption configOpt(
        QStringLiteral("config"),
        QStringLiteral("Client properties for librdkafka, key=value per line (security.protocol, sasl.*, "
                       "ssl.*). Secrets are never stored or printed."),
        QStringLiteral("FILE"));
    const QCommandLineOption intervalOpt(QStringLiteral("interval-ms"),
                                         QStringLiteral("Time between polls (default 1000, at least 100)."),
                                         QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption dbOpt(QStringLiteral("db"),
                                   QStringLiteral("Run database (default: %1).").arg(RunStore::defaultPath()),
                                   QStringLiteral("FILE"));
    const QCommandLineOption durationOpt(QStringLiteral("duration"),
                                         QStringLiteral("Stop after S seconds (default: at Ctrl-C)."),
                                         QStringLiteral("S"));
    const QCommandLineOption groupOpt(
        QStringLiteral("group"),
        QStringLiteral(
            "Also watch this consumer group, for clusters that do not list it (ACLs, old brokers). "
            "Repeatable."),
        QStringLiteral("NAME"));
    const QCommandLineOption scenarioOpt(
        QStringLiteral("save-scenario"),
        QStringLiteral("At the end, write a what-if scenario of the observed "
                       "cluster (replay it with 'postoffice run')."),
        QStringLiteral("FILE"));
    const QCommandLineOption quietOpt(QStringLiteral("quiet"),
                                      QStringLiteral("No status line per poll; events and errors only."));
    p.addOptions({bootstrapOpt, configOpt, intervalOpt, dbOpt, durationOpt, groupOpt, scenarioOpt, quietOpt});
    if (!p.parse(args))
        return badInput(p.errorText() + QStringLiteral("\nTry 'postoffice watch --help'."));
    if (p.isSet(QStringLiteral("help"))) {
        QString help = p.helpText();
        help.replace(0, help.indexOf(u'\n'), QStringLiteral("Usage: postoffice watch [options]"));
        CliOutput::out(help);
        return Cli::Success;
    }

    // --- everything the user gave is checked before anything is contacted or written ----------
    if (!p.positionalArguments().isEmpty())
        return badInput(QStringLiteral("unexpected argument '%1'\nTry 'postoffice watch --help'.")
                            .arg(p.positionalArguments().first()));
    WatchConfig config;
    config.bootstrap = p.value(bootstrapOpt).trimmed();
    if (!p.isSet(bootstrapOpt))
        return badInput(
            QStringLiteral("--bootstrap HOST:PORT[,...] is required\nTry 'postoffice watch --help'."));
    if (const auto problem = WatchConfig::bootstrapProblem(config.bootstrap))
        return badInput(*problem);
    bool ok = false;
    config.intervalMs = p.value(intervalOpt).toInt(&ok);
    if (!ok || config.intervalMs < 100 || config.intervalMs > 3600000)
        return badInput(
            QStringLiteral("--interval-ms expects a number of milliseconds from 100 to 3600000, got '%1'")
                .arg(p.value(intervalOpt)));
    double duration = 0.0;
    if (p.isSet(durationOpt)) {
        duration = p.value(durationOpt).toDouble(&ok);
        if (!ok || !std::isfinite(duration) || duration <= 0)
            return badInput(QStringLiteral("--duration expects a positive number of seconds, got '%1'")
                                .arg(p.value(durationOpt)));
    }
    for (const QString &g : p.values(groupOpt))
        if (!g.trimmed().isEmpty() && !config.extraGroups.contains(g.trimmed()))
            config.extraGroups << g.trimmed();
    if (p.isSet(configOpt)) {
        if (const auto problem = config.loadProperties(p.value(configOpt)))
            return badInput(*problem);
        if (const auto problem = RdkafkaClient::configProblem(config))
            return badInput(QStringLiteral("%1: %2").arg(p.value(configOpt), *problem));
    }
    if (p.isSet(scenarioOpt))
        if (const auto problem = outputProblem(p.value(scenarioOpt)))
            return badInput(*problem);
    const QString dbPath = p.isSet(dbOpt) ? p.value(dbOpt) : RunStore::defaultPath();
    RunStore store;
    if (!store.open(dbPath)) {
        CliOutput::err(store.errorString() + u'\n');
        return store.error() == RunStore::Error::NotADatabase || store.error() == RunStore::Error::CannotOpen
                   ? Cli::BadInput
                   : Cli::Failure;
    }

    // --- the watch ------------------------------------------------------------------------------
    WatchRecorder recorder(store);
    const auto runId = recorder.begin(config, duration);
    if (!runId)
        return failure(store.errorString());
    const bool quiet = p.isSet(quietOpt);
    if (!quiet)
        CliOutput::err(
            QStringLiteral("postoffice watch: watching %1 every %2 ms%3; run %4 in '%5'\n")
                .arg(config.bootstrap)
                .arg(config.intervalMs)
                .arg(config.properties.empty() ? QString() : QStringLiteral(" with ") + config.describe())
                .arg(*runId)
                .arg(dbPath));

    WhatIfScenario whatIf;
    ClusterWatcher watcher;
    QEventLoop loop;
    bool storeOk = true;
    QString storeError;
    QObject::connect(&watcher, &ClusterWatcher::observed, &loop, [&](ClusterObservationPtr o) {
        whatIf.add(*o);
        if (storeOk && !recorder.record(*o)) {
            storeOk = false;
            storeError = recorder.errorString();
            watcher.stop();
        }
        if (!quiet)
            CliOutput::out(statusLine(*o));
    });
    QObject::connect(&watcher, &ClusterWatcher::eventDetected, &loop, [&](const ClusterEvent &e) {
        if (storeOk && !recorder.recordEvent(e)) {
            storeOk = false;
            storeError = recorder.errorString();
            watcher.stop();
        }
        CliOutput::out(QStringLiteral("%1  event %2: %3\n")
                           .arg(e.at.toLocalTime().toString(QStringLiteral("HH:mm:ss")),
                                ClusterEvent::kindName(e.kind), e.text));
    });
    QObject::connect(&watcher, &ClusterWatcher::problem, &loop, [&](const QString &message) {
        CliOutput::err(QStringLiteral("postoffice watch: %1\n").arg(message));
    });
    QObject::connect(&watcher, &ClusterWatcher::recovered, &loop, [&](const QString &message) {
        CliOutput::err(QStringLiteral("postoffice watch: %1\n").arg(message));
    });
    QObject::connect(&watcher, &ClusterWatcher::stopped, &loop, &QEventLoop::quit);

    SignalGuard signalGuard;
    QTimer signalCheck;
    QObject::connect(&signalCheck, &QTimer::timeout, &loop, [&] {
        if (g_stopRequested)
            watcher.stop();
    });
    signalCheck.start(100);
    QTimer durationTimer;
    durationTimer.setSingleShot(true);
    QObject::connect(&durationTimer, &QTimer::timeout, &loop, [&] { watcher.stop(); });
    if (duration > 0)
        durationTimer.start(int(std::min(duration * 1000.0, 2.0e9)));

    watcher.start(config);
    loop.exec();
    watcher.waitForStopped(-1);

    // --- the end --------------------------------------------------------------------------------
    if (!storeOk) {
        recorder.finish(false);
        return failure(storeError);
    }
    if (!watcher.everReached()) {
        if (!recorder.finish(false))
            return failure(recorder.errorString());
        return failure(
            QStringLiteral("never reached the cluster at %1%2; nothing was observed (run %3 kept as "
                           "aborted)")
                .arg(config.bootstrap)
                .arg(duration > 0 ? QStringLiteral(" within %1 s").arg(duration) : QString())
                .arg(*runId));
    }
    if (!recorder.finish(true))
        return failure(recorder.errorString());
    if (p.isSet(scenarioOpt)) {
        QString error;
        const Scenario scenario =
            whatIf.scenario(QStringLiteral("Observed cluster %1").arg(config.bootstrap));
        if (!ScenarioWriter::save(scenario, p.value(scenarioOpt), &error))
            return failure(error);
        if (!quiet)
            CliOutput::err(QStringLiteral("postoffice watch: what-if scenario written to '%1'\n")
                               .arg(p.value(scenarioOpt)));
    }
    return Cli::Success;
}

} // namespace postoffice::app
