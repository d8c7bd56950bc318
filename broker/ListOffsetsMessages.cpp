#include "ListOffsetsMessages.h"

namespace postoffice::broker {

namespace {
constexpr ApiKey kKey = ApiKey::ListOffsets;
}

bool decodeListOffsetsRequest(WireReader &in, std::int16_t version, ListOffsetsRequest &out)
{
    const bool flex = isFlexible(kKey, version);
    out = ListOffsetsRequest();
    out.replicaId = in.int32();
    if (version >= 2)
        out.isolationLevel = in.int8();
    const std::int32_t topics = in.arrayLength(flex);
    for (std::int32_t i = 0; i < topics && in.ok(); ++i) {
        ListOffsetsTopic t;
        t.name = in.string(flex);
        const std::int32_t partitions = in.arrayLength(flex);
        for (std::int32_t j = 0; j < partitions && in.ok(); ++j) {
            ListOffsetsPartition p;
            p.partitionIndex = in.int32();
            if (version >= 4)
                p.currentLeaderEpoch = in.int32();
            p.timestamp = in.int64();
            if (version == 0)
                p.maxNumOffsets = in.int32();
            in.taggedFields(flex);
            t.partitions.push_back(p);
        }
        in.taggedFields(flex);
        out.topics.push_back(std::move(t));
    }
    in.taggedFields(flex);
    return in.ok();
}

void encodeListOffsetsRequest(WireWriter &out, std::int16_t version, const ListOffsetsRequest &request)
{
    const bool flex = isFlexible(kKey, version);
    out.int32(request.replicaId);
    if (version >= 2)
        out.int8(request.isolationLevel);
    out.arrayLength(std::int32_t(request.topics.size()), flex);
    for (const ListOffsetsTopic &t : request.topics) {
        out.string(t.name, flex);
        out.arrayLength(std::int32_t(t.partitions.size()), flex);
        for (const ListOffsetsPartition &p : t.partitions) {
            out.int32(p.partitionIndex);
            if (version >= 4)
                out.int32(p.currentLeaderEpoch);
            out.int64(p.timestamp);
            if (version == 0)
                out.int32(p.maxNumOffsets);
            out.taggedFields(flex);
        }
        out.taggedFields(flex);
    }
    out.taggedFields(flex);
}

void encodeListOffsetsResponse(WireWriter &out, std::int16_t version, const ListOffsetsResponse &response)
{
    const bool flex = isFlexible(kKey, version);
    if (version >= 2)
        out.int32(response.throttleTimeMs);
    out.arrayLength(std::int32_t(response.topics.size()), flex);
    for (const ListOffsetsTopicResponse &t : response.topics) {
        out.string(t.name, flex);
        out.arrayLength(std::int32_t(t.partitions.size()), flex);
        for (const ListOffsetsPartitionResponse &p : t.partitions) {
            out.int32(p.partitionIndex);
            out.int16(std::int16_t(p.errorCode));
            if (version == 0) {
                if (!p.oldStyleOffsets.empty()) {
                    out.arrayLength(std::int32_t(p.oldStyleOffsets.size()));
                    for (const std::int64_t o : p.oldStyleOffsets)
                        out.int64(o);
                } else if (p.offset >= 0) {
                    out.arrayLength(1);
                    out.int64(p.offset);
                } else {
                    out.arrayLength(0);
                }
            }
            if (version >= 1) {
                out.int64(p.timestamp);
                out.int64(p.offset);
            }
            if (version >= 4)
                out.int32(p.leaderEpoch);
            out.taggedFields(flex);
        }
        out.taggedFields(flex);
    }
    out.taggedFields(flex);
}

bool decodeListOffsetsResponse(WireReader &in, std::int16_t version, ListOffsetsResponse &out)
{
    const bool flex = isFlexible(kKey, version);
    out = ListOffsetsResponse();
    if (version >= 2)
        out.throttleTimeMs = in.int32();
    const std::int32_t topics = in.arrayLength(flex);
    for (std::int32_t i = 0; i < topics && in.ok(); ++i) {
        ListOffsetsTopicResponse t;
        t.name = in.string(flex);
        const std::int32_t partitions = in.arrayLength(flex);
        for (std::int32_t j = 0; j < partitions && in.ok(); ++j) {
            ListOffsetsPartitionResponse p;
            p.partitionIndex = in.int32();
            p.errorCode = ErrorCode(in.int16());
            if (version == 0) {
                const std::int32_t n = in.arrayLength();
                for (std::int32_t k = 0; k < n && in.ok(); ++k)
                    p.oldStyleOffsets.push_back(in.int64());
                p.offset = p.oldStyleOffsets.empty() ? -1 : p.oldStyleOffsets.front();
            }
            if (version >= 1) {
                p.timestamp = in.int64();
                p.offset = in.int64();
            }
            if (version >= 4)
                p.leaderEpoch = in.int32();
            in.taggedFields(flex);
            t.partitions.push_back(std::move(p));
        }
        in.taggedFields(flex);
        out.topics.push_back(std::move(t));
    }
    in.taggedFields(flex);
    return in.ok();
}

} // namespace postoffice::broker
