#include "KafkaServer.h"

#include "Cluster.h"
#include "KafkaConnection.h"
#include "KafkaRequestRouter.h"
#include "Simulation.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace postoffice::app {

KafkaServer::KafkaServer(Simulation &simulation, int architecture, QObject *parent)
    : QObject(parent), m_simulation(simulation), m_architecture(architecture),
      m_router(std::make_unique<KafkaRequestRouter>(simulation, architecture, *this))
{
    connect(m_router.get(), &KafkaRequestRouter::producerSeen, this, &KafkaServer::producerSeen);
    connect(m_router.get(), &KafkaRequestRouter::groupEvent, this, &KafkaServer::groupEvent);
    connect(m_router.get(), &KafkaRequestRouter::protocolError, this, &KafkaServer::protocolError);
}

KafkaServer::~KafkaServer()
{
    stop();
}

bool KafkaServer::listen(const QHostAddress &address, quint16 basePort)
{
    const broker::Cluster *cluster = m_simulation.cluster(m_architecture);
    if (!cluster) {
        m_error = QStringLiteral("architecture %1 has no broker cluster").arg(m_architecture);
        return false;
    }
    m_address = address;
    m_stopped = false;
    m_brokers.assign(std::size_t(cluster->brokerCount()), Broker{});
    for (std::int32_t b = 0; b < cluster->brokerCount(); ++b) {
        if (basePort != 0) {
            if (int(basePort) + b > 65535) {
                m_error = QStringLiteral("no port %1 for broker %2").arg(int(basePort) + b).arg(b);
                stop();
                return false;
            }
            m_brokers[std::size_t(b)].port = quint16(basePort + b);
        }
    }
    // A broker that starts down opens its port when it comes back (sync()).
    for (std::int32_t b = 0; b < cluster->brokerCount(); ++b) {
        if (cluster->isBrokerUp(b) && !open(b)) {
            stop();
            return false;
        }
    }
    return true;
}

bool KafkaServer::open(std::int32_t brokerId)
{
    Broker &broker = m_brokers[std::size_t(brokerId)];
    if (broker.server)
        return true;
    auto *server = new QTcpServer(this);
    if (!server->listen(m_address, broker.port)) {
        m_error = QStringLiteral("cannot listen on %1:%2 for broker %3: %4")
                      .arg(m_address.toString())
                      .arg(broker.port)
                      .arg(brokerId)
                      .arg(server->errorString());
        delete server;
        return false;
    }
    broker.server = server;
    broker.port = server->serverPort();
    connect(server, &QTcpServer::newConnection, this, [this, brokerId] { accept(brokerId); });
    emit listening(brokerId, m_address.toString(), broker.port);
    return true;
}

void KafkaServer::close(std::int32_t brokerId)
{
    Broker &broker = m_brokers[std::size_t(brokerId)];
    if (!broker.server)
        return;
    broker.server->close();
    broker.server->deleteLater();
    broker.server = nullptr;
    // A broker that is down answers nobody: its clients see the connection drop.
    std::vector<KafkaConnection *> drop;
    for (const auto &[id, connection] : m_connections)
        if (connection->brokerId() == brokerId)
            drop.push_back(connection);
    for (KafkaConnection *connection : drop)
        connection->close();
    emit brokerPortClosed(brokerId);
}

void KafkaServer::stop()
{
    m_stopped = true;
    m_router->stop();
    for (std::size_t b = 0; b < m_brokers.size(); ++b)
        if (m_brokers[b].server) {
            m_brokers[b].server->close();
            delete m_brokers[b].server;
            m_brokers[b].server = nullptr;
        }
    std::vector<KafkaConnection *> open;
    for (const auto &[id, connection] : m_connections)
        open.push_back(connection);
    for (KafkaConnection *connection : open)
        connection->close(); // onClosed erases it
    m_connections.clear();
}

quint16 KafkaServer::port(std::int32_t brokerId) const
{
    if (brokerId < 0 || std::size_t(brokerId) >= m_brokers.size())
        return 0;
    return m_brokers[std::size_t(brokerId)].port;
}

bool KafkaServer::isListening(std::int32_t brokerId) const
{
    return brokerId >= 0 && std::size_t(brokerId) < m_brokers.size() &&
           m_brokers[std::size_t(brokerId)].server != nullptr;
}

void KafkaServer::accept(std::int32_t brokerId)
{
    QTcpServer *server = m_brokers[std::size_t(brokerId)].server;
    if (!server)
        return;
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        const quint64 id = m_nextConnection++;
        auto *connection = new KafkaConnection(socket, brokerId, id, *m_router, this);
        m_connections.emplace(id, connection);
        connect(connection, &KafkaConnection::closed, this, &KafkaServer::onClosed);
        connect(connection, &KafkaConnection::protocolError, this, &KafkaServer::protocolError);
        emit clientConnected(id, brokerId, connection->peer());
    }
}

void KafkaServer::onClosed(KafkaConnection *connection)
{
    if (m_connections.erase(connection->id()) == 0)
        return;
    m_router->connectionClosed(*connection);
    emit clientDisconnected(connection->id(), connection->brokerId(), connection->peer());
    connection->deleteLater();
}

void KafkaServer::sync()
{
    if (m_stopped)
        return;
    if (const broker::Cluster *cluster = m_simulation.cluster(m_architecture))
        for (std::int32_t b = 0; b < std::int32_t(m_brokers.size()); ++b) {
            const bool up = cluster->isBrokerUp(b);
            if (up && !m_brokers[std::size_t(b)].server) {
                if (!open(b))
                    emit protocolError(m_error);
            } else if (!up && m_brokers[std::size_t(b)].server) {
                close(b);
            }
        }
    m_router->advance();
}

} // namespace postoffice::app
