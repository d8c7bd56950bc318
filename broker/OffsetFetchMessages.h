#pragma once

#include "ErrorCode.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker {

// OffsetFetch (api key 9), versions 0-5 (Kafka's OffsetFetchRequest.json / OffsetFetchResponse.json):
// v2 allows null topics (every committed offset of the group) and adds a top-level error code, v3 the
// throttle time, v5 the committed leader epoch. v6+ are flexible and not served.
constexpr std::int16_t kOffsetFetchMinVersion = 0;
constexpr std::int16_t kOffsetFetchMaxVersion = 5;

struct OffsetFetchRequestTopic
{
    std::string name;
    std::vector<std::int32_t> partitionIndexes;
    bool operator==(const OffsetFetchRequestTopic &) const = default;
};

struct OffsetFetchRequest
{
    std::string groupId;
    // nullopt (v2+ only; v0-1 encode it as an empty array): every partition the group committed.
    std::optional<std::vector<OffsetFetchRequestTopic>> topics;
    bool operator==(const OffsetFetchRequest &) const = default;
};

struct OffsetFetchResponsePartition
{
    std::int32_t partitionIndex = 0;
    std::int64_t committedOffset = -1;      // -1: nothing committed
    std::int32_t committedLeaderEpoch = -1; // v5+
    std::optional<std::string> metadata;
    ErrorCode errorCode = ErrorCode::None;
    bool operator==(const OffsetFetchResponsePartition &) const = default;
};

struct OffsetFetchResponseTopic
{
    std::string name;
    std::vector<OffsetFetchResponsePartition> partitions;
    bool operator==(const OffsetFetchResponseTopic &) const = default;
};

struct OffsetFetchResponse
{
    std::int32_t throttleTimeMs = 0; // v3+
    std::vector<OffsetFetchResponseTopic> topics;
    ErrorCode errorCode = ErrorCode::None; // v2+
    bool operator==(const OffsetFetchResponse &) const = default;
};

bool decodeOffsetFetchRequest(WireReader &in, std::int16_t version, OffsetFetchRequest &out);
void encodeOffsetFetchRequest(WireWriter &out, std::int16_t version, const OffsetFetchRequest &request);
bool decodeOffsetFetchResponse(WireReader &in, std::int16_t version, OffsetFetchResponse &out);
void encodeOffsetFetchResponse(WireWriter &out, std::int16_t version, const OffsetFetchResponse &response);

} // namespace postoffice::broker
