#include "FindCoordinatorMessages.h"

namespace postoffice::broker {

namespace {
constexpr ApiKey kKey = ApiKey::FindCoordinator;
}

// v3 (flexible) is encoded too, with the same fields; v4+ batches keys and is not handled.

bool decodeFindCoordinatorRequest(WireReader &in, std::int16_t version, FindCoordinatorRequest &out)
{
    const bool flex = isFlexible(kKey, version);
    out = FindCoordinatorRequest();
    out.key = in.string(flex);
    if (version >= 1)
        out.keyType = in.int8();
    in.taggedFields(flex);
    return in.ok();
}

void encodeFindCoordinatorRequest(WireWriter &out, std::int16_t version,
                                  const FindCoordinatorRequest &request)
{
    const bool flex = isFlexible(kKey, version);
    out.string(request.key, flex);
    if (version >= 1)
        out.int8(request.keyType);
    out.taggedFields(flex);
}

void encodeFindCoordinatorResponse(WireWriter &out, std::int16_t version,
                                   const FindCoordinatorResponse &response)
{
    const bool flex = isFlexible(kKey, version);
    if (version >= 1)
        out.int32(response.throttleTimeMs);
    out.int16(std::int16_t(response.errorCode));
    if (version >= 1)
        out.nullableString(response.errorMessage, flex);
    out.int32(response.nodeId);
    out.string(response.host, flex);
    out.int32(response.port);
    out.taggedFields(flex);
}

bool decodeFindCoordinatorResponse(WireReader &in, std::int16_t version, FindCoordinatorResponse &out)
{
    const bool flex = isFlexible(kKey, version);
    out = FindCoordinatorResponse();
    if (version >= 1)
        out.throttleTimeMs = in.int32();
    out.errorCode = ErrorCode(in.int16());
    if (version >= 1)
        out.errorMessage = in.nullableString(flex);
    out.nodeId = in.int32();
    out.host = in.string(flex);
    out.port = in.int32();
    in.taggedFields(flex);
    return in.ok();
}

} // namespace postoffice::broker
