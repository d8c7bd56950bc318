#pragma once

#include "ErrorCode.h"
#include "KafkaApi.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <string>
#include <vector>

namespace postoffice::broker {

// ListOffsets (key 2), v0-v5: the offset for a timestamp, or -2 (earliest) / -1 (latest).
struct ListOffsetsPartition
{
    std::int32_t partitionIndex = 0;
    std::int32_t currentLeaderEpoch = -1; // v4+
    std::int64_t timestamp = -1;          // -1 latest, -2 earliest, else the first offset at or after it
    std::int32_t maxNumOffsets = 1;       // v0 only
};

struct ListOffsetsTopic
{
    std::string name;
    std::vector<ListOffsetsPartition> partitions;
};

struct ListOffsetsRequest
{
    std::int32_t replicaId = -1;
    std::int8_t isolationLevel = 0; // v2+
    std::vector<ListOffsetsTopic> topics;
};

struct ListOffsetsPartitionResponse
{
    std::int32_t partitionIndex = 0;
    ErrorCode errorCode = ErrorCode::None;
    // v0 answers with a list of offsets; when left empty, the encoder sends [offset] (or [] when
    // offset is -1), so filling timestamp/offset serves every version.
    std::vector<std::int64_t> oldStyleOffsets;
    std::int64_t timestamp = -1;   // v1+
    std::int64_t offset = -1;      // v1+
    std::int32_t leaderEpoch = -1; // v4+
};

struct ListOffsetsTopicResponse
{
    std::string name;
    std::vector<ListOffsetsPartitionResponse> partitions;
};

struct ListOffsetsResponse
{
    std::int32_t throttleTimeMs = 0; // v2+
    std::vector<ListOffsetsTopicResponse> topics;
};

bool decodeListOffsetsRequest(WireReader &in, std::int16_t version, ListOffsetsRequest &out);
void encodeListOffsetsRequest(WireWriter &out, std::int16_t version, const ListOffsetsRequest &request);
void encodeListOffsetsResponse(WireWriter &out, std::int16_t version, const ListOffsetsResponse &response);
// For v0, offset is set to the first of oldStyleOffsets (or -1).
bool decodeListOffsetsResponse(WireReader &in, std::int16_t version, ListOffsetsResponse &out);

} // namespace postoffice::broker
