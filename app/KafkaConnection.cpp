#include "KafkaConnection.h"

#include "KafkaRequestRouter.h"

#include <QHostAddress>
#include <QTcpSocket>

#include <algorithm>
#include <cstring>
#include <span>

namespace postoffice::app {

namespace {
std::int32_t readSize(const std::uint8_t *p)
{
    return std::int32_t(std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 |
                        std::uint32_t(p[3]));
}
// Read this much at a time: large enough that a busy producer's batches arrive in few calls.
constexpr qint64 kReadChunk = 256 * 1024;
} // namespace

KafkaConnection::KafkaConnection(QTcpSocket *socket, std::int32_t brokerId, quint64 id,
                                 KafkaRequestRouter &router, QObject *parent)
    : QObject(parent), m_socket(socket), m_brokerId(brokerId), m_id(id), m_router(router)
{
    socket->setParent(this);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_peerHost = socket->peerAddress().toString().toStdString();
    m_localHost = socket->localAddress().toString().toStdString();
    m_peer = QStringLiteral("%1:%2").arg(socket->peerAddress().toString()).arg(socket->peerPort());
    connect(socket, &QTcpSocket::readyRead, this, &KafkaConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, [this] { close(); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError)
            close();
    });
}

KafkaConnection::~KafkaConnection() = default;

void KafkaConnection::close(const QString &why)
{
    if (!m_open)
        return;
    m_open = false;
    if (!why.isEmpty())
        emit protocolError(QStringLiteral("client %1 (broker %2): %3").arg(m_peer).arg(m_brokerId).arg(why));
    m_pending.clear();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    emit closed(this);
}

quint64 KafkaConnection::reserveSlot()
{
    m_pending.emplace_back();
    return m_firstSlot + m_pending.size() - 1;
}

void KafkaConnection::complete(quint64 slot, std::vector<std::uint8_t> frame)
{
    if (!m_open || slot < m_firstSlot || slot - m_firstSlot >= m_pending.size())
        return;
    Pending &p = m_pending[std::size_t(slot - m_firstSlot)];
    p.done = true;
    p.frame = std::move(frame);
    if (slot == m_firstSlot)
        writeReady();
}

void KafkaConnection::writeReady()
{
    // Every response whose predecessors are answered goes out now, in request order.
    while (!m_pending.empty() && m_pending.front().done) {
        const std::vector<std::uint8_t> &frame = m_pending.front().frame;
        if (!frame.empty() && m_socket)
            m_socket->write(reinterpret_cast<const char *>(frame.data()), qint64(frame.size()));
        m_pending.pop_front();
        ++m_firstSlot;
    }
}

void KafkaConnection::onReadyRead()
{
    if (m_reading || !m_socket)
        return; // re-entered from a handler: the outer loop reads on
    m_reading = true;
    QPointer<KafkaConnection> self(this);
    while (m_open && m_socket->bytesAvailable() > 0) {
        // Room for what has arrived: the unread tail moves to the front, the buffer grows if needed.
        const std::size_t want = std::size_t(std::max<qint64>(m_socket->bytesAvailable(), kReadChunk));
        if (m_inCapacity - m_inEnd < want) {
            const std::size_t held = m_inEnd - m_inStart;
            if (m_inCapacity - held >= want) {
                std::memmove(m_in.get(), m_in.get() + m_inStart, held);
            } else {
                const std::size_t capacity = std::max(m_inCapacity * 2, held + want);
                auto grown = std::make_unique_for_overwrite<std::uint8_t[]>(capacity);
                if (held)
                    std::memcpy(grown.get(), m_in.get() + m_inStart, held);
                m_in = std::move(grown);
                m_inCapacity = capacity;
            }
            m_inStart = 0;
            m_inEnd = held;
        }
        const qint64 got = m_socket->read(reinterpret_cast<char *>(m_in.get() + m_inEnd), qint64(want));
        if (got <= 0)
            break;
        m_inEnd += std::size_t(got);
        // Every complete frame in the buffer, in order.
        while (m_open && m_inEnd - m_inStart >= 4) {
            const std::int32_t size = readSize(m_in.get() + m_inStart);
            if (size < 0 || size > kMaxRequestBytes) {
                close(QStringLiteral("request frame of %1 bytes (socket.request.max.bytes is %2): "
                                     "connection closed")
                          .arg(size)
                          .arg(kMaxRequestBytes));
                break;
            }
            if (m_inEnd - m_inStart < 4 + std::size_t(size))
                break; // the rest of the frame has not arrived yet
            const std::span<const std::uint8_t> request(m_in.get() + m_inStart + 4, std::size_t(size));
            m_inStart += 4 + std::size_t(size);
            QString why;
            if (!m_router.handle(*this, request, m_clientId, m_peerHost, &why)) {
                if (self)
                    close(why);
                break;
            }
            if (!self)
                return;
        }
        if (!self)
            return;
        if (m_inStart == m_inEnd)
            m_inStart = m_inEnd = 0;
    }
    if (self)
        m_reading = false;
}

} // namespace postoffice::app
