#include "OffsetFetchMessages.h"

namespace postoffice::broker {

namespace {

bool inRange(std::int16_t version)
{
    return version >= kOffsetFetchMinVersion && version <= kOffsetFetchMaxVersion;
}

} // namespace

bool decodeOffsetFetchRequest(WireReader &in, std::int16_t version, OffsetFetchRequest &out)
{
    if (!inRange(version))
        return false;
    out = {};
    out.groupId = in.string();
    const std::int32_t topics = in.arrayLength();
    if (topics < 0) {
        // Null means "all topics" from v2 on; before that the field is not nullable.
        if (version < 2)
            in.fail();
        return in.ok();
    }
    out.topics.emplace();
    for (std::int32_t t = 0; t < topics && in.ok(); ++t) {
        OffsetFetchRequestTopic topic;
        topic.name = in.string();
        const std::int32_t partitions = in.arrayLength();
        for (std::int32_t p = 0; p < partitions && in.ok(); ++p)
            topic.partitionIndexes.push_back(in.int32());
        out.topics->push_back(std::move(topic));
    }
    return in.ok();
}

void encodeOffsetFetchRequest(WireWriter &out, std::int16_t version, const OffsetFetchRequest &request)
{
    out.string(request.groupId);
    if (!request.topics) {
        out.arrayLength(version >= 2 ? -1 : 0);
        return;
    }
    out.arrayLength(std::int32_t(request.topics->size()));
    for (const OffsetFetchRequestTopic &topic : *request.topics) {
        out.string(topic.name);
        out.arrayLength(std::int32_t(topic.partitionIndexes.size()));
        for (std::int32_t p : topic.partitionIndexes)
            out.int32(p);
    }
}

bool decodeOffsetFetchResponse(WireReader &in, std::int16_t version, OffsetFetchResponse &out)
{
    if (!inRange(version))
        return false;
    out = {};
    if (version >= 3)
        out.throttleTimeMs = in.int32();
    const std::int32_t topics = in.arrayLength();
    for (std::int32_t t = 0; t < topics && in.ok(); ++t) {
        OffsetFetchResponseTopic topic;
        topic.name = in.string();
        const std::int32_t partitions = in.arrayLength();
        for (std::int32_t p = 0; p < partitions && in.ok(); ++p) {
            OffsetFetchResponsePartition part;
            part.partitionIndex = in.int32();
            part.committedOffset = in.int64();
            if (version >= 5)
                part.committedLeaderEpoch = in.int32();
            part.metadata = in.nullableString();
            part.errorCode = ErrorCode(in.int16());
            topic.partitions.push_back(std::move(part));
        }
        out.topics.push_back(std::move(topic));
    }
    if (version >= 2)
        out.errorCode = ErrorCode(in.int16());
    return in.ok();
}

void encodeOffsetFetchResponse(WireWriter &out, std::int16_t version, const OffsetFetchResponse &response)
{
    if (version >= 3)
        out.int32(response.throttleTimeMs);
    out.arrayLength(std::int32_t(response.topics.size()));
    for (const OffsetFetchResponseTopic &topic : response.topics) {
        out.string(topic.name);
        out.arrayLength(std::int32_t(topic.partitions.size()));
        for (const OffsetFetchResponsePartition &part : topic.partitions) {
            out.int32(part.partitionIndex);
            out.int64(part.committedOffset);
            if (version >= 5)
                out.int32(part.committedLeaderEpoch);
            out.nullableString(part.metadata);
            out.int16(std::int16_t(part.errorCode));
        }
    }
    if (version >= 2)
        out.int16(std::int16_t(response.errorCode));
}

} // namespace postoffice::broker
