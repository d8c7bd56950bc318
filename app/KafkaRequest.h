#pragma once

// One Kafka request being answered: where its response goes (a slot of the connection's in-order
// queue; the connection may be gone by the time a long-poll or acks=all ends) and its header, with
// the helpers that write the response frame into that slot.

#include "KafkaApi.h"
#include "WireWriter.h"

#include <QPointer>

#include <cstdint>
#include <string>
#include <vector>

namespace postoffice::app {

class KafkaConnection;

struct KafkaRequest
{
    QPointer<KafkaConnection> connection;
    quint64 slot = 0;
    broker::RequestHeader header;
    std::string clientHost;
    std::string localHost; // the address the client reached
    std::int32_t brokerId = -1;

    // A writer whose first bytes are room for the frame size and response header; finishResponse()
    // fills them and hands the frame to the connection (no copy of the body). `bodyBytes`: room to
    // reserve for the body when it is known to be large (a Fetch response).
    broker::WireWriter startResponse(std::size_t bodyBytes = 0) const;
    void finishResponse(broker::WireWriter &writer) const;
    // A body encoded elsewhere (the group coordinator's), framed with this request's header.
    void answerBody(const std::vector<std::uint8_t> &body) const;
};

} // namespace postoffice::app
