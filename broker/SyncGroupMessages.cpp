#include "SyncGroupMessages.h"

namespace postoffice::broker {

namespace {

bool inRange(std::int16_t version)
{
    return version >= kSyncGroupMinVersion && version <= kSyncGroupMaxVersion;
}

} // namespace

bool decodeSyncGroupRequest(WireReader &in, std::int16_t version, SyncGroupRequest &out)
{
    if (!inRange(version))
        return false;
    out = {};
    out.groupId = in.string();
    out.generationId = in.int32();
    out.memberId = in.string();
    if (version >= 3)
        out.groupInstanceId = in.nullableString();
    const std::int32_t n = in.arrayLength();
    for (std::int32_t i = 0; i < n && in.ok(); ++i) {
        SyncGroupRequestAssignment a;
        a.memberId = in.string();
        const auto bytes = in.bytes();
        a.assignment.assign(bytes.begin(), bytes.end());
        out.assignments.push_back(std::move(a));
    }
    return in.ok();
}

void encodeSyncGroupRequest(WireWriter &out, std::int16_t version, const SyncGroupRequest &request)
{
    out.string(request.groupId);
    out.int32(request.generationId);
    out.string(request.memberId);
    if (version >= 3)
        out.nullableString(request.groupInstanceId);
    out.arrayLength(std::int32_t(request.assignments.size()));
    for (const SyncGroupRequestAssignment &a : request.assignments) {
        out.string(a.memberId);
        out.bytes(a.assignment);
    }
}

bool decodeSyncGroupResponse(WireReader &in, std::int16_t version, SyncGroupResponse &out)
{
    if (!inRange(version))
        return false;
    out = {};
    if (version >= 1)
        out.throttleTimeMs = in.int32();
    out.errorCode = ErrorCode(in.int16());
    const auto bytes = in.bytes();
    out.assignment.assign(bytes.begin(), bytes.end());
    return in.ok();
}

void encodeSyncGroupResponse(WireWriter &out, std::int16_t version, const SyncGroupResponse &response)
{
    if (version >= 1)
        out.int32(response.throttleTimeMs);
    out.int16(std::int16_t(response.errorCode));
    out.bytes(response.assignment);
}

} // namespace postoffice::broker
