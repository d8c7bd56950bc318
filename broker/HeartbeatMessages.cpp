#include "HeartbeatMessages.h"

namespace postoffice::broker {

namespace {

bool inRange(std::int16_t version)
{
    return version >= kHeartbeatMinVersion && version <= kHeartbeatMaxVersion;
}

} // namespace

bool decodeHeartbeatRequest(WireReader &in, std::int16_t version, HeartbeatRequest &out)
{
    if (!inRange(version))
        return false;
    out = {};
    out.groupId = in.string();
    out.generationId = in.int32();
    out.memberId = in.string();
    if (version >= 3)
        out.groupInstanceId = in.nullableString();
    return in.ok();
}

void encodeHeartbeatRequest(WireWriter &out, std::int16_t version, const HeartbeatRequest &request)
{
    out.string(request.groupId);
    out.int32(request.generationId);
    out.string(request.memberId);
    if (version >= 3)
        out.nullableString(request.groupInstanceId);
}

bool decodeHeartbeatResponse(WireReader &in, std::int16_t version, HeartbeatResponse &out)
{
    if (!inRange(version))
        return false;
    out = {};
    if (version >= 1)
        out.throttleTimeMs = in.int32();
    out.errorCode = ErrorCode(in.int16());
    return in.ok();
}

void encodeHeartbeatResponse(WireWriter &out, std::int16_t version, const HeartbeatResponse &response)
{
    if (version >= 1)
        out.int32(response.throttleTimeMs);
    out.int16(std::int16_t(response.errorCode));
}

} // namespace postoffice::broker
