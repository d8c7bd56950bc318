#pragma once

#include "ErrorCode.h"
#include "KafkaApi.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <string>
#include <vector>

namespace postoffice::broker {

// DeleteTopics (key 20), v0-v3 (AdminClient.deleteTopics, kafka-topics --delete).
struct DeleteTopicsRequest
{
    std::vector<std::string> topicNames;
    std::int32_t timeoutMs = 30000;
};

struct DeletableTopicResult
{
    std::string name;
    ErrorCode errorCode = ErrorCode::None;
};

struct DeleteTopicsResponse
{
    std::int32_t throttleTimeMs = 0; // v1+
    std::vector<DeletableTopicResult> responses;
};

bool decodeDeleteTopicsRequest(WireReader &in, std::int16_t version, DeleteTopicsRequest &out);
void encodeDeleteTopicsRequest(WireWriter &out, std::int16_t version, const DeleteTopicsRequest &request);
void encodeDeleteTopicsResponse(WireWriter &out, std::int16_t version, const DeleteTopicsResponse &response);
bool decodeDeleteTopicsResponse(WireReader &in, std::int16_t version, DeleteTopicsResponse &out);

} // namespace postoffice::broker
