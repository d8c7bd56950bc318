#include "ApiVersionsMessages.h"

namespace postoffice::broker {

namespace {
constexpr ApiKey kKey = ApiKey::ApiVersions;
}

bool decodeApiVersionsRequest(WireReader &in, std::int16_t version, ApiVersionsRequest &out)
{
    const bool flex = isFlexible(kKey, version);
    if (version >= 3) {
        out.clientSoftwareName = in.compactString();
        out.clientSoftwareVersion = in.compactString();
    }
    in.taggedFields(flex);
    return in.ok();
}

void encodeApiVersionsRequest(WireWriter &out, std::int16_t version, const ApiVersionsRequest &request)
{
    const bool flex = isFlexible(kKey, version);
    if (version >= 3) {
        out.compactString(request.clientSoftwareName);
        out.compactString(request.clientSoftwareVersion);
    }
    out.taggedFields(flex);
}

void encodeApiVersionsResponse(WireWriter &out, std::int16_t version, const ApiVersionsResponse &response)
{
    const bool flex = isFlexible(kKey, version);
    out.int16(std::int16_t(response.errorCode));
    out.arrayLength(std::int32_t(response.apiKeys.size()), flex);
    for (const ApiVersionsApiKey &k : response.apiKeys) {
        out.int16(k.apiKey);
        out.int16(k.minVersion);
        out.int16(k.maxVersion);
        out.taggedFields(flex);
    }
    if (version >= 1)
        out.int32(response.throttleTimeMs);
    out.taggedFields(flex); // SupportedFeatures, FinalizedFeatures…: none
}

bool decodeApiVersionsResponse(WireReader &in, std::int16_t version, ApiVersionsResponse &out)
{
    const bool flex = isFlexible(kKey, version);
    out.errorCode = ErrorCode(in.int16());
    const std::int32_t n = in.arrayLength(flex);
    out.apiKeys.clear();
    for (std::int32_t i = 0; i < n && in.ok(); ++i) {
        ApiVersionsApiKey k;
        k.apiKey = in.int16();
        k.minVersion = in.int16();
        k.maxVersion = in.int16();
        in.taggedFields(flex);
        out.apiKeys.push_back(k);
    }
    if (version >= 1)
        out.throttleTimeMs = in.int32();
    in.taggedFields(flex);
    return in.ok();
}

ApiVersionsResponse supportedApiVersions()
{
    ApiVersionsResponse r;
    for (const ApiVersionRange &range : supportedApis())
        r.apiKeys.push_back({std::int16_t(range.key), range.minVersion, range.maxVersion});
    return r;
}

void encodeApiVersionsUnsupported(WireWriter &out)
{
    ApiVersionsResponse r = supportedApiVersions();
    r.errorCode = ErrorCode::UnsupportedVersion;
    encodeApiVersionsResponse(out, 0, r);
}

} // namespace postoffice::broker
