// The request and response messages of the data-plane and admin APIs, at every version served:
// what is encoded decodes to the same message (and re-encodes to the same bytes), every truncation
// is refused, and a few messages laid out by hand from Kafka's message definitions pin the field
// order that a symmetric round trip cannot see (throttle time placement, nullable fields, the
// session and rack fields of Fetch, the v0 list of ListOffsets, the ApiVersions fallback).
#include "ApiVersionsMessages.h"
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

#include <QtTest>

#include <string>
#include <vector>

using namespace postoffice::broker;

namespace {

// Encodes at `version`, decodes, re-encodes: same bytes, whole input consumed; and every strict
// prefix of the bytes is refused by the decoder.
template<typename T, typename Encode, typename Decode>
bool roundTrip(const T &message, std::int16_t version, Encode encode, Decode decode, T *decoded = nullptr,
               std::vector<std::uint8_t> *bytes = nullptr)
{
    WireWriter w;
    encode(w, version, message);
    T back;
    WireReader r(w.buffer());
    if (!decode(r, version, back) || !r.atEnd()) {
        qWarning("version %d: decode failed or left %zu bytes", int(version), r.remaining());
        return false;
    }
    WireWriter again;
    encode(again, version, back);
    if (again.buffer() != w.buffer()) {
        qWarning("version %d: re-encoding differs", int(version));
        return false;
    }
    for (std::size_t n = 0; n < w.size(); ++n) {
        WireReader prefix(std::span<const std::uint8_t>(w.buffer()).first(n));
        T cut;
        if (decode(prefix, version, cut)) {
            qWarning("version %d: a %zu-byte prefix of %zu decoded", int(version), n, w.size());
            return false;
        }
    }
    if (decoded)
        *decoded = std::move(back);
    if (bytes)
        *bytes = std::move(w.buffer()); // a decoded Produce request points into these bytes
    return true;
}

ApiVersionRange range(ApiKey key)
{
    return *supportedRange(std::int16_t(key));
}

std::vector<std::uint8_t> someRecords()
{
    std::vector<Record> records(2);
    records[0].key = "k";
    records[0].value = "v";
    records[0].timestampMs = 5;
    records[1].value = "w";
    records[1].timestampMs = 6;
    WireWriter w;
    encodeRecordBatch(w, 0, std::span<const Record>(records));
    return w.buffer();
}

std::vector<std::uint8_t> hex(const char *text)
{
    const QByteArray b = QByteArray::fromHex(text);
    return std::vector<std::uint8_t>(b.begin(), b.end());
}

} // namespace

class TestWireMessages : public QObject
{
    Q_OBJECT
private slots:
    void apiVersionsEveryVersion();
    void apiVersionsFallbackIsV0Format();
    void apiVersionsV3ResponseLaidOutByHand();
    void metadataEveryVersion();
    void metadataRequestAllTopicsOrNone();
    void metadataV8ResponseLaidOutByHand();
    void produceEveryVersion();
    void produceV8ResponseLaidOutByHand();
    void produceV0ResponseLaidOutByHand();
    void fetchEveryVersion();
    void fetchV11RequestLaidOutByHand();
    void fetchV11ResponseLaidOutByHand();
    void listOffsetsEveryVersion();
    void listOffsetsV0AnswersWithAList();
    void findCoordinatorEveryVersion();
    void initProducerIdEveryVersion();
    void createTopicsEveryVersion();
    void deleteTopicsEveryVersion();
    void describeConfigsEveryVersion();
    void describeConfigsV0AndV1DifferInIsDefault();
};

void TestWireMessages::apiVersionsEveryVersion()
{
    const ApiVersionRange r = range(ApiKey::ApiVersions);
    QCOMPARE(r.minVersion, std::int16_t(0));
    QCOMPARE(r.maxVersion, std::int16_t(3));
    ApiVersionsRequest request{"kcat", "1.7.1"};
    ApiVersionsResponse response = supportedApiVersions();
    response.throttleTimeMs = 12;
    for (std::int16_t v = r.minVersion; v <= r.maxVersion; ++v) {
        QVERIFY(roundTrip(request, v, encodeApiVersionsRequest, decodeApiVersionsRequest));
        ApiVersionsResponse back;
        QVERIFY(roundTrip(response, v, encodeApiVersionsResponse, decodeApiVersionsResponse, &back));
        QVERIFY(back.apiKeys == response.apiKeys);
        QCOMPARE(back.throttleTimeMs, v >= 1 ? 12 : 0);
    }
}

