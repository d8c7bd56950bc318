#include "LeaveGroupMessages.h"

namespace postoffice::broker {

namespace {

bool inRange(std::int16_t version)
{
    return version >= kLeaveGroupMinVersion && version <= kLeaveGroupMaxVersion;
}

} // namespace

bool decodeLeaveGroupRequest(WireReader &in, std::int16_t version, LeaveGroupRequest &out)
{
    if (!inRange(version))
        return false;
    out = {};
    out.groupId = in.string();
    if (version < 3) {
        out.members.push_back({in.string(), std::nullopt});
        return in.ok();
    }
    const std::int32_t n = in.arrayLength();
    for (std::int32_t i = 0; i < n && in.ok(); ++i) {
        LeaveGroupMemberIdentity m;
        m.memberId = in.string();
        m.groupInstanceId = in.nullableString();
        out.members.push_back(std::move(m));
    }
    return in.ok();
}

void encodeLeaveGroupRequest(WireWriter &out, std::int16_t version, const LeaveGroupRequest &request)
{
    out.string(request.groupId);
    if (version < 3) {
        out.string(request.members.empty() ? std::string() : request.members.front().memberId);
        return;
    }
    out.arrayLength(std::int32_t(request.members.size()));
    for (const LeaveGroupMemberIdentity &m : request.members) {
        out.string(m.memberId);
        out.nullableString(m.groupInstanceId);
    }
}

bool decodeLeaveGroupResponse(WireReader &in, std::int16_t version, LeaveGroupResponse &out)
{
    if (!inRange(version))
        return false;
    out = {};
    if (version >= 1)
        out.throttleTimeMs = in.int32();
    out.errorCode = ErrorCode(in.int16());
    if (version >= 3) {
        const std::int32_t n = in.arrayLength();
        for (std::int32_t i = 0; i < n && in.ok(); ++i) {
            LeaveGroupMemberResponse m;
            m.memberId = in.string();
            m.groupInstanceId = in.nullableString();
            m.errorCode = ErrorCode(in.int16());
            out.members.push_back(std::move(m));
        }
    }
    return in.ok();
}

void encodeLeaveGroupResponse(WireWriter &out, std::int16_t version, const LeaveGroupResponse &response)
{
    if (version >= 1)
        out.int32(response.throttleTimeMs);
    out.int16(std::int16_t(response.errorCode));
    if (version >= 3) {
        out.arrayLength(std::int32_t(response.members.size()));
        for (const LeaveGroupMemberResponse &m : response.members) {
            out.string(m.memberId);
            out.nullableString(m.groupInstanceId);
            out.int16(std::int16_t(m.errorCode));
        }
    }
}

} // namespace postoffice::broker
