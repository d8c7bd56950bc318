// libFuzzer entry for the Kafka wire codec: whatever bytes a client sends must give a decoded
// message or a refusal, never a crash, a leak, an unbounded allocation or a hang. The first input
// byte picks what the rest is:
//   0: a request frame body (size prefix stripped) → readRequestHeader → the API's request decoder,
//      and for Produce the record batches inside;
//   1: a records field → decodeRecordBatches, with every batch's CRC made right first so that the
//      fuzzer gets past the checksum into the record parsing and the decompressors;
//   2: int16 api key, int16 version, then a response body → the API's response decoder.
// Invariants checked (a broken one aborts, which libFuzzer reports): a message that decodes
// re-encodes to bytes that decode again and re-encode identically; a record batch that decodes
// re-encodes (same codec) to records with the same keys, values and headers; every decoded batch is
// within largestBatchBytes; a Fetch response encoded in place equals its ordinary encoding.

#include "ApiVersionsMessages.h"
#include "Crc32c.h"
#include "CreateTopicsMessages.h"
#include "DeleteTopicsMessages.h"
#include "DescribeConfigsMessages.h"
#include "FetchMessages.h"
#include "FindCoordinatorMessages.h"
#include "InitProducerIdMessages.h"
#include "KafkaApi.h"
#include "ListOffsetsMessages.h"
#include "MetadataMessages.h"
#include "ProduceMessages.h"
#include "RecordBatchCodec.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace postoffice::broker;

namespace {

[[noreturn]] void fail(const char *what, std::int16_t key, std::int16_t version)
{
    std::fprintf(stderr, "fuzz_wire: %s (api %d %s, version %d)\n", what, int(key), apiName(key),
                 int(version));
    std::abort();
}

// decode → encode → decode → encode: the two encodings must be identical and fully consumed.
template<typename T, typename Decode, typename Encode>
void check(WireReader &in, std::int16_t key, std::int16_t version, Decode decode, Encode encode,
           T *decodedOut = nullptr)
{
    T first;
    if (!decode(in, version, first))
        return;
    WireWriter once;
    encode(once, version, first);
    T second;
    WireReader again(once.buffer());
    if (!decode(again, version, second) || !again.atEnd())
        fail("re-encoded message does not decode", key, version);
    WireWriter twice;
    encode(twice, version, second);
    if (twice.buffer() != once.buffer())
        fail("re-encoding is not stable", key, version);
    if (decodedOut)
        *decodedOut = std::move(first);
}

bool sameRecords(std::span<const RecordRef> a, std::span<const RecordRef> b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].key != b[i].key || a[i].value != b[i].value || a[i].headers.size() != b[i].headers.size())
            return false;
        for (std::size_t h = 0; h < a[i].headers.size(); ++h)
            if (!(a[i].headers[h] == b[i].headers[h]))
                return false;
    }
    return true;
}

void checkRecordBatches(std::span<const std::uint8_t> bytes, PartialBatch partial)
{
    RecordBatchRefs refs;
    decodeRecordBatches(bytes, refs, partial);
    // The size check Kafka makes before decoding (max.message.bytes) sees every batch decoding does.
    const std::size_t largest = largestBatchBytes(bytes);
    for (const BatchInfo &b : refs.batches)
        if (b.sizeInBytes > largest)
            fail("a decoded batch is larger than largestBatchBytes", 0, 2);
    // Whatever decoded must survive a re-encoding with the same codec.
    for (const BatchInfo &b : refs.batches) {
        if (b.control)
            continue;
        WireWriter w;
        encodeRecordBatch(w, b.baseOffset, refs.batchRecords(b), b.compression);
        RecordBatchRefs again;
        if (decodeRecordBatches(w.buffer(), again, PartialBatch::Reject) != ErrorCode::None ||
            again.batches.size() != 1 || !sameRecords(refs.batchRecords(b), again.records))
            fail("record batch does not survive re-encoding", 0, 2);
    }
}

void request(std::span<const std::uint8_t> frame)
{
    WireReader in(frame);
    const auto header = readRequestHeader(in);
    if (!header)
        return;
    const std::int16_t key = header->apiKey;
    const std::int16_t v = header->apiVersion;
    switch (ApiKey(key)) {
    case ApiKey::ApiVersions:
        check<ApiVersionsRequest>(in, key, v, decodeApiVersionsRequest, encodeApiVersionsRequest);
        break;
    case ApiKey::Metadata:
        check<MetadataRequest>(in, key, v, decodeMetadataRequest, encodeMetadataRequest);
        break;
    case ApiKey::Produce: {
        ProduceRequest produce;
        check<ProduceRequest>(in, key, v, decodeProduceRequest, encodeProduceRequest, &produce);
        for (const ProduceTopicData &t : produce.topics)
            for (const ProducePartitionData &p : t.partitions)
                if (p.records)
                    checkRecordBatches(*p.records, PartialBatch::Reject);
        break;
    }
    case ApiKey::Fetch:
        check<FetchRequest>(in, key, v, decodeFetchRequest, encodeFetchRequest);
        break;
    case ApiKey::ListOffsets:
        check<ListOffsetsRequest>(in, key, v, decodeListOffsetsRequest, encodeListOffsetsRequest);
        break;
    case ApiKey::FindCoordinator:
        check<FindCoordinatorRequest>(in, key, v, decodeFindCoordinatorRequest, encodeFindCoordinatorRequest);
        break;
    case ApiKey::InitProducerId:
        check<InitProducerIdRequest>(in, key, v, decodeInitProducerIdRequest, encodeInitProducerIdRequest);
        break;
    case ApiKey::CreateTopics:
        check<CreateTopicsRequest>(in, key, v, decodeCreateTopicsRequest, encodeCreateTopicsRequest);
        break;
    case ApiKey::DeleteTopics:
        check<DeleteTopicsRequest>(in, key, v, decodeDeleteTopicsRequest, encodeDeleteTopicsRequest);
        break;
    case ApiKey::DescribeConfigs:
        check<DescribeConfigsRequest>(in, key, v, decodeDescribeConfigsRequest, encodeDescribeConfigsRequest);
        break;
    default:
        break; // the group APIs are fuzzed with their coordinator
    }
    // Whatever the request, the answer frame is well formed.
    const std::uint8_t body[1] = {0};
    const auto frameOut = responseFrame(*header, body);
    if (frameOut.size() != 4 + responseHeaderSize(*header) + 1)
        fail("response frame has the wrong size", key, v);
}

