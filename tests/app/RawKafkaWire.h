#pragma once

// Kafka frames by hand, for the tests that speak to `postoffice serve` over a plain socket (bytes a
// real client would never send, or exactly sized batches).

#include "WireWriter.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QTcpSocket>

#include <cstdint>
#include <string>
#include <vector>

namespace postoffice::test {

// A request frame: size, header v1 (key, version, correlation id, client id), body.
inline QByteArray requestFrame(std::int16_t key, std::int16_t version, std::int32_t correlation,
                               const std::vector<std::uint8_t> &body,
                               const std::string &clientId = "raw-test")
{
    broker::WireWriter w;
    const std::size_t size = w.reserveInt32();
    w.int16(key);
    w.int16(version);
    w.int32(correlation);
    w.string(clientId);
    w.raw(body.data(), body.size());
    w.patchInt32(size, std::int32_t(w.size() - 4));
    return QByteArray(reinterpret_cast<const char *>(w.buffer().data()), qsizetype(w.size()));
}

// One response frame without its size; empty when the connection closed or nothing came in time.
inline QByteArray readResponse(QTcpSocket &socket, int timeoutMs = 10000)
{
    QElapsedTimer timer;
    timer.start();
    QByteArray buffer;
    while (timer.elapsed() < timeoutMs) {
        if (buffer.size() >= 4) {
            const quint32 size = quint32(quint8(buffer[0])) << 24 | quint32(quint8(buffer[1])) << 16 |
                                 quint32(quint8(buffer[2])) << 8 | quint32(quint8(buffer[3]));
            if (buffer.size() >= qsizetype(4 + size))
                return buffer.mid(4, qsizetype(size));
        }
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
            return {};
        socket.waitForReadyRead(100);
        buffer += socket.readAll();
    }
    return {};
}

} // namespace postoffice::test
