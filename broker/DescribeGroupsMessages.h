#pragma once

#include "ErrorCode.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker {

// DescribeGroups (api key 15), versions 0-4 (Kafka's DescribeGroupsRequest.json /
// DescribeGroupsResponse.json): v1 adds the throttle time, v3 authorized operations (asked for in the
// request), v4 each member's group.instance.id. v5+ are flexible and not served.
constexpr std::int16_t kDescribeGroupsMinVersion = 0;
constexpr std::int16_t kDescribeGroupsMaxVersion = 4;

struct DescribeGroupsRequest
{
    std::vector<std::string> groups;
    bool includeAuthorizedOperations = false; // v3+
    bool operator==(const DescribeGroupsRequest &) const = default;
};

struct DescribedGroupMember
{
    std::string memberId;
    std::optional<std::string> groupInstanceId; // v4+
    std::string clientId;
    std::string clientHost;
    // Both only filled while the group is Stable (as Kafka does).
    std::vector<std::uint8_t> memberMetadata;
    std::vector<std::uint8_t> memberAssignment;
    bool operator==(const DescribedGroupMember &) const = default;
};

struct DescribedGroup
{
    ErrorCode errorCode = ErrorCode::None;
    std::string groupId;
    std::string groupState;   // "Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead"
    std::string protocolType; // "consumer" for Kafka consumers
    std::string protocolData; // the chosen protocol (assignor), only while Stable
    std::vector<DescribedGroupMember> members;
    // v3+; Kafka's "not requested" value is INT32_MIN.
    std::int32_t authorizedOperations = std::numeric_limits<std::int32_t>::min();
    bool operator==(const DescribedGroup &) const = default;
};

struct DescribeGroupsResponse
{
    std::int32_t throttleTimeMs = 0; // v1+
    std::vector<DescribedGroup> groups;
    bool operator==(const DescribeGroupsResponse &) const = default;
};

bool decodeDescribeGroupsRequest(WireReader &in, std::int16_t version, DescribeGroupsRequest &out);
void encodeDescribeGroupsRequest(WireWriter &out, std::int16_t version, const DescribeGroupsRequest &request);
bool decodeDescribeGroupsResponse(WireReader &in, std::int16_t version, DescribeGroupsResponse &out);
void encodeDescribeGroupsResponse(WireWriter &out, std::int16_t version,
                                  const DescribeGroupsResponse &response);

} // namespace postoffice::broker
