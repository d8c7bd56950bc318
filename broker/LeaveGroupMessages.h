#pragma once

#include "ErrorCode.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker {

// LeaveGroup (api key 13), versions 0-3 (Kafka's LeaveGroupRequest.json / LeaveGroupResponse.json):
// v1 adds the throttle time; v3 replaces the single member id with a batch of members (member id +
// group.instance.id) and answers each. v4+ are flexible and not served.
constexpr std::int16_t kLeaveGroupMinVersion = 0;
constexpr std::int16_t kLeaveGroupMaxVersion = 3;

struct LeaveGroupMemberIdentity
{
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    bool operator==(const LeaveGroupMemberIdentity &) const = default;
};

struct LeaveGroupRequest
{
    std::string groupId;
    // v0-2 carry exactly one member (its id only); v3+ any number. Decoding v0-2 fills one entry,
    // encoding v0-2 writes the first entry's id ("" when empty).
    std::vector<LeaveGroupMemberIdentity> members;
    bool operator==(const LeaveGroupRequest &) const = default;
};

struct LeaveGroupMemberResponse
{
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    ErrorCode errorCode = ErrorCode::None;
    bool operator==(const LeaveGroupMemberResponse &) const = default;
};

struct LeaveGroupResponse
{
    std::int32_t throttleTimeMs = 0; // v1+
    ErrorCode errorCode = ErrorCode::None;
    std::vector<LeaveGroupMemberResponse> members; // v3+
    bool operator==(const LeaveGroupResponse &) const = default;
};

bool decodeLeaveGroupRequest(WireReader &in, std::int16_t version, LeaveGroupRequest &out);
void encodeLeaveGroupRequest(WireWriter &out, std::int16_t version, const LeaveGroupRequest &request);
bool decodeLeaveGroupResponse(WireReader &in, std::int16_t version, LeaveGroupResponse &out);
void encodeLeaveGroupResponse(WireWriter &out, std::int16_t version, const LeaveGroupResponse &response);

} // namespace postoffice::broker
