#pragma once

#include "ErrorCode.h"
#include "KafkaApi.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace postoffice::broker {

// Fetch (key 1), v4-v12 decoded/encoded (v4 is the first whose records are batch v2; 7+ fetch
// sessions, 11 rack_id and preferred read replica, 12+ flexible); supportedApis() says which are
// served. Versions 13+ name topics by id and are not handled.
struct FetchPartition
{
    std::int32_t partition = 0;
    std::int32_t currentLeaderEpoch = -1; // v9+
    std::int64_t fetchOffset = 0;
    std::int32_t lastFetchedEpoch = -1; // v12+
    std::int64_t logStartOffset = -1;   // v5+ (followers only)
    std::int32_t partitionMaxBytes = 0; // max.partition.fetch.bytes
};

struct FetchTopic
{
    std::string topic;
    std::vector<FetchPartition> partitions;
};

struct FetchForgottenTopic
{
    std::string topic;
    std::vector<std::int32_t> partitions;
};

struct FetchRequest
{
    std::int32_t replicaId = -1;        // -1 for consumers
    std::int32_t maxWaitMs = 500;       // fetch.max.wait.ms
    std::int32_t minBytes = 1;          // fetch.min.bytes
    std::int32_t maxBytes = 0x7fffffff; // fetch.max.bytes, v3+
    std::int8_t isolationLevel = 0;     // 0 read_uncommitted, 1 read_committed
    std::int32_t sessionId = 0;         // v7+ (KIP-227 incremental fetch sessions)
    std::int32_t sessionEpoch = -1;     // v7+
    std::vector<FetchTopic> topics;
    std::vector<FetchForgottenTopic> forgottenTopics; // v7+
    std::string rackId;                               // v11+ (client.rack)
};

struct FetchAbortedTransaction
{
    std::int64_t producerId = 0;
    std::int64_t firstOffset = 0;
};

struct FetchPartitionData
{
    std::int32_t partitionIndex = 0;
    ErrorCode errorCode = ErrorCode::None;
    std::int64_t highWatermark = -1;
    std::int64_t lastStableOffset = -1;                                      // v4+
    std::int64_t logStartOffset = -1;                                        // v5+
    std::optional<std::vector<FetchAbortedTransaction>> abortedTransactions; // v4+, null = none
    std::int32_t preferredReadReplica = -1;                                  // v11+
    // Encoded record batches (encodeRecordBatch), null when there are none. The response owns
    // them; on decode they are a copy.
    std::optional<std::vector<std::uint8_t>> records;
};

struct FetchTopicResponse
{
    std::string topic;
    std::vector<FetchPartitionData> partitions;
};

struct FetchResponse
{
    std::int32_t throttleTimeMs = 0;
    ErrorCode errorCode = ErrorCode::None; // v7+ (session errors)
    std::int32_t sessionId = 0;            // v7+; 0 = no session
    std::vector<FetchTopicResponse> topics;
};

bool decodeFetchRequest(WireReader &in, std::int16_t version, FetchRequest &out);
void encodeFetchRequest(WireWriter &out, std::int16_t version, const FetchRequest &request);
void encodeFetchResponse(WireWriter &out, std::int16_t version, const FetchResponse &response);
// The server's variant: each partition's records field (its last) is written in place by
// `writeRecords(topicIndex, partitionIndex, out)`, which appends the partition's record batches to
// `out`, so that record bytes are copied once, from the log into the response frame. The
// partitions' `records` members are not read; a partition given no bytes gets an empty field.
using FetchRecordsWriter = std::function<void(std::size_t topic, std::size_t partition, WireWriter &out)>;
void encodeFetchResponseInPlace(WireWriter &out, std::int16_t version, const FetchResponse &response,
                                const FetchRecordsWriter &writeRecords);
bool decodeFetchResponse(WireReader &in, std::int16_t version, FetchResponse &out);

} // namespace postoffice::broker