void TestWireMessages::apiVersionsFallbackIsV0Format()
{
    // A client asking ApiVersions v4 (newer than ours) gets a body it can read whatever it speaks:
    // v0, UNSUPPORTED_VERSION, and our list, with nothing after it.
    WireWriter w;
    encodeApiVersionsUnsupported(w);
    WireReader r(w.buffer());
    QCOMPARE(r.int16(), std::int16_t(35));
    const std::int32_t n = r.int32();
    QCOMPARE(std::size_t(n), supportedApis().size());
    for (std::int32_t i = 0; i < n; ++i) {
        QCOMPARE(r.int16(), std::int16_t(supportedApis()[std::size_t(i)].key));
        QCOMPARE(r.int16(), supportedApis()[std::size_t(i)].minVersion);
        QCOMPARE(r.int16(), supportedApis()[std::size_t(i)].maxVersion);
    }
    QVERIFY(r.ok() && r.atEnd());
    // Framed with a v0 response header: size, correlation id, body.
    const RequestHeader request{18, 4, 31, std::string("new-client")};
    const auto frame = responseFrame(request, w.buffer());
    QCOMPARE(frame.size(), w.size() + 8);
    WireReader f(frame);
    QCOMPARE(f.int32(), std::int32_t(w.size() + 4));
    QCOMPARE(f.int32(), 31);
    QCOMPARE(f.int16(), std::int16_t(35));
}

void TestWireMessages::apiVersionsV3ResponseLaidOutByHand()
{
    ApiVersionsResponse response;
    response.apiKeys = {{0, 0, 8}, {18, 0, 3}};
    WireWriter w;
    encodeApiVersionsResponse(w, 3, response);
    // error 0, compact array of 2 (3), each key/min/max + empty tags, throttle 0, empty tags.
    QCOMPARE(w.buffer(), hex("0000 03 0000 0000 0008 00 0012 0000 0003 00 00000000 00"));
}

void TestWireMessages::metadataEveryVersion()
{
    MetadataRequest request;
    request.topics = std::vector<MetadataRequestTopic>{{{}, std::string("orders")}, {{}, std::string("x")}};
    request.allowAutoTopicCreation = false;
    request.includeTopicAuthorizedOperations = true;
    MetadataResponse response;
    response.throttleTimeMs = 3;
    response.brokers = {{0, "127.0.0.1", 9092, std::nullopt}, {1, "127.0.0.1", 9093, std::string("rack-b")}};
    response.clusterId = "postoffice";
    response.controllerId = 1;
    MetadataTopic topic;
    topic.name = "orders";
    MetadataPartition p0;
    p0.partitionIndex = 0;
    p0.leaderId = 1;
    p0.leaderEpoch = 4;
    p0.replicaNodes = {1, 0};
    p0.isrNodes = {1};
    p0.offlineReplicas = {0};
    topic.partitions = {p0};
    MetadataTopic missing;
    missing.errorCode = ErrorCode::UnknownTopicOrPartition;
    missing.name = "nope";
    response.topics = {topic, missing};
    const ApiVersionRange r = range(ApiKey::Metadata);
    QCOMPARE(r.minVersion, std::int16_t(0));
    QVERIFY(r.maxVersion >= 8);
    // The codec reaches v12 (flexible, topic ids) even where the table stops earlier.
    for (std::int16_t v = 0; v <= 12; ++v) {
        MetadataRequest req = request;
        if (v < 8)
            req.includeTopicAuthorizedOperations = false;
        if (v < 4)
            req.allowAutoTopicCreation = true;
        QVERIFY(roundTrip(req, v, encodeMetadataRequest, decodeMetadataRequest));
        MetadataResponse back;
        QVERIFY(roundTrip(response, v, encodeMetadataResponse, decodeMetadataResponse, &back));
        QCOMPARE(back.topics.size(), std::size_t(2));
        QCOMPARE(back.topics[1].errorCode, ErrorCode::UnknownTopicOrPartition);
        QCOMPARE(back.topics[0].partitions[0].isrNodes, std::vector<std::int32_t>{1});
        QCOMPARE(back.topics[0].partitions[0].leaderEpoch, v >= 7 ? 4 : -1);
        QCOMPARE(back.brokers[1].rack.has_value(), v >= 1);
        QCOMPARE(back.clusterId.has_value(), v >= 2);
    }
}

