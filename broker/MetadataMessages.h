#pragma once

#include "ErrorCode.h"
#include "KafkaApi.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <array>
#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker {

// Metadata (key 3): brokers, topics, partitions with leader, replicas and ISR. Versions 0-12
// decoded/encoded (9+ flexible, 10+ topic ids); supportedApis() says which are served.
struct MetadataRequestTopic
{
    std::array<std::uint8_t, 16> topicId{}; // v10+
    std::optional<std::string> name;        // null only in v10+ (a lookup by id)
};

struct MetadataRequest
{
    // nullopt = every topic (v0 sends an empty array for that; v1+ a null array, and an empty
    // array there means no topic at all).
    std::optional<std::vector<MetadataRequestTopic>> topics;
    bool allowAutoTopicCreation = true;              // v4+ (allow.auto.create.topics on the client)
    bool includeClusterAuthorizedOperations = false; // v8-v10
    bool includeTopicAuthorizedOperations = false;   // v8+
};

struct MetadataBroker
{
    std::int32_t nodeId = 0;
    std::string host;
    std::int32_t port = 0;
    std::optional<std::string> rack; // v1+
};

struct MetadataPartition
{
    ErrorCode errorCode = ErrorCode::None;
    std::int32_t partitionIndex = 0;
    std::int32_t leaderId = -1;
    std::int32_t leaderEpoch = -1; // v7+
    std::vector<std::int32_t> replicaNodes;
    std::vector<std::int32_t> isrNodes;
    std::vector<std::int32_t> offlineReplicas; // v5+
};

struct MetadataTopic
{
    ErrorCode errorCode = ErrorCode::None;
    std::optional<std::string> name;        // null only in v12+ (unknown topic id)
    std::array<std::uint8_t, 16> topicId{}; // v10+
    bool isInternal = false;                // v1+
    std::vector<MetadataPartition> partitions;
    std::int32_t topicAuthorizedOperations = INT32_MIN; // v8+
};

struct MetadataResponse
{
    std::int32_t throttleTimeMs = 0; // v3+
    std::vector<MetadataBroker> brokers;
    std::optional<std::string> clusterId; // v2+
    std::int32_t controllerId = -1;       // v1+
    std::vector<MetadataTopic> topics;
    std::int32_t clusterAuthorizedOperations = INT32_MIN; // v8-v10
};

bool decodeMetadataRequest(WireReader &in, std::int16_t version, MetadataRequest &out);
void encodeMetadataRequest(WireWriter &out, std::int16_t version, const MetadataRequest &request);
void encodeMetadataResponse(WireWriter &out, std::int16_t version, const MetadataResponse &response);
bool decodeMetadataResponse(WireReader &in, std::int16_t version, MetadataResponse &out);

} // namespace postoffice::broker
