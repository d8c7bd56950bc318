#include "OffsetCommitMessages.h"

namespace postoffice::broker {

namespace {

bool inRange(std::int16_t version)
{
    return version >= kOffsetCommitMinVersion && version <= kOffsetCommitMaxVersion;
}

} // namespace

bool decodeOffsetCommitRequest(WireReader &in, std::int16_t version, OffsetCommitRequest &out)
{
    if (!inRange(version))
        return false;
    out = {};
    out.groupId = in.string();
    if (version >= 1) {
        out.generationId = in.int32();
        out.memberId = in.string();
    }
    if (version >= 7)
        out.groupInstanceId = in.nullableString();
    if (version >= 2 && version <= 4)
        out.retentionTimeMs = in.int64();
    const std::int32_t topics = in.arrayLength();
    for (std::int32_t t = 0; t < topics && in.ok(); ++t) {
        OffsetCommitRequestTopic topic;
        topic.name = in.string();
        const std::int32_t partitions = in.arrayLength();
        for (std::int32_t p = 0; p < partitions && in.ok(); ++p) {
            OffsetCommitRequestPartition part;
            part.partitionIndex = in.int32();
            part.committedOffset = in.int64();
            if (version >= 6)
                part.committedLeaderEpoch = in.int32();
            if (version == 1)
                part.commitTimestamp = in.int64();
            part.committedMetadata = in.nullableString();
            topic.partitions.push_back(std::move(part));
        }
        out.topics.push_back(std::move(topic));
    }
    return in.ok();
}

void encodeOffsetCommitRequest(WireWriter &out, std::int16_t version, const OffsetCommitRequest &request)
{
    out.string(request.groupId);
    if (version >= 1) {
        out.int32(request.generationId);
        out.string(request.memberId);
    }
    if (version >= 7)
        out.nullableString(request.groupInstanceId);
    if (version >= 2 && version <= 4)
        out.int64(request.retentionTimeMs);
    out.arrayLength(std::int32_t(request.topics.size()));
    for (const OffsetCommitRequestTopic &topic : request.topics) {
        out.string(topic.name);
        out.arrayLength(std::int32_t(topic.partitions.size()));
        for (const OffsetCommitRequestPartition &part : topic.partitions) {
            out.int32(part.partitionIndex);
            out.int64(part.committedOffset);
            if (version >= 6)
                out.int32(part.committedLeaderEpoch);
            if (version == 1)
                out.int64(part.commitTimestamp);
            out.nullableString(part.committedMetadata);
        }
    }
}

bool decodeOffsetCommitResponse(WireReader &in, std::int16_t version, OffsetCommitResponse &out)
{
    if (!inRange(version))
        return false;
    out = {};
    if (version >= 3)
        out.throttleTimeMs = in.int32();
    const std::int32_t topics = in.arrayLength();
    for (std::int32_t t = 0; t < topics && in.ok(); ++t) {
        OffsetCommitResponseTopic topic;
        topic.name = in.string();
        const std::int32_t partitions = in.arrayLength();
        for (std::int32_t p = 0; p < partitions && in.ok(); ++p) {
            OffsetCommitResponsePartition part;
            part.partitionIndex = in.int32();
            part.errorCode = ErrorCode(in.int16());
            topic.partitions.push_back(part);
        }
        out.topics.push_back(std::move(topic));
    }
    return in.ok();
}

void encodeOffsetCommitResponse(WireWriter &out, std::int16_t version, const OffsetCommitResponse &response)
{
    if (version >= 3)
        out.int32(response.throttleTimeMs);
    out.arrayLength(std::int32_t(response.topics.size()));
    for (const OffsetCommitResponseTopic &topic : response.topics) {
        out.string(topic.name);
        out.arrayLength(std::int32_t(topic.partitions.size()));
        for (const OffsetCommitResponsePartition &part : topic.partitions) {
            out.int32(part.partitionIndex);
            out.int16(std::int16_t(part.errorCode));
        }
    }
}

} // namespace postoffice::broker