void TestWireMessages::metadataRequestAllTopicsOrNone()
{
    MetadataRequest out;
    // v0: an empty array means every topic.
    const auto v0 = hex("00000000");
    WireReader r0(v0);
    QVERIFY(decodeMetadataRequest(r0, 0, out));
    QVERIFY(!out.topics);
    // v1+: a null array means every topic, an empty one none.
    const auto v1null = hex("ffffffff");
    WireReader r1(v1null);
    QVERIFY(decodeMetadataRequest(r1, 1, out));
    QVERIFY(!out.topics);
    const auto v1empty = hex("00000000");
    WireReader r2(v1empty);
    QVERIFY(decodeMetadataRequest(r2, 1, out));
    QVERIFY(out.topics && out.topics->empty());
    // v4: one topic, allow_auto_topic_creation false.
    const auto v4 = hex("00000001 0006 6f7264657273 00");
    WireReader r4(v4);
    QVERIFY(decodeMetadataRequest(r4, 4, out));
    QCOMPARE(*out.topics->at(0).name, std::string("orders"));
    QVERIFY(!out.allowAutoTopicCreation);
    QVERIFY(r4.atEnd());
}

void TestWireMessages::metadataV8ResponseLaidOutByHand()
{
    MetadataResponse response;
    response.throttleTimeMs = 0;
    response.brokers = {{1, "h", 9, std::nullopt}};
    response.clusterId = std::nullopt;
    response.controllerId = 1;
    MetadataTopic t;
    t.name = "t";
    MetadataPartition p;
    p.partitionIndex = 0;
    p.leaderId = 1;
    p.leaderEpoch = 2;
    p.replicaNodes = {1};
    p.isrNodes = {1};
    t.partitions = {p};
    response.topics = {t};
    WireWriter w;
    encodeMetadataResponse(w, 8, response);
    const auto expected = hex("00000000"                                // throttle_time_ms (v3+, first)
                              "00000001 00000001 0001 68 00000009 ffff" // brokers: id, host, port, rack null
                              "ffff"                                    // cluster_id null
                              "00000001"                                // controller_id
                              "00000001"                                // topics
                              "0000 0001 74 00"                         // error, name, is_internal
                              "00000001"                                // partitions
                              "0000 00000000 00000001 00000002"         // error, index, leader, leader_epoch
                              "00000001 00000001"                       // replicas
                              "00000001 00000001"                       // isr
                              "00000000"                                // offline replicas
                              "80000000"                                // topic_authorized_operations
                              "80000000");                              // cluster_authorized_operations
    QCOMPARE(w.buffer(), expected);
}

void TestWireMessages::produceEveryVersion()
{
    const auto records = someRecords();
    ProduceRequest request;
    request.transactionalId = std::nullopt;
    request.acks = -1;
    request.timeoutMs = 1500;
    request.topics = {{"orders", {{0, std::span<const std::uint8_t>(records)}, {3, std::nullopt}}}};
    ProduceResponse response;
    response.throttleTimeMs = 7;
    ProducePartitionResponse ok;
    ok.index = 0;
    ok.baseOffset = 100;
    ok.logAppendTimeMs = -1;
    ok.logStartOffset = 4;
    ProducePartitionResponse bad;
    bad.index = 3;
    bad.errorCode = ErrorCode::NotEnoughReplicas;
    bad.errorMessage = "only 1 in sync";
    bad.recordErrors = {{0, std::string("first")}};
    response.topics = {{"orders", {ok, bad}}};
    const ApiVersionRange r = range(ApiKey::Produce);
    QCOMPARE(r.minVersion, std::int16_t(0));
    QVERIFY(r.maxVersion >= 7);
    for (std::int16_t v = r.minVersion; v <= 9; ++v) {
        ProduceRequest back;
        std::vector<std::uint8_t> frame;
        QVERIFY(roundTrip(request, v, encodeProduceRequest, decodeProduceRequest, &back, &frame));
        QVERIFY(std::equal(back.topics[0].partitions[0].records->begin(),
                           back.topics[0].partitions[0].records->end(), records.begin(), records.end()));
        QVERIFY(!back.topics[0].partitions[1].records);
        QCOMPARE(back.acks, std::int16_t(-1));
        ProduceResponse rb;
        QVERIFY(roundTrip(response, v, encodeProduceResponse, decodeProduceResponse, &rb));
        QCOMPARE(rb.topics[0].partitions[1].errorCode, ErrorCode::NotEnoughReplicas);
        QCOMPARE(rb.throttleTimeMs, v >= 1 ? 7 : 0);
        QCOMPARE(rb.topics[0].partitions[0].logStartOffset, v >= 5 ? 4 : -1);
    }
}

