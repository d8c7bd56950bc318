#pragma once

// Real Kafka clients meet one architecture's simulated cluster: one listening socket per simulated
// broker (ports upward from the one given; port 0: each broker gets a free port of its own, kept
// for the whole run so that Metadata stays true), connections framed by KafkaConnection, requests
// answered by KafkaRequestRouter against the cluster. A broker the scenario takes down closes its
// port (its connections drop and new ones are refused) until it comes back, as a real broker's
// would, so clients fail over to the new leaders they learn from Metadata.
//
// Everything runs on the thread of the simulation (the Qt event loop): the broker core stays
// single-threaded. Call sync() whenever the simulation advanced (PacedRun::advanced): it opens and
// closes ports as brokers go down and up, and answers requests that were waiting (Fetch long-polls,
// group joins). The signals feed the event log and, in the GUI, the canvas.

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

class QTcpServer;

namespace postoffice::app {

class KafkaConnection;
class KafkaRequestRouter;
class Simulation;

class KafkaServer : public QObject
{
    Q_OBJECT
public:
    // `architecture` indexes simulation.architectures() and must have a cluster.
    KafkaServer(Simulation &simulation, int architecture, QObject *parent = nullptr);
    ~KafkaServer() override;

    // Opens a port for every live broker: broker i on basePort + i (each a free port when basePort
    // is 0). False, with errorString(), if a port cannot be opened.
    bool listen(const QHostAddress &address, quint16 basePort);
    void stop();
    QString errorString() const { return m_error; }

    // Ports of the brokers (by broker id); 0 for one not opened yet.
    quint16 port(std::int32_t brokerId) const;
    QHostAddress address() const { return m_address; }
    // Whether broker `brokerId` accepts connections now.
    bool isListening(std::int32_t brokerId) const;
    int connectionCount() const { return int(m_connections.size()); }
    KafkaRequestRouter &router() { return *m_router; }

    // The simulation moved: follow brokers going down or up, answer waiting requests.
    void sync();

signals:
    void listening(std::int32_t brokerId, const QString &host, quint16 port);
    void brokerPortClosed(std::int32_t brokerId);
    void clientConnected(quint64 connection, std::int32_t brokerId, const QString &peer);
    void clientDisconnected(quint64 connection, std::int32_t brokerId, const QString &peer);
    // The first Produce of a client.id to a topic.
    void producerSeen(const QString &clientId, const QString &topic);
    // Group events (member joined, left, expired, rebalance) and protocol errors, as log lines.
    void groupEvent(const QString &text);
    void protocolError(const QString &text);

private:
    struct Broker
    {
        QTcpServer *server = nullptr;
        quint16 port = 0;
    };
    bool open(std::int32_t brokerId);
    void close(std::int32_t brokerId);
    void accept(std::int32_t brokerId);
    void onClosed(KafkaConnection *connection);

    Simulation &m_simulation;
    int m_architecture;
    std::unique_ptr<KafkaRequestRouter> m_router;
    QHostAddress m_address;
    std::vector<Broker> m_brokers;
    std::map<quint64, KafkaConnection *> m_connections;
    quint64 m_nextConnection = 1;
    bool m_stopped = true;
    QString m_error;
};

} // namespace postoffice::app
