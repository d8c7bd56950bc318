#include "KafkaRequest.h"

#include "KafkaConnection.h"

#include <algorithm>

namespace postoffice::app {

broker::WireWriter KafkaRequest::startResponse(std::size_t bodyBytes) const
{
    const std::size_t prefix = 4 + broker::responseHeaderSize(header);
    broker::WireWriter w(prefix + std::max<std::size_t>(bodyBytes, 252));
    w.buffer().resize(prefix);
    return w;
}

void KafkaRequest::finishResponse(broker::WireWriter &writer) const
{
    broker::patchResponseFrame(header, writer.buffer());
    if (connection)
        connection->complete(slot, std::move(writer.buffer()));
}

void KafkaRequest::answerBody(const std::vector<std::uint8_t> &body) const
{
    if (connection)
        connection->complete(slot, broker::responseFrame(header, body));
}

} // namespace postoffice::app