void TestWireMessages::produceV8ResponseLaidOutByHand()
{
    ProduceResponse response;
    ProducePartitionResponse p;
    p.index = 2;
    p.baseOffset = 10;
    p.logAppendTimeMs = -1;
    p.logStartOffset = 0;
    response.topics = {{"t", {p}}};
    response.throttleTimeMs = 0;
    WireWriter w;
    encodeProduceResponse(w, 8, response);
    QCOMPARE(w.buffer(), hex("00000001 0001 74"       // responses: name
                             "00000001 00000002 0000" // partitions: index, error
                             "000000000000000a"       // base_offset
                             "ffffffffffffffff"       // log_append_time_ms (v2+)
                             "0000000000000000"       // log_start_offset (v5+)
                             "00000000 ffff"          // record_errors, error_message (v8+)
                             "00000000"));            // throttle_time_ms (v1+, last)
}

void TestWireMessages::produceV0ResponseLaidOutByHand()
{
    ProduceResponse response;
    ProducePartitionResponse p;
    p.index = 0;
    p.errorCode = ErrorCode::UnsupportedForMessageFormat;
    response.topics = {{"t", {p}}};
    WireWriter w;
    encodeProduceResponse(w, 0, response);
    QCOMPARE(w.buffer(), hex("00000001 0001 74 00000001 00000000 002b ffffffffffffffff"));
}

void TestWireMessages::fetchEveryVersion()
{
    FetchRequest request;
    request.maxWaitMs = 500;
    request.minBytes = 1;
    request.maxBytes = 52428800;
    request.isolationLevel = 1;
    request.sessionId = 0;
    request.sessionEpoch = -1;
    request.topics = {{"orders", {{0, -1, 42, -1, -1, 1048576}, {1, -1, 0, -1, -1, 1048576}}}};
    request.forgottenTopics = {{"old", {3, 4}}};
    request.rackId = "rack-a";
    FetchResponse response;
    response.throttleTimeMs = 1;
    response.sessionId = 0;
    FetchPartitionData p;
    p.partitionIndex = 0;
    p.highWatermark = 44;
    p.lastStableOffset = 44;
    p.logStartOffset = 0;
    p.abortedTransactions = std::vector<FetchAbortedTransaction>{{7, 40}};
    p.records = someRecords();
    FetchPartitionData empty;
    empty.partitionIndex = 1;
    empty.errorCode = ErrorCode::OffsetOutOfRange;
    response.topics = {{"orders", {p, empty}}};
    const ApiVersionRange r = range(ApiKey::Fetch);
    QCOMPARE(r.minVersion, std::int16_t(4));
    QVERIFY(r.maxVersion >= 11);
    for (std::int16_t v = r.minVersion; v <= 12; ++v) {
        FetchRequest req = request;
        if (v < 7) {
            req.forgottenTopics.clear();
            req.sessionEpoch = -1;
        }
        if (v < 11)
            req.rackId.clear();
        FetchRequest back;
        QVERIFY(roundTrip(req, v, encodeFetchRequest, decodeFetchRequest, &back));
        QCOMPARE(back.topics[0].partitions[0].fetchOffset, std::int64_t(42));
        QCOMPARE(back.isolationLevel, std::int8_t(1));
        FetchResponse rb;
        QVERIFY(roundTrip(response, v, encodeFetchResponse, decodeFetchResponse, &rb));
        QVERIFY(rb.topics[0].partitions[0].records == p.records);
        QVERIFY(!rb.topics[0].partitions[1].records);
        QCOMPARE(rb.topics[0].partitions[0].abortedTransactions->size(), std::size_t(1));
        QVERIFY(!rb.topics[0].partitions[1].abortedTransactions);
        std::vector<DecodedBatch> batches;
        QCOMPARE(decodeRecordBatches(*rb.topics[0].partitions[0].records, batches), ErrorCode::None);
        QCOMPARE(*batches[0].records[1].value, std::string("w"));
    }
}

