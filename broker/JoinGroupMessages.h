#pragma once

#include "ErrorCode.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker {

// JoinGroup (api key 11), versions 0-5 (Kafka's JoinGroupRequest.json / JoinGroupResponse.json):
// v1 adds the rebalance timeout, v2 the throttle time, v4 the MEMBER_ID_REQUIRED round (a member
// joining with an empty id is given one and must join again with it), v5 group.instance.id.
// v6+ are flexible and not served.
constexpr std::int16_t kJoinGroupMinVersion = 0;
constexpr std::int16_t kJoinGroupMaxVersion = 5;

struct JoinGroupRequestProtocol
{
    std::string name;
    std::vector<std::uint8_t> metadata;
    bool operator==(const JoinGroupRequestProtocol &) const = default;
};

struct JoinGroupRequest
{
    std::string groupId;
    std::int32_t sessionTimeoutMs = 0;
    // -1 when absent (v0): the coordinator then uses the session timeout, as Kafka does.
    std::int32_t rebalanceTimeoutMs = -1;
    std::string memberId;
    std::optional<std::string> groupInstanceId; // v5+
    std::string protocolType;
    std::vector<JoinGroupRequestProtocol> protocols;
    bool operator==(const JoinGroupRequest &) const = default;
};

struct JoinGroupResponseMember
{
    std::string memberId;
    std::optional<std::string> groupInstanceId; // v5+
    std::vector<std::uint8_t> metadata;
    bool operator==(const JoinGroupResponseMember &) const = default;
};

struct JoinGroupResponse
{
    std::int32_t throttleTimeMs = 0; // v2+
    ErrorCode errorCode = ErrorCode::None;
    std::int32_t generationId = -1;
    std::string protocolName;
    std::string leader;
    std::string memberId;
    // Only the leader's response lists the members (with their metadata for the chosen protocol).
    std::vector<JoinGroupResponseMember> members;
    bool operator==(const JoinGroupResponse &) const = default;
};

// Decoders return false on malformed bytes or a version outside kJoinGroupMinVersion..kJoinGroupMaxVersion.
bool decodeJoinGroupRequest(WireReader &in, std::int16_t version, JoinGroupRequest &out);
void encodeJoinGroupRequest(WireWriter &out, std::int16_t version, const JoinGroupRequest &request);
bool decodeJoinGroupResponse(WireReader &in, std::int16_t version, JoinGroupResponse &out);
void encodeJoinGroupResponse(WireWriter &out, std::int16_t version, const JoinGroupResponse &response);

} // namespace postoffice::broker
