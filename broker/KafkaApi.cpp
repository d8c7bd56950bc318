#include "KafkaApi.h"

#include "DescribeGroupsMessages.h"
#include "HeartbeatMessages.h"
#include "JoinGroupMessages.h"
#include "LeaveGroupMessages.h"
#include "ListGroupsMessages.h"
#include "OffsetCommitMessages.h"
#include "OffsetFetchMessages.h"
#include "SyncGroupMessages.h"
#include "WireWriter.h"

#include <algorithm>
#include <array>

namespace postoffice::broker {

namespace {

// What the clients in use negotiate (librdkafka 2.0, kafka-python 2.0, kafkajs, the Java client),
// stopping before an API's first flexible version where that would cost a lot (older Kafka brokers
// do the same, and every client falls back). ApiVersions itself goes to v3, the flexible one.
// Produce starts at v0 although v0-v2 carry message format 0/1, which PostOffice does not store
// (such a request is answered UNSUPPORTED_FOR_MESSAGE_FORMAT): librdkafka 2.0 turns gzip, snappy and
// lz4 compression off against a broker whose Produce range does not include v0.
// Fetch starts at v4: v0-v3 responses would have to be down-converted to magic 0/1.
// The group APIs' ranges are their message files' own, so what is advertised is what is decoded.
constexpr std::array<ApiVersionRange, 18> kSupported{{
    {ApiKey::Produce, 0, 8},
    {ApiKey::Fetch, 4, 11},
    {ApiKey::ListOffsets, 0, 5},
    {ApiKey::Metadata, 0, 8},
    {ApiKey::OffsetCommit, kOffsetCommitMinVersion, kOffsetCommitMaxVersion},
    {ApiKey::OffsetFetch, kOffsetFetchMinVersion, kOffsetFetchMaxVersion},
    {ApiKey::FindCoordinator, 0, 2},
    {ApiKey::JoinGroup, kJoinGroupMinVersion, kJoinGroupMaxVersion},
    {ApiKey::Heartbeat, kHeartbeatMinVersion, kHeartbeatMaxVersion},
    {ApiKey::LeaveGroup, kLeaveGroupMinVersion, kLeaveGroupMaxVersion},
    {ApiKey::SyncGroup, kSyncGroupMinVersion, kSyncGroupMaxVersion},
    {ApiKey::DescribeGroups, kDescribeGroupsMinVersion, kDescribeGroupsMaxVersion},
    {ApiKey::ListGroups, kListGroupsMinVersion, kListGroupsMaxVersion},
    {ApiKey::ApiVersions, 0, 3},
    {ApiKey::CreateTopics, 0, 4},
    {ApiKey::DeleteTopics, 0, 3},
    {ApiKey::InitProducerId, 0, 1},
    {ApiKey::DescribeConfigs, 0, 2},
}};

// First flexible version of each API (Kafka's message definitions, "flexibleVersions").
std::int16_t firstFlexibleVersion(ApiKey key)
{
    switch (key) {
    case ApiKey::Produce:
        return 9;
    case ApiKey::Fetch:
        return 12;
    case ApiKey::ListOffsets:
        return 6;
    case ApiKey::Metadata:
        return 9;
    case ApiKey::OffsetCommit:
        return 8;
    case ApiKey::OffsetFetch:
        return 6;
    case ApiKey::FindCoordinator:
        return 3;
    case ApiKey::JoinGroup:
        return 6;
    case ApiKey::Heartbeat:
        return 4;
    case ApiKey::LeaveGroup:
        return 4;
    case ApiKey::SyncGroup:
        return 4;
    case ApiKey::DescribeGroups:
        return 5;
    case ApiKey::ListGroups:
        return 3;
    case ApiKey::SaslHandshake:
        return 0x7fff; // never flexible
    case ApiKey::ApiVersions:
        return 3;
    case ApiKey::CreateTopics:
        return 5;
    case ApiKey::DeleteTopics:
        return 4;
    case ApiKey::InitProducerId:
        return 2;
    case ApiKey::DescribeConfigs:
        return 4;
    }
    return 0x7fff;
}

} // namespace

std::span<const ApiVersionRange> supportedApis()
{
    return kSupported;
}

std::optional<ApiVersionRange> supportedRange(std::int16_t apiKey)
{
    for (const ApiVersionRange &r : kSupported)
        if (std::int16_t(r.key) == apiKey)
            return r;
    return std::nullopt;
}

bool isSupported(std::int16_t apiKey, std::int16_t apiVersion)
{
    const auto r = supportedRange(apiKey);
    return r && apiVersion >= r->minVersion && apiVersion <= r->maxVersion;
}

bool isGroupApi(std::int16_t apiKey)
{
    switch (ApiKey(apiKey)) {
    case ApiKey::OffsetCommit:
    case ApiKey::OffsetFetch:
    case ApiKey::JoinGroup:
    case ApiKey::Heartbeat:
    case ApiKey::LeaveGroup:
    case ApiKey::SyncGroup:
    case ApiKey::DescribeGroups:
    case ApiKey::ListGroups:
        return true;
    default:
        return false;
    }
}

const char *apiName(std::int16_t apiKey)
{
    switch (ApiKey(apiKey)) {
    case ApiKey::Produce:
        return "Produce";
    case ApiKey::Fetch:
        return "Fetch";
    case ApiKey::ListOffsets:
        return "ListOffsets";
    case ApiKey::Metadata:
        return "Metadata";
    case ApiKey::OffsetCommit:
        return "OffsetCommit";
    case ApiKey::OffsetFetch:
        return "OffsetFetch";
    case ApiKey::FindCoordinator:
        return "FindCoordinator";
    case ApiKey::JoinGroup:
        return "JoinGroup";
    case ApiKey::Heartbeat:
        return "Heartbeat";
    case ApiKey::LeaveGroup:
        return "LeaveGroup";
    case ApiKey::SyncGroup:
        return "SyncGroup";
    case ApiKey::DescribeGroups:
        return "DescribeGroups";
    case ApiKey::ListGroups:
        return "ListGroups";
    case ApiKey::SaslHandshake:
        return "SaslHandshake";
    case ApiKey::ApiVersions:
        return "ApiVersions";
    case ApiKey::CreateTopics:
        return "CreateTopics";
    case ApiKey::DeleteTopics:
        return "DeleteTopics";
    case ApiKey::InitProducerId:
        return "InitProducerId";
    case ApiKey::DescribeConfigs:
        return "DescribeConfigs";
    }
    return "Unknown";
}

bool isFlexible(ApiKey key, std::int16_t version)
{
    return version >= firstFlexibleVersion(key);
}

std::optional<RequestHeader> readRequestHeader(WireReader &in)
{
    RequestHeader h;
    h.apiKey = in.int16();
    h.apiVersion = in.int16();
    h.correlationId = in.int32();
    h.clientId = in.nullableString(); // client_id stays a classic nullable string even in header v2
    if (!in.ok())
        return std::nullopt;
    // Header v2 (flexible requests) adds tagged fields. Only for served versions: anything else is
    // read as v1 and answered UNSUPPORTED_VERSION without looking at the body.
    if (isSupported(h.apiKey, h.apiVersion) && isFlexible(ApiKey(h.apiKey), h.apiVersion)) {
        in.skipTaggedFields();
        if (!in.ok())
            return std::nullopt;
    }
    return h;
}

std::size_t responseHeaderSize(const RequestHeader &request)
{
    // ApiVersions answers with header v0 at every version, so that a client can read the error
    // before it knows which versions the broker speaks (KIP-511).
    const bool v1 = request.apiKey != std::int16_t(ApiKey::ApiVersions) &&
                    isFlexible(ApiKey(request.apiKey), request.apiVersion);
    return v1 ? 5 : 4;
}

void patchResponseFrame(const RequestHeader &request, std::vector<std::uint8_t> &frame)
{
    const std::size_t headerSize = responseHeaderSize(request);
    const auto put32 = [&frame](std::size_t at, std::uint32_t v) {
        frame[at] = std::uint8_t(v >> 24);
        frame[at + 1] = std::uint8_t(v >> 16);
        frame[at + 2] = std::uint8_t(v >> 8);
        frame[at + 3] = std::uint8_t(v);
    };
    put32(0, std::uint32_t(frame.size() - 4));
    put32(4, std::uint32_t(request.correlationId));
    if (headerSize == 5)
        frame[8] = 0; // no tagged fields
}

std::vector<std::uint8_t> responseFrame(const RequestHeader &request, std::span<const std::uint8_t> body)
{
    const std::size_t headerSize = responseHeaderSize(request);
    std::vector<std::uint8_t> frame(4 + headerSize + body.size());
    if (!body.empty())
        std::copy(body.begin(), body.end(), frame.begin() + std::ptrdiff_t(4 + headerSize));
    patchResponseFrame(request, frame);
    return frame;
}

} // namespace postoffice::broker