void TestWireMessages::fetchV11RequestLaidOutByHand()
{
    // What a consumer sends at v11: replica -1, max wait, min bytes, max bytes, isolation, session
    // id and epoch, topics with current_leader_epoch and log_start_offset, forgotten topics, rack.
    const auto bytes = hex("ffffffff 000001f4 00000001 03200000 00 00000000 ffffffff"
                           "00000001 0001 74"
                           "00000001 00000000 ffffffff 0000000000000005 ffffffffffffffff 00100000"
                           "00000000"
                           "0000");
    WireReader r(bytes);
    FetchRequest request;
    QVERIFY(decodeFetchRequest(r, 11, request));
    QVERIFY(r.atEnd());
    QCOMPARE(request.replicaId, -1);
    QCOMPARE(request.maxWaitMs, 500);
    QCOMPARE(request.maxBytes, 52428800);
    QCOMPARE(request.sessionEpoch, -1);
    QCOMPARE(request.topics[0].topic, std::string("t"));
    QCOMPARE(request.topics[0].partitions[0].fetchOffset, std::int64_t(5));
    QCOMPARE(request.topics[0].partitions[0].partitionMaxBytes, 1048576);
    QVERIFY(request.forgottenTopics.empty());
    QCOMPARE(request.rackId, std::string());
}

void TestWireMessages::fetchV11ResponseLaidOutByHand()
{
    FetchResponse response;
    FetchPartitionData p;
    p.partitionIndex = 0;
    p.highWatermark = 3;
    p.lastStableOffset = 3;
    p.logStartOffset = 1;
    p.records = std::vector<std::uint8_t>{0xaa, 0xbb};
    response.topics = {{"t", {p}}};
    WireWriter w;
    encodeFetchResponse(w, 11, response);
    QCOMPARE(w.buffer(), hex("00000000 0000 00000000" // throttle, error_code, session_id (v7+)
                             "00000001 0001 74"       // responses: topic
                             "00000001 00000000 0000" // partitions: index, error
                             "0000000000000003"       // high_watermark
                             "0000000000000003"       // last_stable_offset (v4+)
                             "0000000000000001"       // log_start_offset (v5+)
                             "ffffffff"               // aborted_transactions null (v4+)
                             "ffffffff"               // preferred_read_replica (v11)
                             "00000002 aabb"));       // records
}

void TestWireMessages::listOffsetsEveryVersion()
{
    ListOffsetsRequest request;
    request.isolationLevel = 1;
    request.topics = {{"orders", {{0, -1, -2, 1}, {1, -1, 1700000000000, 1}}}};
    ListOffsetsResponse response;
    response.throttleTimeMs = 2;
    ListOffsetsPartitionResponse a;
    a.partitionIndex = 0;
    a.timestamp = -1;
    a.offset = 17;
    ListOffsetsPartitionResponse b;
    b.partitionIndex = 1;
    b.errorCode = ErrorCode::NotLeaderOrFollower;
    response.topics = {{"orders", {a, b}}};
    const ApiVersionRange r = range(ApiKey::ListOffsets);
    for (std::int16_t v = r.minVersion; v <= r.maxVersion; ++v) {
        ListOffsetsRequest req = request;
        if (v < 2)
            req.isolationLevel = 0;
        QVERIFY(roundTrip(req, v, encodeListOffsetsRequest, decodeListOffsetsRequest));
        ListOffsetsResponse resp = response;
        if (v == 0) {
            resp.topics[0].partitions[0].timestamp = -1;
        }
        ListOffsetsResponse back;
        WireWriter w;
        encodeListOffsetsResponse(w, v, resp);
        WireReader rd(w.buffer());
        QVERIFY(decodeListOffsetsResponse(rd, v, back));
        QVERIFY(rd.atEnd());
        QCOMPARE(back.topics[0].partitions[0].offset, std::int64_t(17));
        QCOMPARE(back.topics[0].partitions[1].offset, std::int64_t(-1));
        QCOMPARE(back.topics[0].partitions[1].errorCode, ErrorCode::NotLeaderOrFollower);
        if (v >= 1)
            QVERIFY(roundTrip(resp, v, encodeListOffsetsResponse, decodeListOffsetsResponse));
    }
}

