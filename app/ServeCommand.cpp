#include "ServeCommand.h"

#include "Cli.h"
#include "CliOutput.h"
#include "KafkaServer.h"
#include "PacedRun.h"
#include "RunRecorder.h"
#include "RunStore.h"
#include "ScenarioLoader.h"
#include "ScenarioLocator.h"
#include "Simulation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QSocketNotifier>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <optional>
#include <unistd.h>

namespace postoffice::app {

namespace {

const QString kCommand = QStringLiteral("serve");

const CliOutput kOutput(kCommand);

int badInput(const QString &message)
{
    return kOutput.badInput(message);
}

int failure(const QString &message)
{
    return kOutput.failure(message);
}

// SIGINT/SIGTERM become a byte on a pipe that the event loop watches (the self-pipe trick): the
// handler does nothing but write(), and the loop quits between two events, so the run store is
// flushed and closed normally.
int g_signalPipe[2] = {-1, -1};

extern "C" void onServeSignal(int)
{
    const int saved = errno;
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
    errno = saved;
}

class SignalPipe
{
public:
    SignalPipe()
    {
        if (::pipe(g_signalPipe) != 0)
            return;
        for (int fd : g_signalPipe)
            ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        struct sigaction action = {};
        action.sa_handler = onServeSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &action, &m_int);
        ::sigaction(SIGTERM, &action, &m_term);
        m_ok = true;
    }
    ~SignalPipe()
    {
        if (m_ok) {
            ::sigaction(SIGINT, &m_int, nullptr);
            ::sigaction(SIGTERM, &m_term, nullptr);
        }
        for (int &fd : g_signalPipe)
            if (fd >= 0) {
                ::close(fd);
                fd = -1;
            }
    }
    bool ok() const { return m_ok; }
    int readFd() const { return g_signalPipe[0]; }

private:
    bool m_ok = false;
    struct sigaction m_int = {};
    struct sigaction m_term = {};
};

// HOST:PORT, HOST alone or :PORT. HOST: an IPv4/IPv6 literal ([::1] with a port) or "localhost".
bool parseListen(const QString &text, QHostAddress *address, quint16 *port, QString *why)
{
    QString host = text;
    QString portText;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0) {
            *why = QStringLiteral("unbalanced '[' in '%1'").arg(text);
            return false;
        }
        host = text.mid(1, close - 1);
        const QString rest = text.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(u':')) {
                *why = QStringLiteral("expected ':PORT' after ']' in '%1'").arg(text);
                return false;
            }
            portText = rest.mid(1);
        }
    } else if (text.count(u':') == 1) {
        host = text.section(u':', 0, 0);
        portText = text.section(u':', 1);
    }
    if (host.isEmpty())
        host = QStringLiteral("127.0.0.1");
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    if (!address->setAddress(host)) {
        *why = QStringLiteral("'%1' is not an IP address (nor 'localhost')").arg(host);
        return false;
    }
    *port = 9092;
    if (!portText.isEmpty()) {
        bool ok = false;
        const uint value = portText.toUInt(&ok);
        if (!ok || value > 65535) {
            *why = QStringLiteral("'%1' is not a port number (0-65535)").arg(portText);
            return false;
        }
        *port = quint16(value);
    }
    return true;
}

} // namespace

