#pragma once

#include "ErrorCode.h"
#include "KafkaApi.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace postoffice::broker {

// Produce (key 0), v0-v9 decoded/encoded (v3 is the first that carries record batch v2: the records
// of v0-v2 are message format 0/1, which decodeRecordBatches() refuses with
// UNSUPPORTED_FOR_MESSAGE_FORMAT; 9+ is flexible); supportedApis() says which are served. The records
// stay raw bytes: decode them with decodeRecordBatches(..., PartialBatch::Reject).
struct ProducePartitionData
{
    std::int32_t index = 0;
    // A view into the request frame: valid while the frame's bytes live.
    std::optional<std::span<const std::uint8_t>> records;
};

struct ProduceTopicData
{
    std::string name;
    std::vector<ProducePartitionData> partitions;
};

struct ProduceRequest
{
    std::optional<std::string> transactionalId;
    std::int16_t acks = -1; // 0, 1 or -1 (all)
    std::int32_t timeoutMs = 30000;
    std::vector<ProduceTopicData> topics;
};

struct ProduceRecordError
{
    std::int32_t batchIndex = 0;
    std::optional<std::string> batchIndexErrorMessage;
};

struct ProducePartitionResponse
{
    std::int32_t index = 0;
    ErrorCode errorCode = ErrorCode::None;
    std::int64_t baseOffset = -1;
    std::int64_t logAppendTimeMs = -1;            // -1 unless message.timestamp.type=LogAppendTime
    std::int64_t logStartOffset = -1;             // v5+
    std::vector<ProduceRecordError> recordErrors; // v8+
    std::optional<std::string> errorMessage;      // v8+
};

struct ProduceTopicResponse
{
    std::string name;
    std::vector<ProducePartitionResponse> partitions;
};

struct ProduceResponse
{
    std::vector<ProduceTopicResponse> topics;
    std::int32_t throttleTimeMs = 0;
};

bool decodeProduceRequest(WireReader &in, std::int16_t version, ProduceRequest &out);
void encodeProduceRequest(WireWriter &out, std::int16_t version, const ProduceRequest &request);
void encodeProduceResponse(WireWriter &out, std::int16_t version, const ProduceResponse &response);
bool decodeProduceResponse(WireReader &in, std::int16_t version, ProduceResponse &out);

} // namespace postoffice::broker
