#include "FetchMessages.h"

namespace postoffice::broker {

namespace {
constexpr ApiKey kKey = ApiKey::Fetch;
}

bool decodeFetchRequest(WireReader &in, std::int16_t version, FetchRequest &out)
{
    const bool flex = isFlexible(kKey, version);
    out = FetchRequest();
    out.replicaId = in.int32();
    out.maxWaitMs = in.int32();
    out.minBytes = in.int32();
    if (version >= 3)
        out.maxBytes = in.int32();
    if (version >= 4)
        out.isolationLevel = in.int8();
    if (version >= 7) {
        out.sessionId = in.int32();
        out.sessionEpoch = in.int32();
    }
    const std::int32_t topics = in.arrayLength(flex);
    for (std::int32_t i = 0; i < topics && in.ok(); ++i) {
        FetchTopic t;
        t.topic = in.string(flex);
        const std::int32_t partitions = in.arrayLength(flex);
        if (partitions > 0)
            t.partitions.reserve(std::size_t(partitions));
        for (std::int32_t j = 0; j < partitions && in.ok(); ++j) {
            FetchPartition p;
            p.partition = in.int32();
            if (version >= 9)
                p.currentLeaderEpoch = in.int32();
            p.fetchOffset = in.int64();
            if (version >= 12)
                p.lastFetchedEpoch = in.int32();
            if (version >= 5)
                p.logStartOffset = in.int64();
            p.partitionMaxBytes = in.int32();
            in.taggedFields(flex);
            t.partitions.push_back(p);
        }
        in.taggedFields(flex);
        out.topics.push_back(std::move(t));
    }
    if (version >= 7) {
        const std::int32_t forgotten = in.arrayLength(flex);
        for (std::int32_t i = 0; i < forgotten && in.ok(); ++i) {
            FetchForgottenTopic t;
            t.topic = in.string(flex);
            t.partitions = in.int32Array(flex);
            in.taggedFields(flex);
            out.forgottenTopics.push_back(std::move(t));
        }
    }
    if (version >= 11)
        out.rackId = in.string(flex);
    in.taggedFields(flex); // ClusterId (tag 0): not used
    return in.ok();
}

void encodeFetchRequest(WireWriter &out, std::int16_t version, const FetchRequest &request)
{
    const bool flex = isFlexible(kKey, version);
    out.int32(request.replicaId);
    out.int32(request.maxWaitMs);
    out.int32(request.minBytes);
    if (version >= 3)
        out.int32(request.maxBytes);
    if (version >= 4)
        out.int8(request.isolationLevel);
    if (version >= 7) {
        out.int32(request.sessionId);
        out.int32(request.sessionEpoch);
    }
    out.arrayLength(std::int32_t(request.topics.size()), flex);
    for (const FetchTopic &t : request.topics) {
        out.string(t.topic, flex);
        out.arrayLength(std::int32_t(t.partitions.size()), flex);
        for (const FetchPartition &p : t.partitions) {
            out.int32(p.partition);
            if (version >= 9)
                out.int32(p.currentLeaderEpoch);
            out.int64(p.fetchOffset);
            if (version >= 12)
                out.int32(p.lastFetchedEpoch);
            if (version >= 5)
                out.int64(p.logStartOffset);
            out.int32(p.partitionMaxBytes);
            out.taggedFields(flex);
        }
        out.taggedFields(flex);
    }
    if (version >= 7) {
        out.arrayLength(std::int32_t(request.forgottenTopics.size()), flex);
        for (const FetchForgottenTopic &t : request.forgottenTopics) {
            out.string(t.topic, flex);
            out.int32Array(t.partitions, flex);
            out.taggedFields(flex);
        }
    }
    if (version >= 11)
        out.string(request.rackId, flex);
    out.taggedFields(flex);
}

namespace {

// Every field of a Fetch response; `records(t, p, partition)` writes each partition's records field.
template<typename RecordsField>
void writeFetchResponse(WireWriter &out, std::int16_t version, const FetchResponse &response,
                        const RecordsField &records)
{
    const bool flex = isFlexible(kKey, version);
    if (version >= 1)
        out.int32(response.throttleTimeMs);
    if (version >= 7) {
        out.int16(std::int16_t(response.errorCode));
        out.int32(response.sessionId);
    }
    out.arrayLength(std::int32_t(response.topics.size()), flex);
    for (std::size_t ti = 0; ti < response.topics.size(); ++ti) {
        const FetchTopicResponse &t = response.topics[ti];
        out.string(t.topic, flex);
        out.arrayLength(std::int32_t(t.partitions.size()), flex);
        for (std::size_t pi = 0; pi < t.partitions.size(); ++pi) {
            const FetchPartitionData &p = t.partitions[pi];
            out.int32(p.partitionIndex);
            out.int16(std::int16_t(p.errorCode));
            out.int64(p.highWatermark);
            if (version >= 4)
                out.int64(p.lastStableOffset);
            if (version >= 5)
                out.int64(p.logStartOffset);
            if (version >= 4) {
                if (!p.abortedTransactions) {
                    out.arrayLength(-1, flex);
                } else {
                    out.arrayLength(std::int32_t(p.abortedTransactions->size()), flex);
                    for (const FetchAbortedTransaction &a : *p.abortedTransactions) {
                        out.int64(a.producerId);
                        out.int64(a.firstOffset);
                        out.taggedFields(flex);
                    }
                }
            }
            if (version >= 11)
                out.int32(p.preferredReadReplica);
            records(ti, pi, p, flex);
            out.taggedFields(flex);
        }
        out.taggedFields(flex);
    }
    out.taggedFields(flex);
}

} // namespace

void encodeFetchResponse(WireWriter &out, std::int16_t version, const FetchResponse &response)
{
    writeFetchResponse(out, version, response,
                       [&out](std::size_t, std::size_t, const FetchPartitionData &p, bool flex) {
                           if (p.records)
                               out.nullableBytes(std::span<const std::uint8_t>(*p.records), flex);
                           else
                               out.nullableBytes(std::nullopt, flex);
                       });
}

void encodeFetchResponseInPlace(WireWriter &out, std::int16_t version, const FetchResponse &response,
                                const FetchRecordsWriter &writeRecords)
{
    writeFetchResponse(
        out, version, response,
        [&out, &writeRecords](std::size_t t, std::size_t p, const FetchPartitionData &, bool flex) {
            if (flex) {
                // A compact length's size depends on the bytes: written aside first.
                WireWriter records;
                writeRecords(t, p, records);
                out.compactBytes(std::span<const std::uint8_t>(records.buffer()));
                return;
            }
            const std::size_t lengthAt = out.reserveInt32();
            writeRecords(t, p, out);
            out.patchInt32(lengthAt, std::int32_t(out.size() - lengthAt - 4));
        });
}

bool decodeFetchResponse(WireReader &in, std::int16_t version, FetchResponse &out)
{
    const bool flex = isFlexible(kKey, version);
    out = FetchResponse();
    if (version >= 1)
        out.throttleTimeMs = in.int32();
    if (version >= 7) {
        out.errorCode = ErrorCode(in.int16());
        out.sessionId = in.int32();
    }
    const std::int32_t topics = in.arrayLength(flex);
    for (std::int32_t i = 0; i < topics && in.ok(); ++i) {
        FetchTopicResponse t;
        t.topic = in.string(flex);
        const std::int32_t partitions = in.arrayLength(flex);
        for (std::int32_t j = 0; j < partitions && in.ok(); ++j) {
            FetchPartitionData p;
            p.partitionIndex = in.int32();
            p.errorCode = ErrorCode(in.int16());
            p.highWatermark = in.int64();
            if (version >= 4)
                p.lastStableOffset = in.int64();
            if (version >= 5)
                p.logStartOffset = in.int64();
            if (version >= 4) {
                const std::int32_t aborted = in.arrayLength(flex);
                if (aborted >= 0) {
                    p.abortedTransactions.emplace();
                    for (std::int32_t k = 0; k < aborted && in.ok(); ++k) {
                        FetchAbortedTransaction a;
                        a.producerId = in.int64();
                        a.firstOffset = in.int64();
                        in.taggedFields(flex);
                        p.abortedTransactions->push_back(a);
                    }
                }
            }
            if (version >= 11)
                p.preferredReadReplica = in.int32();
            if (const auto records = in.nullableBytes(flex))
                p.records.emplace(records->begin(), records->end());
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
