#pragma once

// One Kafka client's TCP connection to one simulated broker: Kafka's framing (a 4-byte big-endian
// size, then the request), requests handed to the router in arrival order, and responses written
// in request order even when an earlier one waits (acks=all, a Fetch long-poll, a JoinGroup):
// Kafka guarantees in-order responses per connection and clients match them by that order.
//
// Bad input closes this connection only, logged once: a frame over socket.request.max.bytes
// (104857600) or with a negative size, a request the router finds malformed. A frame that has not
// fully arrived just waits for the rest.

#include <QObject>
#include <QPointer>
#include <QString>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

class QTcpSocket;

namespace postoffice::app {

class KafkaRequestRouter;

class KafkaConnection : public QObject
{
    Q_OBJECT
public:
    // socket.request.max.bytes: Kafka's default limit for one request frame.
    static constexpr std::int32_t kMaxRequestBytes = 104857600;

    // Takes ownership of the socket (reparented to this connection).
    KafkaConnection(QTcpSocket *socket, std::int32_t brokerId, quint64 id, KafkaRequestRouter &router,
                    QObject *parent = nullptr);
    ~KafkaConnection() override;

    quint64 id() const { return m_id; }
    std::int32_t brokerId() const { return m_brokerId; }
    QString peer() const { return m_peer; }
    // The address the client reached (what Metadata advertises when listening on every address).
    const std::string &localHost() const { return m_localHost; }
    // The client.id of the latest request (empty until one came).
    const std::string &clientId() const { return m_clientId; }
    bool isOpen() const { return m_open; }

    // Closes the connection at once (broker taken down, server stopping, bad input). `why`, when
    // not empty, is reported once through protocolError().
    void close(const QString &why = QString());

    // Reserves the response slot of the next request (in arrival order): the router calls
    // complete() with it exactly once, now or later.
    quint64 reserveSlot();
    // A response frame (size prefix included); an empty frame means "no response" (acks=0).
    void complete(quint64 slot, std::vector<std::uint8_t> frame);
    // Requests still waiting for their response.
    std::size_t pendingResponses() const { return m_pending.size(); }

signals:
    void protocolError(const QString &text);
    // Emitted once, when the connection is closed by either side; the server deletes it later.
    void closed(postoffice::app::KafkaConnection *connection);

private:
    void onReadyRead();
    void writeReady();

    struct Pending
    {
        bool done = false;
        std::vector<std::uint8_t> frame;
    };

    QPointer<QTcpSocket> m_socket;
    std::int32_t m_brokerId;
    quint64 m_id;
    KafkaRequestRouter &m_router;
    QString m_peer;
    std::string m_clientId;
    std::string m_peerHost;
    std::string m_localHost;
    bool m_open = true;
    bool m_reading = false;
    // Bytes received and not yet consumed: [m_inStart, m_inEnd) of a buffer that is never
    // zero-filled (a std::vector's resize would clear every byte before the socket overwrites it).
    std::unique_ptr<std::uint8_t[]> m_in;
    std::size_t m_inCapacity = 0;
    std::size_t m_inStart = 0;
    std::size_t m_inEnd = 0;
    // Responses of requests in arrival order; m_pending.front() has slot number m_firstSlot.
    std::deque<Pending> m_pending;
    quint64 m_firstSlot = 0;
};

} // namespace postoffice::app
