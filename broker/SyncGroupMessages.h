#pragma once

#include "ErrorCode.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker {

// SyncGroup (api key 14), versions 0-3 (Kafka's SyncGroupRequest.json / SyncGroupResponse.json):
// v1 adds the throttle time, v3 group.instance.id. v4+ are flexible and not served.
constexpr std::int16_t kSyncGroupMinVersion = 0;
constexpr std::int16_t kSyncGroupMaxVersion = 3;

struct SyncGroupRequestAssignment
{
    std::string memberId;
    std::vector<std::uint8_t> assignment;
    bool operator==(const SyncGroupRequestAssignment &) const = default;
};

struct SyncGroupRequest
{
    std::string groupId;
    std::int32_t generationId = -1;
    std::string memberId;
    std::optional<std::string> groupInstanceId; // v3+
    // Only the leader sends assignments; followers send an empty array.
    std::vector<SyncGroupRequestAssignment> assignments;
    bool operator==(const SyncGroupRequest &) const = default;
};

struct SyncGroupResponse
{
    std::int32_t throttleTimeMs = 0; // v1+
    ErrorCode errorCode = ErrorCode::None;
    std::vector<std::uint8_t> assignment;
    bool operator==(const SyncGroupResponse &) const = default;
};

bool decodeSyncGroupRequest(WireReader &in, std::int16_t version, SyncGroupRequest &out);
void encodeSyncGroupRequest(WireWriter &out, std::int16_t version, const SyncGroupRequest &request);
bool decodeSyncGroupResponse(WireReader &in, std::int16_t version, SyncGroupResponse &out);
void encodeSyncGroupResponse(WireWriter &out, std::int16_t version, const SyncGroupResponse &response);

} // namespace postoffice::broker
