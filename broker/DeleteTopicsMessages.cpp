#include "DeleteTopicsMessages.h"

namespace postoffice::broker {

// v0-v3 share one layout (v1 adds the throttle time); v4+ is flexible and not handled.

bool decodeDeleteTopicsRequest(WireReader &in, std::int16_t, DeleteTopicsRequest &out)
{
    out = DeleteTopicsRequest();
    out.topicNames = in.stringArray(false);
    out.timeoutMs = in.int32();
    return in.ok();
}

void encodeDeleteTopicsRequest(WireWriter &out, std::int16_t, const DeleteTopicsRequest &request)
{
    out.stringArray(request.topicNames, false);
    out.int32(request.timeoutMs);
}

void encodeDeleteTopicsResponse(WireWriter &out, std::int16_t version, const DeleteTopicsResponse &response)
{
    if (version >= 1)
        out.int32(response.throttleTimeMs);
    out.arrayLength(std::int32_t(response.responses.size()));
    for (const DeletableTopicResult &r : response.responses) {
        out.string(r.name);
        out.int16(std::int16_t(r.errorCode));
    }
}

bool decodeDeleteTopicsResponse(WireReader &in, std::int16_t version, DeleteTopicsResponse &out)
{
    out = DeleteTopicsResponse();
    if (version >= 1)
        out.throttleTimeMs = in.int32();
    const std::int32_t n = in.arrayLength();
    for (std::int32_t i = 0; i < n && in.ok(); ++i) {
        DeletableTopicResult r;
        r.name = in.string();
        r.errorCode = ErrorCode(in.int16());
        out.responses.push_back(std::move(r));
    }
    return in.ok();
}

} // namespace postoffice::broker
