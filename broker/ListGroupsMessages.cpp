#include "ListGroupsMessages.h"

namespace postoffice::broker {

namespace {

bool inRange(std::int16_t version)
{
    return version >= kListGroupsMinVersion && version <= kListGroupsMaxVersion;
}

} // namespace

bool decodeListGroupsRequest(WireReader &in, std::int16_t version, ListGroupsRequest &out)
{
    out = {};
    return inRange(version) && in.ok();
}

void encodeListGroupsRequest(WireWriter &, std::int16_t, const ListGroupsRequest &) {}

bool decodeListGroupsResponse(WireReader &in, std::int16_t version, ListGroupsResponse &out)
{
    if (!inRange(version))
        return false;
    out = {};
    if (version >= 1)
        out.throttleTimeMs = in.int32();
    out.errorCode = ErrorCode(in.int16());
    const std::int32_t n = in.arrayLength();
    for (std::int32_t i = 0; i < n && in.ok(); ++i) {
        ListedGroup g;
        g.groupId = in.string();
        g.protocolType = in.string();
        out.groups.push_back(std::move(g));
    }
    return in.ok();
}

void encodeListGroupsResponse(WireWriter &out, std::int16_t version, const ListGroupsResponse &response)
{
    if (version >= 1)
        out.int32(response.throttleTimeMs);
    out.int16(std::int16_t(response.errorCode));
    out.arrayLength(std::int32_t(response.groups.size()));
    for (const ListedGroup &g : response.groups) {
        out.string(g.groupId);
        out.string(g.protocolType);
    }
}

} // namespace postoffice::broker