void TestWireMessages::listOffsetsV0AnswersWithAList()
{
    ListOffsetsResponse response;
    ListOffsetsPartitionResponse p;
    p.partitionIndex = 0;
    p.offset = 9;
    response.topics = {{"t", {p}}};
    WireWriter w;
    encodeListOffsetsResponse(w, 0, response);
    QCOMPARE(w.buffer(), hex("00000001 0001 74 00000001 00000000 0000 00000001 0000000000000009"));
    WireWriter w1;
    encodeListOffsetsResponse(w1, 1, response);
    QCOMPARE(w1.buffer(), hex("00000001 0001 74 00000001 00000000 0000 ffffffffffffffff 0000000000000009"));
    // v4: throttle first (v2+), then timestamp, offset and an int32 leader_epoch.
    p.leaderEpoch = 3;
    response.topics = {{"t", {p}}};
    WireWriter w4;
    encodeListOffsetsResponse(w4, 4, response);
    QCOMPARE(
        w4.buffer(),
        hex("00000000 00000001 0001 74 00000001 00000000 0000 ffffffffffffffff 0000000000000009 00000003"));
    // v0 request carries max_num_offsets after the timestamp.
    const auto v0 = hex("ffffffff 00000001 0001 74 00000001 00000000 fffffffffffffffe 00000001");
    WireReader r(v0);
    ListOffsetsRequest request;
    QVERIFY(decodeListOffsetsRequest(r, 0, request));
    QVERIFY(r.atEnd());
    QCOMPARE(request.topics[0].partitions[0].timestamp, std::int64_t(-2));
}

void TestWireMessages::findCoordinatorEveryVersion()
{
    FindCoordinatorRequest request{"my-group", 0};
    FindCoordinatorResponse response;
    response.throttleTimeMs = 1;
    response.errorMessage = std::nullopt;
    response.nodeId = 2;
    response.host = "127.0.0.1";
    response.port = 9094;
    const ApiVersionRange r = range(ApiKey::FindCoordinator);
    for (std::int16_t v = r.minVersion; v <= 3; ++v) {
        QVERIFY(roundTrip(request, v, encodeFindCoordinatorRequest, decodeFindCoordinatorRequest));
        FindCoordinatorResponse back;
        QVERIFY(roundTrip(response, v, encodeFindCoordinatorResponse, decodeFindCoordinatorResponse, &back));
        QCOMPARE(back.port, 9094);
    }
    WireWriter w;
    encodeFindCoordinatorResponse(w, 1, response);
    QCOMPARE(w.buffer(), hex("00000001 0000 ffff 00000002 0009 3132372e302e302e31 00002386"));
}

void TestWireMessages::initProducerIdEveryVersion()
{
    InitProducerIdRequest request{std::nullopt, 60000};
    InitProducerIdResponse response{0, ErrorCode::None, 1000, 0};
    for (std::int16_t v = 0; v <= 2; ++v) {
        QVERIFY(roundTrip(request, v, encodeInitProducerIdRequest, decodeInitProducerIdRequest));
        InitProducerIdResponse back;
        QVERIFY(roundTrip(response, v, encodeInitProducerIdResponse, decodeInitProducerIdResponse, &back));
        QCOMPARE(back.producerId, std::int64_t(1000));
    }
    WireWriter w;
    encodeInitProducerIdResponse(w, 1, response);
    QCOMPARE(w.buffer(), hex("00000000 0000 00000000000003e8 0000"));
}

void TestWireMessages::createTopicsEveryVersion()
{
    CreateTopicsRequest request;
    CreatableTopic t;
    t.name = "new-topic";
    t.numPartitions = 6;
    t.replicationFactor = 3;
    t.configs = {{"retention.ms", std::string("60000")}, {"cleanup.policy", std::nullopt}};
    CreatableTopic assigned;
    assigned.name = "placed";
    assigned.assignments = {{0, {1, 2}}, {1, {2, 0}}};
    request.topics = {t, assigned};
    request.timeoutMs = 5000;
    request.validateOnly = true;
    CreateTopicsResponse response;
    response.throttleTimeMs = 0;
    response.topics = {{"new-topic", ErrorCode::None, std::nullopt},
                       {"placed", ErrorCode::TopicAlreadyExists, std::string("exists")}};
    const ApiVersionRange r = range(ApiKey::CreateTopics);
    for (std::int16_t v = r.minVersion; v <= r.maxVersion; ++v) {
        CreateTopicsRequest req = request;
        if (v < 1)
            req.validateOnly = false;
        CreateTopicsRequest back;
        QVERIFY(roundTrip(req, v, encodeCreateTopicsRequest, decodeCreateTopicsRequest, &back));
        QCOMPARE(back.topics[1].assignments[1].brokerIds, (std::vector<std::int32_t>{2, 0}));
        QVERIFY(!back.topics[0].configs[1].value);
        CreateTopicsResponse resp = response;
        if (v < 1)
            resp.topics[1].errorMessage.reset();
        QVERIFY(roundTrip(resp, v, encodeCreateTopicsResponse, decodeCreateTopicsResponse));
    }
}

