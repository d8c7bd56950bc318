#pragma once

#include "ErrorCode.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <string>
#include <vector>

namespace postoffice::broker {

// ListGroups (api key 16), versions 0-2 (Kafka's ListGroupsRequest.json / ListGroupsResponse.json):
// the request is empty; v1 adds the throttle time to the response. v3+ are flexible and not served.
constexpr std::int16_t kListGroupsMinVersion = 0;
constexpr std::int16_t kListGroupsMaxVersion = 2;

struct ListGroupsRequest
{
    bool operator==(const ListGroupsRequest &) const = default;
};

struct ListedGroup
{
    std::string groupId;
    std::string protocolType;
    bool operator==(const ListedGroup &) const = default;
};

struct ListGroupsResponse
{
    std::int32_t throttleTimeMs = 0; // v1+
    ErrorCode errorCode = ErrorCode::None;
    std::vector<ListedGroup> groups;
    bool operator==(const ListGroupsResponse &) const = default;
};

bool decodeListGroupsRequest(WireReader &in, std::int16_t version, ListGroupsRequest &out);
void encodeListGroupsRequest(WireWriter &out, std::int16_t version, const ListGroupsRequest &request);
bool decodeListGroupsResponse(WireReader &in, std::int16_t version, ListGroupsResponse &out);
void encodeListGroupsResponse(WireWriter &out, std::int16_t version, const ListGroupsResponse &response);

} // namespace postoffice::broker