void response(std::span<const std::uint8_t> bytes)
{
    WireReader in(bytes);
    const std::int16_t key = in.int16();
    const std::int16_t v = in.int16();
    if (!in.ok())
        return;
    switch (ApiKey(key)) {
    case ApiKey::ApiVersions:
        check<ApiVersionsResponse>(in, key, v, decodeApiVersionsResponse, encodeApiVersionsResponse);
        break;
    case ApiKey::Metadata:
        check<MetadataResponse>(in, key, v, decodeMetadataResponse, encodeMetadataResponse);
        break;
    case ApiKey::Produce:
        check<ProduceResponse>(in, key, v, decodeProduceResponse, encodeProduceResponse);
        break;
    case ApiKey::Fetch: {
        FetchResponse fetch;
        check<FetchResponse>(in, key, v, decodeFetchResponse, encodeFetchResponse, &fetch);
        // The server's in-place encoding writes what the ordinary one does (its records fields are
        // never null: compared when none is).
        bool anyNull = false;
        for (const FetchTopicResponse &t : fetch.topics)
            for (const FetchPartitionData &p : t.partitions)
                anyNull = anyNull || !p.records;
        if (!anyNull) {
            WireWriter ordinary;
            encodeFetchResponse(ordinary, v, fetch);
            WireWriter inPlace;
            encodeFetchResponseInPlace(inPlace, v, fetch, [&](std::size_t t, std::size_t p, WireWriter &out) {
                out.raw(std::span<const std::uint8_t>(*fetch.topics[t].partitions[p].records));
            });
            if (inPlace.buffer() != ordinary.buffer())
                fail("in-place Fetch encoding differs", key, v);
        }
        for (const FetchTopicResponse &t : fetch.topics)
            for (const FetchPartitionData &p : t.partitions)
                if (p.records)
                    checkRecordBatches(*p.records, PartialBatch::Ignore);
        break;
    }
    case ApiKey::ListOffsets:
        check<ListOffsetsResponse>(in, key, v, decodeListOffsetsResponse, encodeListOffsetsResponse);
        break;
    case ApiKey::FindCoordinator:
        check<FindCoordinatorResponse>(in, key, v, decodeFindCoordinatorResponse,
                                       encodeFindCoordinatorResponse);
        break;
    case ApiKey::InitProducerId:
        check<InitProducerIdResponse>(in, key, v, decodeInitProducerIdResponse, encodeInitProducerIdResponse);
        break;
    case ApiKey::CreateTopics:
        check<CreateTopicsResponse>(in, key, v, decodeCreateTopicsResponse, encodeCreateTopicsResponse);
        break;
    case ApiKey::DeleteTopics:
        check<DeleteTopicsResponse>(in, key, v, decodeDeleteTopicsResponse, encodeDeleteTopicsResponse);
        break;
    case ApiKey::DescribeConfigs:
        check<DescribeConfigsResponse>(in, key, v, decodeDescribeConfigsResponse,
                                       encodeDescribeConfigsResponse);
        break;
    default:
        break;
    }
}

// Walks the batches by their length fields and writes each one's correct CRC-32C.
void fixCrcs(std::vector<std::uint8_t> &bytes)
{
    std::size_t pos = 0;
    while (bytes.size() - pos >= 61) {
        WireReader r(std::span<const std::uint8_t>(bytes).subspan(pos + 8, 4));
        const std::int32_t length = r.int32();
        if (length < 49 || std::size_t(length) > bytes.size() - pos - 12)
            return;
        const std::uint32_t crc =
            Crc32c::compute(std::span<const std::uint8_t>(bytes).subspan(pos + 21, std::size_t(length) - 9));
        bytes[pos + 17] = std::uint8_t(crc >> 24);
        bytes[pos + 18] = std::uint8_t(crc >> 16);
        bytes[pos + 19] = std::uint8_t(crc >> 8);
        bytes[pos + 20] = std::uint8_t(crc);
        pos += 12 + std::size_t(length);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const std::span<const std::uint8_t> rest(data + 1, size - 1);
    switch (data[0] % 3) {
    case 0:
        request(rest);
        break;
    case 1: {
        std::vector<std::uint8_t> batches(rest.begin(), rest.end());
        fixCrcs(batches);
        checkRecordBatches(batches, PartialBatch::Ignore);
        break;
    }
    case 2:
        response(rest);
        break;
    }
    return 0;
}
