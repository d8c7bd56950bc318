#include "ProduceMessages.h"

#include <algorithm>

namespace postoffice::broker {

namespace {
constexpr ApiKey kKey = ApiKey::Produce;
}

bool decodeProduceRequest(WireReader &in, std::int16_t version, ProduceRequest &out)
{
    const bool flex = isFlexible(kKey, version);
    out = ProduceRequest();
    if (version >= 3)
        out.transactionalId = in.nullableString(flex);
    out.acks = in.int16();
    out.timeoutMs = in.int32();
    const std::int32_t topics = in.arrayLength(flex);
    out.topics.reserve(std::size_t(std::max(topics, 0)));
    for (std::int32_t i = 0; i < topics && in.ok(); ++i) {
        ProduceTopicData t;
        t.name = in.string(flex);
        const std::int32_t partitions = in.arrayLength(flex);
        t.partitions.reserve(std::size_t(std::max(partitions, 0)));
        for (std::int32_t j = 0; j < partitions && in.ok(); ++j) {
            ProducePartitionData p;
            p.index = in.int32();
            p.records = in.nullableBytes(flex);
            in.taggedFields(flex);
            t.partitions.push_back(p);
        }
        in.taggedFields(flex);
        out.topics.push_back(std::move(t));
    }
    in.taggedFields(flex);
    return in.ok();
}

void encodeProduceRequest(WireWriter &out, std::int16_t version, const ProduceRequest &request)
{
    const bool flex = isFlexible(kKey, version);
    if (version >= 3)
        out.nullableString(request.transactionalId, flex);
    out.int16(request.acks);
    out.int32(request.timeoutMs);
    out.arrayLength(std::int32_t(request.topics.size()), flex);
    for (const ProduceTopicData &t : request.topics) {
        out.string(t.name, flex);
        out.arrayLength(std::int32_t(t.partitions.size()), flex);
        for (const ProducePartitionData &p : t.partitions) {
            out.int32(p.index);
            out.nullableBytes(p.records, flex);
            out.taggedFields(flex);
        }
        out.taggedFields(flex);
    }
    out.taggedFields(flex);
}

void encodeProduceResponse(WireWriter &out, std::int16_t version, const ProduceResponse &response)
{
    const bool flex = isFlexible(kKey, version);
    out.arrayLength(std::int32_t(response.topics.size()), flex);
    for (const ProduceTopicResponse &t : response.topics) {
        out.string(t.name, flex);
        out.arrayLength(std::int32_t(t.partitions.size()), flex);
        for (const ProducePartitionResponse &p : t.partitions) {
            out.int32(p.index);
            out.int16(std::int16_t(p.errorCode));
            out.int64(p.baseOffset);
            if (version >= 2)
                out.int64(p.logAppendTimeMs);
            if (version >= 5)
                out.int64(p.logStartOffset);
            if (version >= 8) {
                out.arrayLength(std::int32_t(p.recordErrors.size()), flex);
                for (const ProduceRecordError &e : p.recordErrors) {
                    out.int32(e.batchIndex);
                    out.nullableString(e.batchIndexErrorMessage, flex);
                    out.taggedFields(flex);
                }
                out.nullableString(p.errorMessage, flex);
            }
            out.taggedFields(flex);
        }
        out.taggedFields(flex);
    }
    if (version >= 1)
        out.int32(response.throttleTimeMs);
    out.taggedFields(flex);
}

bool decodeProduceResponse(WireReader &in, std::int16_t version, ProduceResponse &out)
{
    const bool flex = isFlexible(kKey, version);
    out = ProduceResponse();
    const std::int32_t topics = in.arrayLength(flex);
    for (std::int32_t i = 0; i < topics && in.ok(); ++i) {
        ProduceTopicResponse t;
        t.name = in.string(flex);
        const std::int32_t partitions = in.arrayLength(flex);
        for (std::int32_t j = 0; j < partitions && in.ok(); ++j) {
            ProducePartitionResponse p;
            p.index = in.int32();
            p.errorCode = ErrorCode(in.int16());
            p.baseOffset = in.int64();
            if (version >= 2)
                p.logAppendTimeMs = in.int64();
            if (version >= 5)
                p.logStartOffset = in.int64();
            if (version >= 8) {
                const std::int32_t errors = in.arrayLength(flex);
                for (std::int32_t k = 0; k < errors && in.ok(); ++k) {
                    ProduceRecordError e;
                    e.batchIndex = in.int32();
                    e.batchIndexErrorMessage = in.nullableString(flex);
                    in.taggedFields(flex);
                    p.recordErrors.push_back(std::move(e));
                }
                p.errorMessage = in.nullableString(flex);
            }
            in.taggedFields(flex);
            t.partitions.push_back(std::move(p));
        }
        in.taggedFields(flex);
        out.topics.push_back(std::move(t));
    }
    if (version >= 1)
        out.throttleTimeMs = in.int32();
    in.taggedFields(flex);
    return in.ok();
}

} // namespace postoffice::broker
