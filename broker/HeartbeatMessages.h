#pragma once

#include "ErrorCode.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <optional>
#include <string>

namespace postoffice::broker {

// Heartbeat (api key 12), versions 0-3 (Kafka's HeartbeatRequest.json / HeartbeatResponse.json):
// v1 adds the throttle time, v3 group.instance.id. v4+ are flexible and not served.
constexpr std::int16_t kHeartbeatMinVersion = 0;
constexpr std::int16_t kHeartbeatMaxVersion = 3;

struct HeartbeatRequest
{
    std::string groupId;
    std::int32_t generationId = -1;
    std::string memberId;
    std::optional<std::string> groupInstanceId; // v3+
    bool operator==(const HeartbeatRequest &) const = default;
};

struct HeartbeatResponse
{
    std::int32_t throttleTimeMs = 0; // v1+
    ErrorCode errorCode = ErrorCode::None;
    bool operator==(const HeartbeatResponse &) const = default;
};

bool decodeHeartbeatRequest(WireReader &in, std::int16_t version, HeartbeatRequest &out);
void encodeHeartbeatRequest(WireWriter &out, std::int16_t version, const HeartbeatRequest &request);
bool decodeHeartbeatResponse(WireReader &in, std::int16_t version, HeartbeatResponse &out);
void encodeHeartbeatResponse(WireWriter &out, std::int16_t version, const HeartbeatResponse &response);

} // namespace postoffice::broker
