#include "JoinGroupMessages.h"

namespace postoffice::broker {

namespace {

bool inRange(std::int16_t version)
{
    return version >= kJoinGroupMinVersion && version <= kJoinGroupMaxVersion;
}

std::vector<std::uint8_t> copyBytes(std::span<const std::uint8_t> b)
{
    return {b.begin(), b.end()};
}

} // namespace

bool decodeJoinGroupRequest(WireReader &in, std::int16_t version, JoinGroupRequest &out)
{
    if (!inRange(version))
        return false;
    out = {};
    out.groupId = in.string();
    out.sessionTimeoutMs = in.int32();
    if (version >= 1)
        out.rebalanceTimeoutMs = in.int32();
    out.memberId = in.string();
    if (version >= 5)
        out.groupInstanceId = in.nullableString();
    out.protocolType = in.string();
    const std::int32_t n = in.arrayLength();
    for (std::int32_t i = 0; i < n && in.ok(); ++i) {
        JoinGroupRequestProtocol p;
        p.name = in.string();
        p.metadata = copyBytes(in.bytes());
        out.protocols.push_back(std::move(p));
    }
    return in.ok();
}

void encodeJoinGroupRequest(WireWriter &out, std::int16_t version, const JoinGroupRequest &request)
{
    out.string(request.groupId);
    out.int32(request.sessionTimeoutMs);
    if (version >= 1)
        out.int32(request.rebalanceTimeoutMs);
    out.string(request.memberId);
    if (version >= 5)
        out.nullableString(request.groupInstanceId);
    out.string(request.protocolType);
    out.arrayLength(std::int32_t(request.protocols.size()));
    for (const JoinGroupRequestProtocol &p : request.protocols) {
        out.string(p.name);
        out.bytes(p.metadata);
    }
}

bool decodeJoinGroupResponse(WireReader &in, std::int16_t version, JoinGroupResponse &out)
{
    if (!inRange(version))
        return false;
    out = {};
    if (version >= 2)
        out.throttleTimeMs = in.int32();
    out.errorCode = ErrorCode(in.int16());
    out.generationId = in.int32();
    out.protocolName = in.string();
    out.leader = in.string();
    out.memberId = in.string();
    const std::int32_t n = in.arrayLength();
    for (std::int32_t i = 0; i < n && in.ok(); ++i) {
        JoinGroupResponseMember m;
        m.memberId = in.string();
        if (version >= 5)
            m.groupInstanceId = in.nullableString();
        m.metadata = copyBytes(in.bytes());
        out.members.push_back(std::move(m));
    }
    return in.ok();
}

void encodeJoinGroupResponse(WireWriter &out, std::int16_t version, const JoinGroupResponse &response)
{
    if (version >= 2)
        out.int32(response.throttleTimeMs);
    out.int16(std::int16_t(response.errorCode));
    out.int32(response.generationId);
    out.string(response.protocolName);
    out.string(response.leader);
    out.string(response.memberId);
    out.arrayLength(std::int32_t(response.members.size()));
    for (const JoinGroupResponseMember &m : response.members) {
        out.string(m.memberId);
        if (version >= 5)
            out.nullableString(m.groupInstanceId);
        out.bytes(m.metadata);
    }
}

} // namespace postoffice::broker
