#pragma once

#include "ErrorCode.h"
#include "KafkaApi.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <optional>
#include <string>

namespace postoffice::broker {

// FindCoordinator (key 10), v0-v2: which broker coordinates a consumer group (key type 0) or a
// transactional id (key type 1).
struct FindCoordinatorRequest
{
    std::string key;
    std::int8_t keyType = 0; // v1+
};

struct FindCoordinatorResponse
{
    std::int32_t throttleTimeMs = 0; // v1+
    ErrorCode errorCode = ErrorCode::None;
    std::optional<std::string> errorMessage; // v1+
    std::int32_t nodeId = -1;
    std::string host;
    std::int32_t port = -1;
};

bool decodeFindCoordinatorRequest(WireReader &in, std::int16_t version, FindCoordinatorRequest &out);
void encodeFindCoordinatorRequest(WireWriter &out, std::int16_t version,
                                  const FindCoordinatorRequest &request);
void encodeFindCoordinatorResponse(WireWriter &out, std::int16_t version,
                                   const FindCoordinatorResponse &response);
bool decodeFindCoordinatorResponse(WireReader &in, std::int16_t version, FindCoordinatorResponse &out);

} // namespace postoffice::broker