int ServeCommand::exec(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Runs a scenario headless, paced to wall time, and accepts real Kafka clients on one\n"
        "architecture's simulated brokers: one port per broker, upward from --listen. A broker the\n"
        "scenario takes down closes its port until it is back. Prints \"listening on HOST:PORT\" per\n"
        "broker when ready; stops at the end of the run or on Ctrl-C/SIGTERM (run store flushed)."));
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("A scenario file or shipped name."));
    const QCommandLineOption listenOpt(
        QStringLiteral("listen"),
        QStringLiteral("First broker's address (default 127.0.0.1:9092; port 0: free ports)."),
        QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:9092"));
    const QCommandLineOption architectureOpt(
        QStringLiteral("architecture"),
        QStringLiteral("The architecture whose cluster clients reach (default: the first with topics)."),
        QStringLiteral("NAME"));
    const QCommandLineOption speedOpt(QStringLiteral("speed"),
                                      QStringLiteral("Simulated seconds per wall second (default 1)."),
                                      QStringLiteral("X"), QStringLiteral("1"));
    const QCommandLineOption durationOpt(
        QStringLiteral("duration"), QStringLiteral("Simulated seconds to run (default: the scenario's)."),
        QStringLiteral("S"));
    const QCommandLineOption dbOpt(QStringLiteral("db"),
                                   QStringLiteral("Run database (default: %1).").arg(RunStore::defaultPath()),
                                   QStringLiteral("FILE"));
    p.addOptions({listenOpt, architectureOpt, speedOpt, durationOpt, dbOpt});
    if (!p.parse(args))
        return badInput(p.errorText() + QStringLiteral("\nTry 'postoffice serve --help'."));
    if (p.isSet(QStringLiteral("help"))) {
        QString help = p.helpText();
        help.replace(0, help.indexOf(u'\n'), QStringLiteral("Usage: postoffice serve [options] scenario"));
        CliOutput::out(help);
        return Cli::Success;
    }

    // --- everything the user gave is checked before anything runs -----------------------------
    const QStringList positional = p.positionalArguments();
    if (positional.size() != 1)
        return badInput(QStringLiteral("expects exactly one SCENARIO\nTry 'postoffice serve --help'."));
    QHostAddress address;
    quint16 basePort = 0;
    QString why;
    if (!parseListen(p.value(listenOpt), &address, &basePort, &why))
        return badInput(QStringLiteral("--listen: %1").arg(why));
    bool ok = false;
    const double speed = p.value(speedOpt).toDouble(&ok);
    if (!ok || !std::isfinite(speed) || speed <= 0)
        return badInput(QStringLiteral("--speed expects a positive factor, got '%1'").arg(p.value(speedOpt)));
    SimulationOptions options;
    if (p.isSet(durationOpt)) {
        const double d = p.value(durationOpt).toDouble(&ok);
        if (!ok || !std::isfinite(d) || d <= 0)
            return badInput(QStringLiteral("--duration expects a positive number of seconds, got '%1'")
                                .arg(p.value(durationOpt)));
        options.duration_s = d;
    }

    const QString path = ScenarioLocator::resolve(positional[0]);
    if (!QFile::exists(path))
        return badInput(QStringLiteral("no scenario file '%1' (nor a shipped scenario of that name: %2)")
                            .arg(positional[0], ScenarioLocator::shippedNames().join(QStringLiteral(", "))));
    const ScenarioLoader::Result loaded = ScenarioLoader::load(path);
    for (const ScenarioIssue &issue : loaded.issues)
        CliOutput::err(issue.toString() + u'\n');
    if (!loaded.ok()) {
        if (loaded.errors().isEmpty())
            CliOutput::err(QStringLiteral("%1: not a usable scenario\n").arg(path));
        return Cli::BadInput;
    }
    QString scenarioText;
    if (QFile file(path); file.open(QIODevice::ReadOnly))
        scenarioText = QString::fromUtf8(file.readAll());
    Simulation simulation(*loaded.scenario, options);
    if (!simulation.isValid()) {
        CliOutput::err(QStringLiteral("%1: %2\n").arg(path, simulation.errorString()));
        return Cli::BadInput;
    }

    const QStringList architectures = simulation.architectures();
    int architecture = -1;
    if (p.isSet(architectureOpt)) {
        architecture = int(architectures.indexOf(p.value(architectureOpt)));
        if (architecture < 0)
            return badInput(
                QStringLiteral("no architecture '%1' in %2 (it has: %3)")
                    .arg(p.value(architectureOpt), path, architectures.join(QStringLiteral(", "))));
        if (!simulation.cluster(architecture))
            return badInput(QStringLiteral("architecture '%1' uses no topic: it has no broker for clients")
                                .arg(p.value(architectureOpt)));
    } else {
        for (int i = 0; i < architectures.size() && architecture < 0; ++i)
            if (simulation.cluster(i))
                architecture = i;
        if (architecture < 0)
            return badInput(
                QStringLiteral("%1: no architecture uses a topic, so there is no broker to serve").arg(path));
    }

    const QString dbPath = p.isSet(dbOpt) ? p.value(dbOpt) : RunStore::defaultPath();
    RunStore store;
    if (!store.open(dbPath)) {
        CliOutput::err(store.errorString() + u'\n');
        const RunStore::Error error = store.error();
        return error == RunStore::Error::NotADatabase || error == RunStore::Error::CannotOpen ? Cli::BadInput
                                                                                              : Cli::Failure;
    }

    // --- the run --------------------------------------------------------------------------------
    SignalPipe signalPipe;
    if (!signalPipe.ok())
        return failure(QStringLiteral("cannot watch for SIGINT/SIGTERM: %1").arg(qt_error_string(errno)));
    const auto runId = store.beginRun(RunRecorder::describe(simulation, scenarioText));
    if (!runId)
        return failure(store.errorString());
    RunRecorder recorder(store);
    simulation.setObserver(&recorder);
    // Faults of t = 0 (a broker that starts down) are in place before the first client connects.
    simulation.runUntil(0.0);

    KafkaServer server(simulation, architecture);
    QObject::connect(&server, &KafkaServer::listening, [](std::int32_t, const QString &host, quint16 port) {
        CliOutput::out(QStringLiteral("listening on %1:%2\n")
                           .arg(host.contains(u':') ? u'[' + host + u']' : host)
                           .arg(port));
    });
    QObject::connect(&server, &KafkaServer::brokerPortClosed, [](std::int32_t broker) {
        CliOutput::err(QStringLiteral("broker %1 is down: its port refuses connections\n").arg(broker));
    });
    QObject::connect(&server, &KafkaServer::protocolError,
                     [](const QString &text) { CliOutput::err(text + u'\n'); });
    QObject::connect(&server, &KafkaServer::groupEvent,
                     [](const QString &text) { CliOutput::err(text + u'\n'); });
    QObject::connect(&server, &KafkaServer::producerSeen, [](const QString &client, const QString &topic) {
        CliOutput::err(QStringLiteral("producer '%1' writes to %2\n").arg(client, topic));
    });
    CliOutput::err(QStringLiteral("serving architecture '%1' of %2 at %3x wall time\n")
                       .arg(architectures[architecture], path)
                       .arg(speed));
    if (!server.listen(address, basePort)) {
        store.finishRun(RunStore::Status::Aborted, {});
        return failure(server.errorString());
    }

    PacedRun paced(simulation, speed);
    bool interrupted = false;
    QSocketNotifier notifier(signalPipe.readFd(), QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, [&] {
        char drain[16];
        while (::read(signalPipe.readFd(), drain, sizeof drain) > 0) {
        }
        interrupted = true;
        QCoreApplication::exit(0);
    });
    QObject::connect(&paced, &PacedRun::advanced, &server, [&] {
        server.sync();
        if (!recorder.ok())
            QCoreApplication::exit(0);
    });
    QObject::connect(&paced, &PacedRun::finished, [] { QCoreApplication::exit(0); });
    paced.start();
    if (!simulation.finished())
        QCoreApplication::exec();
    paced.stop();
    server.stop();
    simulation.setObserver(nullptr);

    if (!recorder.ok()) {
        const QString error = store.errorString();
        store.finishRun(RunStore::Status::Aborted, {});
        return failure(error);
    }
    if (interrupted) {
        if (!store.finishRun(RunStore::Status::Aborted, {}))
            return failure(store.errorString());
        CliOutput::err(QStringLiteral("stopped at t=%1 s; kept as run %2 in '%3'\n")
                           .arg(qint64(simulation.now()))
                           .arg(*runId)
                           .arg(dbPath));
        return Cli::Success;
    }
    if (!store.finishRun(RunStore::Status::Finished, simulation.summaryJson()))
        return failure(store.errorString());
    CliOutput::err(QStringLiteral("run finished at t=%1 s; stored as run %2 in '%3'\n")
                       .arg(qint64(simulation.now()))
                       .arg(*runId)
                       .arg(dbPath));
    return Cli::Success;
}

} // namespace postoffice::app
