#pragma once

#include "WireReader.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace postoffice::broker {

// Kafka's API keys (the numbers are Kafka's). Only the APIs PostOffice serves are named.
enum class ApiKey : std::int16_t {
    Produce = 0,
    Fetch = 1,
    ListOffsets = 2,
    Metadata = 3,
    OffsetCommit = 8,
    OffsetFetch = 9,
    FindCoordinator = 10,
    JoinGroup = 11,
    Heartbeat = 12,
    LeaveGroup = 13,
    SyncGroup = 14,
    DescribeGroups = 15,
    ListGroups = 16,
    SaslHandshake = 17,
    ApiVersions = 18,
    CreateTopics = 19,
    DeleteTopics = 20,
    InitProducerId = 22,
    DescribeConfigs = 32,
};

struct ApiVersionRange
{
    ApiKey key;
    std::int16_t minVersion;
    std::int16_t maxVersion;
};

// The versions PostOffice serves (what ApiVersions advertises), one table for every API incl. the
// group APIs. Ascending by key.
std::span<const ApiVersionRange> supportedApis();
std::optional<ApiVersionRange> supportedRange(std::int16_t apiKey);
bool isSupported(std::int16_t apiKey, std::int16_t apiVersion);
// The consumer group APIs (OffsetCommit, OffsetFetch, JoinGroup, Heartbeat, LeaveGroup, SyncGroup,
// DescribeGroups, ListGroups): what WireGroupCoordinator answers.
bool isGroupApi(std::int16_t apiKey);

// Kafka's name of an API ("Produce", "ApiVersions"), "Unknown" otherwise; for logs.
const char *apiName(std::int16_t apiKey);

// Whether (key, version) uses the flexible encoding (KIP-482): compact strings/arrays, tagged
// fields, request header v2 and response header v1 (ApiVersions' response header is always v0).
// Answers for every version Kafka defines, served or not.
bool isFlexible(ApiKey key, std::int16_t version);

struct RequestHeader
{
    std::int16_t apiKey = 0;
    std::int16_t apiVersion = 0;
    std::int32_t correlationId = 0;
    std::optional<std::string> clientId;
};

// Reads the header of a request frame (the frame's 4-byte size already stripped); nullopt if
// malformed. For an unknown api key or an unsupported version it still returns the header (the
// caller answers UNSUPPORTED_VERSION), reading it as a v1 header. On return `in` is positioned at
// the request body.
std::optional<RequestHeader> readRequestHeader(WireReader &in);

// Writes size prefix + response header + body into a frame ready for the socket.
std::vector<std::uint8_t> responseFrame(const RequestHeader &request, std::span<const std::uint8_t> body);

// The response header's size for this request (4 for v0, 5 for v1), for callers that write the
// body in place after reserving room for the frame size and header.
std::size_t responseHeaderSize(const RequestHeader &request);
// Writes the frame size and response header into the first 4 + responseHeaderSize() bytes of
// `frame`, whose body follows them: the zero-copy variant of responseFrame().
void patchResponseFrame(const RequestHeader &request, std::vector<std::uint8_t> &frame);

} // namespace postoffice::broker