void TestWireMessages::deleteTopicsEveryVersion()
{
    DeleteTopicsRequest request{{"a", "b"}, 1000};
    DeleteTopicsResponse response{0, {{"a", ErrorCode::None}, {"b", ErrorCode::UnknownTopicOrPartition}}};
    const ApiVersionRange r = range(ApiKey::DeleteTopics);
    for (std::int16_t v = r.minVersion; v <= r.maxVersion; ++v) {
        QVERIFY(roundTrip(request, v, encodeDeleteTopicsRequest, decodeDeleteTopicsRequest));
        QVERIFY(roundTrip(response, v, encodeDeleteTopicsResponse, decodeDeleteTopicsResponse));
    }
    WireWriter w;
    encodeDeleteTopicsResponse(w, 1, response);
    QCOMPARE(w.buffer(), hex("00000000 00000002 0001 61 0000 0001 62 0003"));
}

void TestWireMessages::describeConfigsEveryVersion()
{
    DescribeConfigsRequest request;
    request.resources = {{2, "orders", std::nullopt}, {4, "1", std::vector<std::string>{"log.retention.ms"}}};
    request.includeSynonyms = true;
    DescribeConfigsResponse response;
    DescribeConfigsResult result;
    result.resourceName = "orders";
    DescribeConfigsEntry e;
    e.name = "retention.ms";
    e.value = "604800000";
    e.configSource = 5;
    e.synonyms = {{"log.retention.ms", std::string("604800000"), 5}};
    DescribeConfigsEntry secret;
    secret.name = "sasl.jaas.config";
    secret.isSensitive = true;
    result.configs = {e, secret};
    response.results = {result};
    const ApiVersionRange r = range(ApiKey::DescribeConfigs);
    for (std::int16_t v = r.minVersion; v <= r.maxVersion; ++v) {
        DescribeConfigsRequest req = request;
        if (v < 1)
            req.includeSynonyms = false;
        DescribeConfigsRequest back;
        QVERIFY(roundTrip(req, v, encodeDescribeConfigsRequest, decodeDescribeConfigsRequest, &back));
        QVERIFY(!back.resources[0].configurationKeys);
        QCOMPARE(back.resources[1].configurationKeys->size(), std::size_t(1));
        DescribeConfigsResponse resp = response;
        if (v == 0) {
            for (auto &c : resp.results[0].configs) {
                c.synonyms.clear();
                c.configSource = -1;
            }
        }
        DescribeConfigsResponse rb;
        QVERIFY(roundTrip(resp, v, encodeDescribeConfigsResponse, decodeDescribeConfigsResponse, &rb));
        QVERIFY(!rb.results[0].configs[1].value);
        QVERIFY(rb.results[0].configs[1].isSensitive);
    }
}

void TestWireMessages::describeConfigsV0AndV1DifferInIsDefault()
{
    DescribeConfigsResponse response;
    DescribeConfigsResult result;
    result.resourceName = "t";
    DescribeConfigsEntry e;
    e.name = "a";
    e.value = "b";
    e.isDefault = true;
    e.configSource = 5;
    result.configs = {e};
    response.results = {result};
    WireWriter v0, v1;
    encodeDescribeConfigsResponse(v0, 0, response);
    encodeDescribeConfigsResponse(v1, 1, response);
    // v0: name, value, read_only, is_default, is_sensitive
    QCOMPARE(v0.buffer(), hex("00000000 00000001 0000 ffff 02 0001 74 00000001 0001 61 0001 62 00 01 00"));
    // v1: name, value, read_only, config_source, is_sensitive, synonyms
    QCOMPARE(v1.buffer(),
             hex("00000000 00000001 0000 ffff 02 0001 74 00000001 0001 61 0001 62 00 05 00 00000000"));
}

QTEST_APPLESS_MAIN(TestWireMessages)
#include "tst_wire_messages.moc"
