#pragma once

// Run ▸ Accept Kafka Clients: real Kafka clients join the live run in the GUI, as `postoffice
// serve` lets them join a headless one. An app::KafkaServer listens on the run's simulation (one
// port per simulated broker of the chosen architecture); this class ties it to the window:
//
// - the status bar names the addresses ("Kafka clients: 127.0.0.1:9092–9094"); a port in use is
//   said plainly, and nothing is left listening;
// - while at least one client is connected the run keeps wall-clock pace (1×, shown by the speed
//   control, the previous speed restored when the last one leaves) and plays on; paused by hand, the
//   server still answers (Fetch long-polls end, metadata is served) between frames;
// - external producers (client.id) and consumer groups appear on the served canvas as their own
//   cards (ExternalClientsOverlay, never part of the scenario), groups with a lane on their topics'
//   cards (committed offset and lag = log end − committed per partition), and connections, producers,
//   group joins/leaves/rebalances and protocol errors go to the event log;
// - clients that join one of the scenario's own groups share its partitions with the simulated
//   members (app::ScenarioGroupBridge): their card says which partitions they took, and the
//   scenario's lane on the topic card shows the whole group's progress.
//
// What cannot follow real clients: their records cannot be simulated again, so while serving the
// run cannot go back (seek back, previous event, restart, compare — refused with the reason, the
// menu items disabled with it as tooltip), and an edit of the scenario does not restart the run
// (as it otherwise does): it is kept in the document and the run restarts with it when serving
// stops. Opening another scenario stops serving first (its clients are disconnected).

#include "EventLogModel.h"
#include "ExternalClientsOverlay.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <map>
#include <memory>
#include <vector>

class QAction;
class QLabel;
class QTimer;

namespace postoffice::broker {
struct WireGroupInfo;
}

namespace postoffice::app {
class KafkaServer;
struct PartitionState;
} // namespace postoffice::app

namespace postoffice::ui {

class MainWindow;
class SimulationController;

class KafkaClientsBinder : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QHostAddress address = QHostAddress(QHostAddress::LocalHost);
        quint16 basePort = 9092; // 0: a free port per broker
        int architecture = -1;   // -1: the first with topics
    };

    KafkaClientsBinder(MainWindow *window, SimulationController *controller, EventLogModel *log,
                       QObject *parent = nullptr);
    ~KafkaClientsBinder() override;

    // The checkable Run menu item (opens the dialog when checked, stops when unchecked).
    QAction *action() const { return m_action; }
    // Actions that would rebuild the run: disabled, with the reason as tooltip, while serving.
    void addRewindAction(QAction *action);

    // Starts accepting clients on the controller's current simulation. False, with *error (or a
    // message box without `error`), when the architecture has no broker or a port cannot be opened.
    bool start(const Options &options, QString *error = nullptr);
    // Closes every port and connection; the external cards are taken off the canvas.
    void stop();
    bool isServing() const { return m_server != nullptr; }
    int architecture() const { return m_architecture; }
    app::KafkaServer *server() const { return m_server.get(); }
    // "127.0.0.1:9092–9094" (or the ports one by one when they are not consecutive).
    QString addressText() const;
    QLabel *statusLabel() const { return m_status; }
    int connectionCount() const { return m_connections; }
    ExternalClientsOverlay *overlay() const { return m_overlay; }
    // The lane name of an external group on topic cards (its id, marked when a scenario group
    // has the same name).
    QString laneName(const QString &group) const;

    // Adds the external groups' committed offsets to a topic's partitions, so that its card draws
    // their lanes (LiveRunBinder::refreshViews calls it for every topic card).
    void addExternalGroups(int architecture, const QString &topic,
                           std::vector<app::PartitionState> &parts) const;
    // Brings the canvas cards and the status bar up to date (the controller's updates call it).
    void refresh();

    // An edit arrived while serving: the run restarts with it when serving stops.
    void setRestartPending(bool pending) { m_restartPending = pending; }
    bool restartPending() const { return m_restartPending; }

    static QString rewindBlockedReason();

signals:
    void servingChanged(bool serving);
    // Paused while serving, the views are refreshed from here (the controller sends no updates).
    void viewsStale();
    // Serving stopped with an edit pending: the run should restart on the edited scenario.
    void restartRequested();

private:
    void onTriggered(bool checked);
    void onConnected(quint64 connection, std::int32_t broker, const QString &peer);
    void onDisconnected(quint64 connection, std::int32_t broker, const QString &peer);
    void onSpeedChanged(double factor);
    void log(EventLogModel::ClientEvent kind, const QString &text);
    void updateStatus();
    void setRewindActionsEnabled(bool enabled);
    void learnClientIds();
    QString clientName(quint64 connection) const;
    ExternalClientsOverlay::Client sharedGroupCard(const broker::WireGroupInfo &group) const;

    QPointer<MainWindow> m_window;
    SimulationController *m_controller;
    QPointer<EventLogModel> m_log;
    QAction *m_action = nullptr;
    QLabel *m_status = nullptr;
    QTimer *m_idle = nullptr;
    ExternalClientsOverlay *m_overlay = nullptr;
    std::unique_ptr<app::KafkaServer> m_server;
    int m_architecture = -1;
    int m_connections = 0;
    double m_speedBefore = 1.0;
    bool m_restartPending = false;
    bool m_starting = false;
    std::map<QString, QStringList> m_producers; // client.id → topics written to
    std::map<quint64, QString> m_clientIds;     // connection → client.id, once known
    std::map<QString, int> m_liveByClient;      // client.id → its open connections
    std::map<std::int32_t, bool> m_brokerOpen;
    QList<QPointer<QAction>> m_rewindActions;
};

} // namespace postoffice::ui
