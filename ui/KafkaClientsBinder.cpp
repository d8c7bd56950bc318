#include "KafkaClientsBinder.h"

#include "ArchitectureStyle.h"
#include "Cluster.h"
#include "ExternalClientsOverlay.h"
#include "GraphScene.h"
#include "KafkaClientsDialog.h"
#include "KafkaConnection.h"
#include "KafkaRequestRouter.h"
#include "KafkaServer.h"
#include "LiveState.h"
#include "MainWindow.h"
#include "ScenarioGroupBridge.h"
#include "Simulation.h"
#include "SimulationController.h"
#include "WireGroupCoordinator.h"

#include <QAction>
#include <QLabel>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>

#include <set>

namespace postoffice::ui {

namespace {

constexpr int statusTimeoutMs = 8000;
// Paused while serving: how often requests waiting on wall time (Fetch max.wait.ms) are answered
// and the cards follow what clients do.
constexpr int idleIntervalMs = 50;

QString hostText(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                               : address.toString();
}

QString topicList(const QStringList &topics)
{
    return topics.join(QStringLiteral(", "));
}

} // namespace

KafkaClientsBinder::KafkaClientsBinder(MainWindow *window, SimulationController *controller,
                                       EventLogModel *log, QObject *parent)
    : QObject(parent), m_window(window), m_controller(controller), m_log(log)
{
    m_action = new QAction(tr("Accept &Kafka Clients…"), this);
    m_action->setCheckable(true);
    m_action->setObjectName(QStringLiteral("acceptKafkaClientsAction"));
    m_action->setToolTip(tr("Let real Kafka clients (kcat, librdkafka, Java, Python…) produce to and consume "
                            "from this run's simulated brokers"));
    connect(m_action, &QAction::triggered, this, &KafkaClientsBinder::onTriggered);

    m_status = new QLabel(window);
    m_status->setObjectName(QStringLiteral("kafkaClientsStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse); // addresses are copied into terminals
    m_status->hide();
    window->statusBar()->addPermanentWidget(m_status);

    m_overlay = new ExternalClientsOverlay(this);
    m_idle = new QTimer(this);
    m_idle->setInterval(idleIntervalMs);
    connect(m_idle, &QTimer::timeout, this, [this] {
        if (!m_server || m_controller->isPlaying())
            return;
        m_server->sync();
        refresh();
        emit viewsStale();
    });

    connect(m_controller, &SimulationController::advanced, this, [this] {
        if (m_server)
            m_server->sync();
    });
    connect(m_controller, &SimulationController::updated, this, [this] {
        if (m_server)
            refresh();
    });
    // A last line of defence: whatever rebuilds the simulation, the server lets go of it first.
    connect(m_controller, &SimulationController::aboutToRebuild, this, [this] {
        if (!m_server)
            return;
        stop();
        if (m_window)
            m_window->statusBar()->showMessage(
                tr("The run was rebuilt: Kafka clients were disconnected and no longer accepted."),
                statusTimeoutMs);
    });
    connect(m_controller, &SimulationController::rewindRefused, this, [this](const QString &reason) {
        if (m_window)
            m_window->statusBar()->showMessage(reason, statusTimeoutMs);
    });
    connect(m_controller, &SimulationController::speedChanged, this, &KafkaClientsBinder::onSpeedChanged);
}

KafkaClientsBinder::~KafkaClientsBinder()
{
    // Owners call stop() while the controller lives; here its signals are no longer wanted.
    if (m_server)
        m_server->disconnect(this);
    m_server.reset();
}

QString KafkaClientsBinder::rewindBlockedReason()
{
    return tr("Real Kafka clients are connected to this run: their records cannot be simulated again, so "
              "the run cannot go back while it accepts them (Run ▸ Accept Kafka Clients to stop).");
}

void KafkaClientsBinder::addRewindAction(QAction *action)
{
    m_rewindActions << action;
}

void KafkaClientsBinder::setRewindActionsEnabled(bool enabled)
{
    for (const QPointer<QAction> &a : std::as_const(m_rewindActions)) {
        if (!a)
            continue;
        a->setEnabled(enabled);
        // The reason goes where the user looks when an item is greyed out; restored afterwards.
        if (!enabled) {
            a->setProperty("toolTipBeforeKafkaClients", a->toolTip());
            a->setToolTip(rewindBlockedReason());
        } else if (a->property("toolTipBeforeKafkaClients").isValid()) {
            a->setToolTip(a->property("toolTipBeforeKafkaClients").toString());
        }
    }
}

void KafkaClientsBinder::onTriggered(bool checked)
{
    if (!checked) {
        stop();
        return;
    }
    const QSignalBlocker block(m_action);
    m_action->setChecked(false); // until it really listens
    app::Simulation *sim = m_controller->simulation();
    if (!sim || !m_window)
        return;
    QList<bool> withBrokers;
    const QStringList names = m_controller->architectures();
    for (int i = 0; i < names.size(); ++i)
        withBrokers << (sim->cluster(i) != nullptr);
    if (!withBrokers.contains(true)) {
        QMessageBox::information(m_window, tr("Accept Kafka Clients"),
                                 tr("No architecture of this scenario uses a topic, so it has no broker for "
                                    "Kafka clients to connect to."));
        return;
    }
    KafkaClientsDialog dialog(names, withBrokers, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    Options options;
    options.address = dialog.address();
    options.basePort = dialog.basePort();
    options.architecture = dialog.architecture();
    start(options);
}

bool KafkaClientsBinder::start(const Options &options, QString *error)
{
    stop();
    app::Simulation *sim = m_controller->simulation();
    QString why;
    int architecture = options.architecture;
    if (!sim || !sim->isValid()) {
        why = tr("There is no run to serve.");
    } else {
        if (architecture < 0)
            for (int i = 0; i < m_controller->architectures().size() && architecture < 0; ++i)
                if (sim->cluster(i))
                    architecture = i;
        if (architecture < 0 || architecture >= m_controller->architectures().size())
            why = tr("No architecture of this scenario uses a topic: there is no broker for Kafka clients.");
        else if (!sim->cluster(architecture))
            why = tr("The %1 architecture uses no topic: it has no broker for Kafka clients.")
                      .arg(ArchitectureStyle::label(m_controller->architectures()[architecture]));
    }
    if (why.isEmpty()) {
        // Faults due at the current time (a broker that starts down) are in place before anyone connects.
        if (m_controller->now() == 0.0)
            m_controller->advanceTo(0.0);
        m_server = std::make_unique<app::KafkaServer>(*sim, architecture);
        m_architecture = architecture;
        app::KafkaServer *server = m_server.get();
        connect(
            server, &app::KafkaServer::listening, this,
            [this](std::int32_t broker, const QString &, quint16 port) {
                const bool reopened = m_brokerOpen.count(broker) && !m_brokerOpen[broker];
                m_brokerOpen[broker] = true;
                if (reopened)
                    log(EventLogModel::ClientEvent::Connection,
                        tr("Broker %1 is back: port %2 accepts Kafka clients again").arg(broker).arg(port));
                updateStatus();
            });
        connect(server, &app::KafkaServer::brokerPortClosed, this, [this](std::int32_t broker) {
            m_brokerOpen[broker] = false;
            log(EventLogModel::ClientEvent::Connection,
                tr("Broker %1 is down: its port %2 refuses Kafka clients, whose connections to it drop")
                    .arg(broker)
                    .arg(m_server ? m_server->port(broker) : 0));
            updateStatus();
        });
        connect(server, &app::KafkaServer::clientConnected, this, &KafkaClientsBinder::onConnected);
        connect(server, &app::KafkaServer::clientDisconnected, this, &KafkaClientsBinder::onDisconnected);
        connect(server, &app::KafkaServer::producerSeen, this,
                [this](const QString &client, const QString &topic) {
                    QStringList &topics = m_producers[client];
                    if (!topics.contains(topic))
                        topics << topic;
                    log(EventLogModel::ClientEvent::Connection,
                        tr("Producer “%1” writes to %2: its records are real records of the simulated topic")
                            .arg(client, topic));
                    refresh();
                });
        connect(server, &app::KafkaServer::groupEvent, this, [this](const QString &text) {
            log(EventLogModel::ClientEvent::Group, text);
            refresh();
        });
        connect(server, &app::KafkaServer::protocolError, this,
                [this](const QString &text) { log(EventLogModel::ClientEvent::ProtocolError, text); });
        m_starting = true;
        const bool ok = server->listen(options.address, options.basePort);
        m_starting = false;
        if (!ok) {
            why = tr("Cannot accept Kafka clients: %1. Another program (a Kafka broker, another PostOffice) "
                     "may be using the port: choose another first port, or 0 for free ones.")
                      .arg(server->errorString());
            m_server.reset();
            m_brokerOpen.clear();
            m_architecture = -1;
        }
    }
    if (!why.isEmpty()) {
        if (m_window)
            m_window->statusBar()->showMessage(why, statusTimeoutMs);
        if (error)
            *error = why;
        else if (m_window)
            QMessageBox::warning(m_window, tr("Cannot accept Kafka clients"), why);
        return false;
    }

    m_controller->setRewindBlocked(rewindBlockedReason());
    setRewindActionsEnabled(false);
    {
        const QSignalBlocker block(m_action);
        m_action->setChecked(true);
    }
    const QString arch = m_controller->architectures()[m_architecture];
    if (m_window)
        m_overlay->setScene(m_window->graphScene(arch));
    m_idle->start();
    log(EventLogModel::ClientEvent::Connection,
        tr("Accepting Kafka clients at %1 (one port per broker of the %2 architecture)")
            .arg(addressText(), ArchitectureStyle::label(arch)));
    updateStatus();
    emit servingChanged(true);
    return true;
}

void KafkaClientsBinder::stop()
{
    if (!m_server)
        return;
    const QString addresses = addressText();
    // Connections close now (their clients see the brokers go away); signals of that are not news.
    m_server->disconnect(this);
    m_server->stop();
    m_server.reset();
    m_idle->stop();
    if (m_connections > 0)
        m_controller->setSpeed(m_speedBefore);
    m_connections = 0;
    m_producers.clear();
    m_clientIds.clear();
    m_liveByClient.clear();
    m_brokerOpen.clear();
    m_overlay->clear();
    m_controller->setRewindBlocked(QString());
    setRewindActionsEnabled(true);
    {
        const QSignalBlocker block(m_action);
        m_action->setChecked(false);
    }
    log(EventLogModel::ClientEvent::Connection,
        tr("No longer accepting Kafka clients: %1 closed, clients disconnected").arg(addresses));
    m_architecture = -1;
    updateStatus();
    emit servingChanged(false);
    if (m_restartPending) {
        m_restartPending = false;
        emit restartRequested();
    }
}

QString KafkaClientsBinder::addressText() const
{
    if (!m_server)
        return {};
    const QString host = hostText(m_server->address());
    std::vector<quint16> ports;
    const app::Simulation *sim = m_controller->simulation();
    const broker::Cluster *cluster = sim ? sim->cluster(m_architecture) : nullptr;
    for (std::int32_t b = 0; cluster && b < cluster->brokerCount(); ++b)
        if (const quint16 p = m_server->port(b))
            ports.push_back(p);
    if (ports.empty())
        return host;
    bool consecutive = true;
    for (size_t i = 1; i < ports.size(); ++i)
        consecutive = consecutive && ports[i] == ports[i - 1] + 1;
    if (ports.size() == 1)
        return QStringLiteral("%1:%2").arg(host).arg(ports.front());
    if (consecutive)
        return QStringLiteral("%1:%2–%3").arg(host).arg(ports.front()).arg(ports.back());
    QStringList each;
    for (quint16 p : ports)
        each << QString::number(p);
    return QStringLiteral("%1:%2").arg(host, each.join(QStringLiteral(", ")));
}

void KafkaClientsBinder::updateStatus()
{
    if (!m_server) {
        m_status->hide();
        m_status->clear();
        return;
    }
    QString text = tr("Kafka clients: %1").arg(addressText());
    QStringList down;
    for (const auto &[broker, open] : m_brokerOpen)
        if (!open)
            down << tr("broker %1 down").arg(broker);
    if (!down.isEmpty())
        text += QStringLiteral(" (%1)").arg(down.join(QStringLiteral(", ")));
    text += m_connections == 0   ? tr(" · waiting for clients")
            : m_connections == 1 ? tr(" · 1 connection, paced to 1×")
                                 : tr(" · %1 connections, paced to 1×").arg(m_connections);
    m_status->setText(text);
    m_status->setToolTip(tr("Bootstrap servers for your clients, e.g.  kcat -b %1 -L\n%2")
                             .arg(m_server->address().toString() + u':' + QString::number(m_server->port(0)),
                                  rewindBlockedReason()));
    m_status->show();
}

void KafkaClientsBinder::log(EventLogModel::ClientEvent kind, const QString &text)
{
    if (m_log)
        m_log->appendClientEvent(m_controller->now(), m_architecture, kind, text);
}

void KafkaClientsBinder::learnClientIds()
{
    if (!m_server)
        return;
    // A client opens a connection to every broker it needs (librdkafka: bootstrap, then leaders and
    // the group coordinator). The log names the client once, when its first connection says who it
    // is (the client.id comes with its first request), and once more when its last one closes.
    for (const app::KafkaConnection *c : m_server->findChildren<app::KafkaConnection *>()) {
        if (c->clientId().empty() || !c->isOpen() || m_clientIds.count(c->id()))
            continue;
        const QString name = QString::fromStdString(c->clientId());
        m_clientIds[c->id()] = name;
        if (m_liveByClient[name]++ == 0)
            log(EventLogModel::ClientEvent::Connection,
                tr("Kafka client “%1” connected from %2 (to broker %3)")
                    .arg(name, c->peer())
                    .arg(c->brokerId()));
    }
}

QString KafkaClientsBinder::clientName(quint64 connection) const
{
    const auto it = m_clientIds.find(connection);
    return it == m_clientIds.end() ? QString() : it->second;
}

void KafkaClientsBinder::onConnected(quint64, std::int32_t, const QString &)
{
    if (m_connections++ == 0) {
        // Real clients time out, retry and heartbeat in wall time: the run keeps their pace.
        m_speedBefore = m_controller->speed();
        m_controller->setSpeed(1.0);
        if (!m_controller->isPlaying())
            m_controller->play();
    }
    updateStatus();
}

void KafkaClientsBinder::onDisconnected(quint64 connection, std::int32_t broker, const QString &peer)
{
    learnClientIds();
    const QString name = clientName(connection);
    m_clientIds.erase(connection);
    // A connection that never said who it is (a port scan, a client giving up at once) is no news;
    // a client is news when its last connection closes.
    if (!name.isEmpty() && m_liveByClient.count(name) && --m_liveByClient[name] == 0) {
        m_liveByClient.erase(name);
        log(EventLogModel::ClientEvent::Connection,
            tr("Kafka client “%1” disconnected (last connection from %2, to broker %3)")
                .arg(name, peer)
                .arg(broker));
    }
    if (m_connections > 0 && --m_connections == 0) {
        m_controller->setSpeed(m_speedBefore);
        if (m_window)
            m_window->statusBar()->showMessage(
                tr("The last Kafka client left: the run is back at the speed it had (%1×).")
                    .arg(m_speedBefore),
                statusTimeoutMs);
    }
    updateStatus();
    refresh();
}

void KafkaClientsBinder::onSpeedChanged(double factor)
{
    if (!m_server || m_connections == 0 || factor == 1.0)
        return;
    // Faster, a real client's timeouts would lapse in simulated time before it could answer. A
    // chosen speed is what to go back to when the clients leave; "Run until" asks for 0 only for
    // its own run and puts its speed back itself.
    if (factor > 0.0)
        m_speedBefore = factor;
    m_controller->setSpeed(1.0);
    if (m_window)
        m_window->statusBar()->showMessage(
            tr("Kafka clients are connected: the run keeps wall-clock pace (1×); %1× takes effect when they "
               "leave.")
                .arg(factor),
            statusTimeoutMs);
}

QString KafkaClientsBinder::laneName(const QString &group) const
{
    const app::Simulation *sim = m_controller->simulation();
    if (sim && m_architecture >= 0 && sim->groupNames(m_architecture).contains(group))
        return tr("%1 (external)").arg(group);
    return group;
}

void KafkaClientsBinder::addExternalGroups(int architecture, const QString &topic,
                                           std::vector<app::PartitionState> &parts) const
{
    if (!m_server || architecture != m_architecture)
        return;
    const broker::WireGroupCoordinator &groups = m_server->router().groups();
    const std::string name = topic.toStdString();
    for (const std::string &group : groups.groupIds()) {
        if (m_server->router().sharedGroups().isShared(group))
            continue; // the scenario's group, clients and all: its own lane shows its progress
        const QString lane = laneName(QString::fromStdString(group));
        // Only partitions the group committed: a group that has not committed has no position
        // to measure a lag from (its clients' auto.offset.reset decides where they start).
        for (app::PartitionState &p : parts)
            if (const std::optional<std::int64_t> committed =
                    groups.committedOffset(group, name, p.partition);
                committed && *committed >= 0)
                p.groups.push_back({lane, qint64(*committed)});
    }
}

void KafkaClientsBinder::refresh()
{
    if (!m_server)
        return;
    learnClientIds();
    std::set<QString> connected;
    for (const app::KafkaConnection *c : m_server->findChildren<app::KafkaConnection *>())
        if (c->isOpen() && !c->clientId().empty())
            connected.insert(QString::fromStdString(c->clientId()));

    std::vector<ExternalClientsOverlay::Client> clients;
    for (const auto &[id, topics] : m_producers) {
        ExternalClientsOverlay::Client c;
        c.producer = true;
        c.name = id;
        c.topics = topics;
        c.active = connected.count(id) > 0;
        c.subtitle = c.active ? tr("writes to %1").arg(topicList(topics))
                              : tr("disconnected · wrote to %1").arg(topicList(topics));
        clients.push_back(c);
    }
    const app::ScenarioGroupBridge &shared = m_server->router().sharedGroups();
    for (const broker::WireGroupInfo &g : m_server->router().groups().groups()) {
        if (shared.isShared(g.groupId)) {
            clients.push_back(sharedGroupCard(g));
            continue;
        }
        ExternalClientsOverlay::Client c;
        c.producer = false;
        c.name = QString::fromStdString(g.groupId);
        for (const broker::WireGroupMemberInfo &m : g.members)
            for (const std::string &t : m.subscribedTopics)
                if (!c.topics.contains(QString::fromStdString(t)))
                    c.topics << QString::fromStdString(t);
        for (const broker::WireCommittedOffset &o : m_server->router().groups().committedOffsets(g.groupId))
            if (!c.topics.contains(QString::fromStdString(o.topic)))
                c.topics << QString::fromStdString(o.topic);
        c.active = !g.members.empty();
        const int members = int(g.members.size());
        c.subtitle = c.active ? tr("%1 · %n member(s)", nullptr, members)
                                    .arg(QString::fromLatin1(broker::wireGroupStateName(g.state)))
                              : tr("no members · read %1").arg(topicList(c.topics));
        clients.push_back(c);
    }
    if (m_overlay->setClients(clients) && m_window)
        m_window->fitAll();
}

ExternalClientsOverlay::Client KafkaClientsBinder::sharedGroupCard(const broker::WireGroupInfo &g) const
{
    // The clients that joined one of the scenario's groups: one card for them, next to the
    // scenario's consumer, saying which partitions they took from the simulated members.
    const app::ScenarioGroupBridge &shared = m_server->router().sharedGroups();
    ExternalClientsOverlay::Client c;
    c.producer = false;
    c.name = tr("%1 (shared)").arg(QString::fromStdString(g.groupId));
    int clients = 0;
    int simulated = 0;
    QStringList partitions;
    for (const broker::WireGroupMemberInfo &m : g.members) {
        if (shared.isSimulatedMember(m.memberId)) {
            ++simulated;
            continue;
        }
        ++clients;
        for (const std::string &t : m.subscribedTopics)
            if (!c.topics.contains(QString::fromStdString(t)))
                c.topics << QString::fromStdString(t);
        for (const broker::WireGroupTopicPartitions &tp : m.assignedPartitions)
            for (std::int32_t p : tp.partitions)
                partitions << QStringLiteral("%1[%2]").arg(QString::fromStdString(tp.topic)).arg(p);
    }
    c.active = clients > 0;
    const QString who = clients == 1 ? tr("1 client") : tr("%1 clients").arg(clients);
    if (!c.active)
        c.subtitle = simulated == 1
                         ? tr("clients left · its simulated member reads it all")
                         : tr("clients left · its %1 simulated members read it all").arg(simulated);
    else if (partitions.isEmpty())
        c.subtitle = tr("%1 joining · %2").arg(who, QString::fromLatin1(broker::wireGroupStateName(g.state)));
    else
        c.subtitle = (clients == 1 ? tr("%1 reads %2") : tr("%1 read %2"))
                         .arg(who, partitions.join(QStringLiteral(", ")));
    return c;
}

} // namespace postoffice::ui
