#include "DescribeGroupsMessages.h"

namespace postoffice::broker {

namespace {

bool inRange(std::int16_t version)
{
    return version >= kDescribeGroupsMinVersion && version <= kDescribeGroupsMaxVersion;
}

std::vector<std::uint8_t> copyBytes(std::span<const std::uint8_t> b)
{
    return {b.begin(), b.end()};
}

} // namespace

bool decodeDescribeGroupsRequest(WireReader &in, std::int16_t version, DescribeGroupsRequest &out)
{
    if (!inRange(version))
        return false;
    out = {};
    const std::int32_t n = in.arrayLength();
    for (std::int32_t i = 0; i < n && in.ok(); ++i)
        out.groups.push_back(in.string());
    if (version >= 3)
        out.includeAuthorizedOperations = in.boolean();
    return in.ok();
}

void encodeDescribeGroupsRequest(WireWriter &out, std::int16_t version, const DescribeGroupsRequest &request)
{
    out.arrayLength(std::int32_t(request.groups.size()));
    for (const std::string &g : request.groups)
        out.string(g);
    if (version >= 3)
        out.boolean(request.includeAuthorizedOperations);
}

bool decodeDescribeGroupsResponse(WireReader &in, std::int16_t version, DescribeGroupsResponse &out)
{
    if (!inRange(version))
        return false;
    out = {};
    if (version >= 1)
        out.throttleTimeMs = in.int32();
    const std::int32_t groups = in.arrayLength();
    for (std::int32_t g = 0; g < groups && in.ok(); ++g) {
        DescribedGroup group;
        group.errorCode = ErrorCode(in.int16());
        group.groupId = in.string();
        group.groupState = in.string();
        group.protocolType = in.string();
        group.protocolData = in.string();
        const std::int32_t members = in.arrayLength();
        for (std::int32_t m = 0; m < members && in.ok(); ++m) {
            DescribedGroupMember member;
            member.memberId = in.string();
            if (version >= 4)
                member.groupInstanceId = in.nullableString();
            member.clientId = in.string();
            member.clientHost = in.string();
            member.memberMetadata = copyBytes(in.bytes());
            member.memberAssignment = copyBytes(in.bytes());
            group.members.push_back(std::move(member));
        }
        if (version >= 3)
            group.authorizedOperations = in.int32();
        out.groups.push_back(std::move(group));
    }
    return in.ok();
}

void encodeDescribeGroupsResponse(WireWriter &out, std::int16_t version,
                                  const DescribeGroupsResponse &response)
{
    if (version >= 1)
        out.int32(response.throttleTimeMs);
    out.arrayLength(std::int32_t(response.groups.size()));
    for (const DescribedGroup &group : response.groups) {
        out.int16(std::int16_t(group.errorCode));
        out.string(group.groupId);
        out.string(group.groupState);
        out.string(group.protocolType);
        out.string(group.protocolData);
        out.arrayLength(std::int32_t(group.members.size()));
        for (const DescribedGroupMember &member : group.members) {
            out.string(member.memberId);
            if (version >= 4)
                out.nullableString(member.groupInstanceId);
            out.string(member.clientId);
            out.string(member.clientHost);
            out.bytes(member.memberMetadata);
            out.bytes(member.memberAssignment);
        }
        if (version >= 3)
            out.int32(group.authorizedOperations);
    }
}

} // namespace postoffice::broker
