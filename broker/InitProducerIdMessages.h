#pragma once

#include "ErrorCode.h"
#include "KafkaApi.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <optional>
#include <string>

namespace postoffice::broker {

// InitProducerId (key 22), v0-v1: a producer id and epoch for an idempotent producer
// (enable.idempotence) or a transactional one.
struct InitProducerIdRequest
{
    std::optional<std::string> transactionalId;
    std::int32_t transactionTimeoutMs = 60000;
};

struct InitProducerIdResponse
{
    std::int32_t throttleTimeMs = 0;
    ErrorCode errorCode = ErrorCode::None;
    std::int64_t producerId = -1;
    std::int16_t producerEpoch = -1;
};

bool decodeInitProducerIdRequest(WireReader &in, std::int16_t version, InitProducerIdRequest &out);
void encodeInitProducerIdRequest(WireWriter &out, std::int16_t version, const InitProducerIdRequest &request);
void encodeInitProducerIdResponse(WireWriter &out, std::int16_t version,
                                  const InitProducerIdResponse &response);
bool decodeInitProducerIdResponse(WireReader &in, std::int16_t version, InitProducerIdResponse &out);

} // namespace postoffice::broker
