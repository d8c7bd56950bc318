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

// DescribeConfigs (key 32), v0-v2: a topic's (resource type 2) or broker's (4) configuration.
struct DescribeConfigsResource
{
    std::int8_t resourceType = 2; // 2 topic, 4 broker
    std::string resourceName;
    std::optional<std::vector<std::string>> configurationKeys; // null = all
};

struct DescribeConfigsRequest
{
    std::vector<DescribeConfigsResource> resources;
    bool includeSynonyms = false; // v1+
};

struct DescribeConfigsSynonym
{
    std::string name;
    std::optional<std::string> value;
    std::int8_t source = 0;
};

// Kafka's ConfigSource values (v1+).
enum class ConfigSource : std::int8_t {
    Unknown = 0,
    DynamicTopicConfig = 1,
    DynamicBrokerConfig = 2,
    DynamicDefaultBrokerConfig = 3,
    StaticBrokerConfig = 4,
    DefaultConfig = 5,
};

struct DescribeConfigsEntry
{
    std::string name;
    std::optional<std::string> value;
    bool readOnly = false;
    bool isDefault = false;        // v0 only (v1+ says it with configSource)
    std::int8_t configSource = -1; // v1+
    bool isSensitive = false;
    std::vector<DescribeConfigsSynonym> synonyms; // v1+
};

struct DescribeConfigsResult
{
    ErrorCode errorCode = ErrorCode::None;
    std::optional<std::string> errorMessage;
    std::int8_t resourceType = 2;
    std::string resourceName;
    std::vector<DescribeConfigsEntry> configs;
};

struct DescribeConfigsResponse
{
    std::int32_t throttleTimeMs = 0;
    std::vector<DescribeConfigsResult> results;
};

bool decodeDescribeConfigsRequest(WireReader &in, std::int16_t version, DescribeConfigsRequest &out);
void encodeDescribeConfigsRequest(WireWriter &out, std::int16_t version,
                                  const DescribeConfigsRequest &request);
void encodeDescribeConfigsResponse(WireWriter &out, std::int16_t version,
                                   const DescribeConfigsResponse &response);
bool decodeDescribeConfigsResponse(WireReader &in, std::int16_t version, DescribeConfigsResponse &out);

} // namespace postoffice::broker
