#pragma once

#include "ErrorCode.h"
#include "KafkaApi.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker {

// CreateTopics (key 19), v0-v4 (AdminClient.createTopics, kafka-topics --create).
struct CreatableReplicaAssignment
{
    std::int32_t partitionIndex = 0;
    std::vector<std::int32_t> brokerIds;
};

struct CreatableTopicConfig
{
    std::string name;
    std::optional<std::string> value;
};

struct CreatableTopic
{
    std::string name;
    std::int32_t numPartitions = -1;     // -1: the broker's num.partitions (v4+ clients)
    std::int16_t replicationFactor = -1; // -1: default.replication.factor
    std::vector<CreatableReplicaAssignment> assignments;
    std::vector<CreatableTopicConfig> configs;
};

struct CreateTopicsRequest
{
    std::vector<CreatableTopic> topics;
    std::int32_t timeoutMs = 60000;
    bool validateOnly = false; // v1+
};

struct CreatableTopicResult
{
    std::string name;
    ErrorCode errorCode = ErrorCode::None;
    std::optional<std::string> errorMessage; // v1+
};

struct CreateTopicsResponse
{
    std::int32_t throttleTimeMs = 0; // v2+
    std::vector<CreatableTopicResult> topics;
};

bool decodeCreateTopicsRequest(WireReader &in, std::int16_t version, CreateTopicsRequest &out);
void encodeCreateTopicsRequest(WireWriter &out, std::int16_t version, const CreateTopicsRequest &request);
void encodeCreateTopicsResponse(WireWriter &out, std::int16_t version, const CreateTopicsResponse &response);
bool decodeCreateTopicsResponse(WireReader &in, std::int16_t version, CreateTopicsResponse &out);

} // namespace postoffice::broker
