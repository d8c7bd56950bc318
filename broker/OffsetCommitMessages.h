#pragma once

#include "ErrorCode.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker {

// OffsetCommit (api key 8), versions 0-7 (Kafka's OffsetCommitRequest.json / OffsetCommitResponse.json):
// v1 adds generation, member id and a per-partition commit timestamp; v2-4 replace the timestamp with
// a request-wide retention time; v5 drops it; v6 adds the committed leader epoch; v7
// group.instance.id. The response gains the throttle time in v3. v8+ are flexible and not served.
constexpr std::int16_t kOffsetCommitMinVersion = 0;
constexpr std::int16_t kOffsetCommitMaxVersion = 7;

struct OffsetCommitRequestPartition
{
    std::int32_t partitionIndex = 0;
    std::int64_t committedOffset = 0;
    std::int32_t committedLeaderEpoch = -1; // v6+
    std::int64_t commitTimestamp = -1;      // v1 only
    std::optional<std::string> committedMetadata;
    bool operator==(const OffsetCommitRequestPartition &) const = default;
};

struct OffsetCommitRequestTopic
{
    std::string name;
    std::vector<OffsetCommitRequestPartition> partitions;
    bool operator==(const OffsetCommitRequestTopic &) const = default;
};

struct OffsetCommitRequest
{
    std::string groupId;
    // -1 and "" (v0, or a consumer that manages its partitions itself): a "simple" commit, accepted
    // only while the group has no members.
    std::int32_t generationId = -1;             // v1+
    std::string memberId;                       // v1+
    std::optional<std::string> groupInstanceId; // v7+
    std::int64_t retentionTimeMs = -1;          // v2-4
    std::vector<OffsetCommitRequestTopic> topics;
    bool operator==(const OffsetCommitRequest &) const = default;
};

struct OffsetCommitResponsePartition
{
    std::int32_t partitionIndex = 0;
    ErrorCode errorCode = ErrorCode::None;
    bool operator==(const OffsetCommitResponsePartition &) const = default;
};

struct OffsetCommitResponseTopic
{
    std::string name;
    std::vector<OffsetCommitResponsePartition> partitions;
    bool operator==(const OffsetCommitResponseTopic &) const = default;
};

struct OffsetCommitResponse
{
    std::int32_t throttleTimeMs = 0; // v3+
    std::vector<OffsetCommitResponseTopic> topics;
    bool operator==(const OffsetCommitResponse &) const = default;
};

bool decodeOffsetCommitRequest(WireReader &in, std::int16_t version, OffsetCommitRequest &out);
void encodeOffsetCommitRequest(WireWriter &out, std::int16_t version, const OffsetCommitRequest &request);
bool decodeOffsetCommitResponse(WireReader &in, std::int16_t version, OffsetCommitResponse &out);
void encodeOffsetCommitResponse(WireWriter &out, std::int16_t version, const OffsetCommitResponse &response);

} // namespace postoffice::broker
