#pragma once

#include "ErrorCode.h"
#include "KafkaApi.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <string>
#include <vector>

namespace postoffice::broker {

// ApiVersions (key 18), v0-v3; v3 is flexible. The first request a client sends: it learns which
// versions of each API this broker speaks.
struct ApiVersionsRequest
{
    std::string clientSoftwareName;    // v3+
    std::string clientSoftwareVersion; // v3+
};

struct ApiVersionsApiKey
{
    std::int16_t apiKey = 0;
    std::int16_t minVersion = 0;
    std::int16_t maxVersion = 0;
    bool operator==(const ApiVersionsApiKey &) const = default;
};

struct ApiVersionsResponse
{
    ErrorCode errorCode = ErrorCode::None;
    std::vector<ApiVersionsApiKey> apiKeys;
    std::int32_t throttleTimeMs = 0; // v1+
};

bool decodeApiVersionsRequest(WireReader &in, std::int16_t version, ApiVersionsRequest &out);
void encodeApiVersionsRequest(WireWriter &out, std::int16_t version, const ApiVersionsRequest &request);
void encodeApiVersionsResponse(WireWriter &out, std::int16_t version, const ApiVersionsResponse &response);
bool decodeApiVersionsResponse(WireReader &in, std::int16_t version, ApiVersionsResponse &out);

// This broker's answer: every API of supportedApis() with its range, no error.
ApiVersionsResponse supportedApiVersions();

// The answer to an ApiVersions request of a version this broker does not speak: a v0 body with
// UNSUPPORTED_VERSION and the API list, which every client can read and then retry at a version
// from the list (Kafka does the same, KIP-511). The response header is v0 as always for
// ApiVersions, so responseFrame() applies unchanged.
void encodeApiVersionsUnsupported(WireWriter &out);

} // namespace postoffice::broker
