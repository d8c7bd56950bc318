// Record batch v2, the records of every Produce request and Fetch response: a batch laid out by
// hand from Kafka's spec decodes; every compression round-trips keys, null keys, tombstones, headers
// and timestamps; librdkafka's own batches (captured from kcat, each codec) decode to what was sent;
// and a batch that lies — bad CRC, cut short, wrong lengths, over-long varints, a decompression
// bomb — is refused with Kafka's error code instead of crashing or allocating what it claims.
#include "Crc32c.h"
#include "KafkaApi.h"
#include "ProduceMessages.h"
#include "RecordBatchCodec.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <QtTest>

#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

using namespace postoffice::broker;

Q_DECLARE_METATYPE(postoffice::broker::Compression)

namespace {

std::vector<Record> sampleRecords()
{
    std::vector<Record> records;
    Record a;
    a.key = "order-1";
    a.value = "{\"amount\": 12}";
    a.timestampMs = 1700000000000;
    a.headers = {{"trace", "abc"}, {"empty", ""}};
    records.push_back(a);
    Record nullKey;
    nullKey.value = "no key at all";
    nullKey.timestampMs = 1700000000500;
    records.push_back(nullKey);
    Record tombstone;
    tombstone.key = "order-1";
    tombstone.timestampMs = 1699999999000; // earlier than the first: deltas may be negative
    records.push_back(tombstone);
    Record empty;
    empty.key = "";
    empty.value = "";
    empty.timestampMs = 1700000001000;
    records.push_back(empty);
    Record big;
    big.key = "big";
    big.value = std::string(70000, 'x') + "end"; // more than one snappy block / lz4 block
    big.timestampMs = 1700000002000;
    records.push_back(big);
    return records;
}

std::vector<std::uint8_t> readFixture(const std::string &name)
{
    std::ifstream f(std::string(POSTOFFICE_FIXTURES_DIR) + "/wire/" + name, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(f), {});
}

// Recomputes the CRC of a batch starting at `at` after a test tampered with it, so that the
// tampering itself is what the decoder meets.
void fixCrc(std::vector<std::uint8_t> &bytes, std::size_t at = 0)
{
    WireReader r(std::span<const std::uint8_t>(bytes).subspan(at + 8, 4));
    const std::size_t length = std::size_t(r.int32());
    const std::uint32_t crc =
        Crc32c::compute(std::span<const std::uint8_t>(bytes).subspan(at + 21, length + 12 - 21));
    bytes[at + 17] = std::uint8_t(crc >> 24);
    bytes[at + 18] = std::uint8_t(crc >> 16);
    bytes[at + 19] = std::uint8_t(crc >> 8);
    bytes[at + 20] = std::uint8_t(crc);
}

// A batch of the given raw (already compressed, or not) record bytes, laid out by hand.
std::vector<std::uint8_t> handBatch(std::int16_t attributes, std::int32_t count, std::int32_t lastOffsetDelta,
                                    std::span<const std::uint8_t> recordBytes, std::int64_t baseOffset = 0)
{
    WireWriter w;
    w.int64(baseOffset);
    const std::size_t lengthAt = w.reserveInt32();
    w.int32(0);  // partition leader epoch
    w.int8(2);   // magic
    w.uint32(0); // crc, fixed below
    w.int16(attributes);
    w.int32(lastOffsetDelta);
    w.int64(1000); // base timestamp
    w.int64(1000); // max timestamp
    w.int64(-1);
    w.int16(-1);
    w.int32(-1);
    w.int32(count);
    w.raw(recordBytes);
    w.patchInt32(lengthAt, std::int32_t(w.size() - 12));
    fixCrc(w.buffer());
    return w.buffer();
}

// One record, laid out by hand: varint length, attributes, timestamp delta, offset delta, key,
// value, headers.
std::vector<std::uint8_t> handRecord(std::int32_t offsetDelta, std::string_view key, std::string_view value)
{
    WireWriter body;
    body.int8(0);
    body.varlong(0);
    body.varint(offsetDelta);
    body.varint(std::int32_t(key.size()));
    body.raw(key.data(), key.size());
    body.varint(std::int32_t(value.size()));
    body.raw(value.data(), value.size());
    body.varint(0);
    WireWriter w;
    w.varint(std::int32_t(body.size()));
    w.raw(body.buffer());
    return w.buffer();
}

// The stored layout RecordView reads (see LogSegment): native-endian lengths, then the bytes.
std::vector<char> viewBlob(std::optional<std::string_view> key, std::optional<std::string_view> value,
                           const std::vector<Header> &headers)
{
    std::vector<char> blob;
    const auto put32 = [&blob](std::uint32_t v) {
        char b[4];
        std::memcpy(b, &v, 4);
        blob.insert(blob.end(), b, b + 4);
    };
    std::vector<char> headerBytes;
    if (!headers.empty()) {
        std::vector<char> saved;
        saved.swap(blob);
        put32(std::uint32_t(headers.size()));
        for (const Header &h : headers) {
            put32(std::uint32_t(h.key.size()));
            blob.insert(blob.end(), h.key.begin(), h.key.end());
            put32(std::uint32_t(h.value.size()));
            blob.insert(blob.end(), h.value.begin(), h.value.end());
        }
        headerBytes.swap(blob);
        blob.swap(saved);
    }
    put32(key ? std::uint32_t(key->size()) : 0xffffffffu);
    put32(value ? std::uint32_t(value->size()) : 0xffffffffu);
    put32(std::uint32_t(headerBytes.size()));
    if (key)
        blob.insert(blob.end(), key->begin(), key->end());
    if (value)
        blob.insert(blob.end(), value->begin(), value->end());
    blob.insert(blob.end(), headerBytes.begin(), headerBytes.end());
    return blob;
}

} // namespace

class TestWireRecordBatch : public QObject
{
    Q_OBJECT
private slots:
    void handLaidBatchDecodes();
    void roundTripEveryCompression_data();
    void roundTripEveryCompression();
    void librdkafkaBatchesDecode_data();
    void librdkafkaBatchesDecode();
    void rawAndXerialSnappyBothDecode();
    void severalBatchesInOneRecordsField();
    void trailingPartialBatchIgnoredOrRejected();
    void producerFieldsAndLogAppendTime();
    void recordViewsKeepTheirOffsets();
    void zeroCopyRefsPointIntoTheRequest();
    void refsObjectIsReusable();
    void badCrcIsCorrupt();
    void lyingBatchLengthIsCorrupt();
    void lyingRecordLengthIsCorrupt();
    void lyingRecordCountIsCorrupt();
    void overlongVarintInRecordIsCorrupt();
    void oldMagicIsUnsupportedForMessageFormat();
    void unknownCodecIsUnsupportedCompressionType();
    void garbageCompressedPayloadIsCorrupt_data();
    void garbageCompressedPayloadIsCorrupt();
    void decompressionBombIsCapped_data();
    void decompressionBombIsCapped();
    void snappyBlockClaimingHugeLengthIsRefusedUpFront();
    void decompressionBudgetCoversTheWholeRecordsField();
};

void TestWireRecordBatch::handLaidBatchDecodes()
{
    // Kafka's DefaultRecordBatch layout, byte by byte, with two records.
    std::vector<std::uint8_t> records = handRecord(0, "k0", "v0");
    const auto second = handRecord(1, "k1", "value-1");
    records.insert(records.end(), second.begin(), second.end());
    const auto batch = handBatch(0, 2, 1, records, 42);
    std::vector<DecodedBatch> out;
    QCOMPARE(decodeRecordBatches(batch, out), ErrorCode::None);
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].baseOffset, std::int64_t(42));
    QCOMPARE(out[0].records.size(), std::size_t(2));
    QCOMPARE(*out[0].records[0].key, std::string("k0"));
    QCOMPARE(*out[0].records[1].value, std::string("value-1"));
    QCOMPARE(out[0].records[1].timestampMs, std::int64_t(1000));
    QCOMPARE(out[0].offsets, (std::vector<std::int64_t>{42, 43}));

    // And the encoder writes exactly that layout.
    std::vector<Record> same(2);
    same[0].key = "k0";
    same[0].value = "v0";
    same[0].timestampMs = 1000;
    same[1].key = "k1";
    same[1].value = "value-1";
    same[1].timestampMs = 1000;
    WireWriter w;
    BatchOptions options;
    options.partitionLeaderEpoch = 0;
    encodeRecordBatch(w, 42, std::span<const Record>(same), options);
    QCOMPARE(w.buffer(), batch);
}

void TestWireRecordBatch::roundTripEveryCompression_data()
{
    QTest::addColumn<Compression>("codec");
    QTest::newRow("none") << Compression::None;
    QTest::newRow("gzip") << Compression::Gzip;
    QTest::newRow("snappy") << Compression::Snappy;
    QTest::newRow("lz4") << Compression::Lz4;
    QTest::newRow("zstd") << Compression::Zstd;
}

void TestWireRecordBatch::roundTripEveryCompression()
{
    QFETCH(Compression, codec);
    const std::vector<Record> records = sampleRecords();
    WireWriter w;
    encodeRecordBatch(w, 1000, std::span<const Record>(records), codec);
    WireReader attributes(std::span<const std::uint8_t>(w.buffer()).subspan(21, 2));
    QCOMPARE(attributes.int16() & 7, int(codec));
    if (codec != Compression::None)
        QVERIFY(w.size() < 20000); // 70 KB of 'x' compresses
    std::vector<DecodedBatch> out;
    QCOMPARE(decodeRecordBatches(w.buffer(), out, PartialBatch::Reject), ErrorCode::None);
    QCOMPARE(out.size(), std::size_t(1));
    QVERIFY(out[0].records == records);
    QCOMPARE(out[0].offsets, (std::vector<std::int64_t>{1000, 1001, 1002, 1003, 1004}));
    QCOMPARE(out[0].baseTimestamp, std::int64_t(1700000000000));
    QCOMPARE(out[0].maxTimestamp, std::int64_t(1700000002000));
    QVERIFY(!out[0].records[1].key);
    QVERIFY(!out[0].records[2].value);

    // The codec functions alone round-trip too.
    std::vector<std::uint8_t> data(100000);
    for (std::size_t i = 0; i < data.size(); ++i)
        data[i] = std::uint8_t((i * 7) % 13);
    std::vector<std::uint8_t> packed, unpacked;
    QVERIFY(compress(codec, data, packed));
    QCOMPARE(decompress(codec, packed, unpacked), ErrorCode::None);
    QVERIFY(unpacked == data);
}

void TestWireRecordBatch::librdkafkaBatchesDecode_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("codec");
    for (const char *c : {"none", "gzip", "snappy", "lz4", "zstd"}) {
        static const std::vector<std::string> names{"none", "gzip", "snappy", "lz4", "zstd"};
        const int index = int(std::find(names.begin(), names.end(), c) - names.begin());
        QTest::newRow(c) << QString("librdkafka-2.0.2-produce-v7-%1.bin").arg(c) << index;
    }
}

void TestWireRecordBatch::librdkafkaBatchesDecode()
{
    // kcat -P -z <codec> -K '\t' -Z -H h1=v1 -H h2=v2 < librdkafka-2.0.2-produce-input.txt, captured
    // by a listener that answered ApiVersions and Metadata: librdkafka's own compressors.
    QFETCH(QString, file);
    QFETCH(int, codec);
    const auto frame = readFixture(file.toStdString());
    QVERIFY(!frame.empty());
    WireReader r(std::span<const std::uint8_t>(frame).subspan(4));
    const auto header = readRequestHeader(r);
    QVERIFY(header);
    QCOMPARE(header->apiKey, std::int16_t(0));
    QCOMPARE(header->apiVersion, std::int16_t(7));
    ProduceRequest request;
    QVERIFY(decodeProduceRequest(r, header->apiVersion, request));
    QVERIFY(r.atEnd());
    QCOMPARE(request.topics.size(), std::size_t(1));
    QCOMPARE(request.topics[0].name, std::string("wire"));
    QVERIFY(request.topics[0].partitions[0].records);

    RecordBatchRefs refs;
    QCOMPARE(decodeRecordBatches(*request.topics[0].partitions[0].records, refs, PartialBatch::Reject),
             ErrorCode::None);
    QCOMPARE(refs.batches.size(), std::size_t(1));
    QCOMPARE(int(refs.batches[0].compression), codec);

    std::ifstream input(std::string(POSTOFFICE_FIXTURES_DIR) + "/wire/librdkafka-2.0.2-produce-input.txt");
    std::vector<std::string> lines;
    for (std::string line; std::getline(input, line);)
        lines.push_back(line);
    QCOMPARE(refs.records.size(), lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::size_t tab = lines[i].find('\t');
        const std::string key = lines[i].substr(0, tab);
        const std::string value = lines[i].substr(tab + 1);
        const RecordRef &rec = refs.records[i];
        // -Z: an empty key or value is sent as null.
        QCOMPARE(rec.key.has_value(), !key.empty());
        QCOMPARE(rec.value.has_value(), !value.empty());
        if (rec.key)
            QCOMPARE(std::string(*rec.key), key);
        if (rec.value)
            QCOMPARE(std::string(*rec.value), value);
        QCOMPARE(rec.headers.size(), std::size_t(2));
        QCOMPARE(rec.headers[1].key, std::string("h2"));
        QCOMPARE(rec.headers[1].value, std::string("v2"));
        QVERIFY(rec.timestampMs > 1600000000000);
        QCOMPARE(refs.offsets[i], std::int64_t(i));
    }
}

void TestWireRecordBatch::rawAndXerialSnappyBothDecode()
{
    std::string text;
    for (int i = 0; i < 5000; ++i)
        text += "snappy " + std::to_string(i) + " ";
    const auto data = WireWriter::asBytes(text);
    // Ours: xerial framing, the Java client's.
    std::vector<std::uint8_t> framed;
    QVERIFY(compress(Compression::Snappy, data, framed));
    QCOMPARE(framed[0], std::uint8_t(0x82));
    QCOMPARE(std::string(framed.begin() + 1, framed.begin() + 7), std::string("SNAPPY"));
    std::vector<std::uint8_t> out;
    QCOMPARE(decompress(Compression::Snappy, framed, out), ErrorCode::None);
    QVERIFY(std::equal(out.begin(), out.end(), data.begin(), data.end()));
    // A raw block (librdkafka's way, see the fixture) is taken as well — tested through the
    // librdkafka fixture; here a xerial stream whose block length lies must be refused.
    std::vector<std::uint8_t> lying = framed;
    lying[16] = 0x7f;
    QCOMPARE(decompress(Compression::Snappy, lying, out), ErrorCode::CorruptMessage);
    std::vector<std::uint8_t> cut(framed.begin(), framed.begin() + 18);
    QCOMPARE(decompress(Compression::Snappy, cut, out), ErrorCode::CorruptMessage);
}

void TestWireRecordBatch::severalBatchesInOneRecordsField()
{
    const std::vector<Record> records = sampleRecords();
    WireWriter w;
    encodeRecordBatch(w, 0, std::span<const Record>(records).first(2), Compression::Lz4);
    encodeRecordBatch(w, 2, std::span<const Record>(records).subspan(2), Compression::None);
    RecordBatchRefs refs;
    QCOMPARE(decodeRecordBatches(w.buffer(), refs, PartialBatch::Reject), ErrorCode::None);
    QCOMPARE(refs.batches.size(), std::size_t(2));
    QCOMPARE(refs.batchRecords(refs.batches[1]).size(), std::size_t(3));
    QCOMPARE(refs.offsets.back(), std::int64_t(4));
    QCOMPARE(refs.records[0].headers.size(), std::size_t(2)); // headers pointed right after the fix-up
    QCOMPARE(refs.records[0].headers[0].value, std::string("abc"));
    QVERIFY(refs.records[4].headers.empty());
}

void TestWireRecordBatch::trailingPartialBatchIgnoredOrRejected()
{
    const std::vector<Record> records = sampleRecords();
    WireWriter w;
    encodeRecordBatch(w, 0, std::span<const Record>(records).first(1));
    const std::size_t firstSize = w.size();
    encodeRecordBatch(w, 1, std::span<const Record>(records).subspan(1, 1));
    for (std::size_t cut : {firstSize + 3, firstSize + 30, w.size() - 1}) {
        const auto bytes = std::span<const std::uint8_t>(w.buffer()).first(cut);
        std::vector<DecodedBatch> out;
        // A Fetch response may end in a partial batch: the whole ones are read.
        QCOMPARE(decodeRecordBatches(bytes, out, PartialBatch::Ignore), ErrorCode::None);
        QCOMPARE(out.size(), std::size_t(1));
        // A Produce request may not.
        QCOMPARE(decodeRecordBatches(bytes, out, PartialBatch::Reject), ErrorCode::CorruptMessage);
        QCOMPARE(out.size(), std::size_t(1)); // what came before the error is kept
    }
}

void TestWireRecordBatch::producerFieldsAndLogAppendTime()
{
    const std::vector<Record> records = sampleRecords();
    BatchOptions options;
    options.producerId = 4000;
    options.producerEpoch = 3;
    options.baseSequence = 17;
    options.logAppendTime = true;
    options.logAppendTimeMs = 1800000000000;
    options.compression = Compression::Zstd;
    WireWriter w;
    encodeRecordBatch(w, 0, std::span<const Record>(records), options);
    std::vector<DecodedBatch> out;
    QCOMPARE(decodeRecordBatches(w.buffer(), out), ErrorCode::None);
    QCOMPARE(out[0].producerId, std::int64_t(4000));
    QCOMPARE(out[0].producerEpoch, std::int16_t(3));
    QCOMPARE(out[0].baseSequence, 17);
    QCOMPARE(out[0].maxTimestamp, std::int64_t(1800000000000));
    // message.timestamp.type=LogAppendTime: every record carries the broker's time.
    for (const Record &r : out[0].records)
        QCOMPARE(r.timestampMs, std::int64_t(1800000000000));
    QVERIFY(!out[0].transactional);
    QVERIFY(!out[0].control);
}

void TestWireRecordBatch::recordViewsKeepTheirOffsets()
{
    // A compacted log has gaps: offsets 10, 12, 15.
    const auto a = viewBlob(std::string_view("k1"), std::string_view("v1"), {});
    const auto b = viewBlob(std::nullopt, std::string_view("v2"), {{"h", "x"}});
    const auto c = viewBlob(std::string_view("k3"), std::nullopt, {});
    const std::vector<RecordView> views{RecordView(10, 500, a.data()), RecordView(12, 600, b.data()),
                                        RecordView(15, 550, c.data())};
    for (Compression codec : {Compression::None, Compression::Gzip}) {
        WireWriter w;
        encodeRecordBatch(w, 10, std::span<const RecordView>(views), codec);
        std::vector<DecodedBatch> out;
        QCOMPARE(decodeRecordBatches(w.buffer(), out), ErrorCode::None);
        QCOMPARE(out[0].offsets, (std::vector<std::int64_t>{10, 12, 15}));
        for (std::size_t i = 0; i < views.size(); ++i)
            QVERIFY(out[0].records[i] == views[i].toRecord());
        QCOMPARE(out[0].maxTimestamp, std::int64_t(600));
    }
}

void TestWireRecordBatch::zeroCopyRefsPointIntoTheRequest()
{
    const std::vector<Record> records = sampleRecords();
    WireWriter w;
    encodeRecordBatch(w, 0, std::span<const Record>(records));
    RecordBatchRefs refs;
    QCOMPARE(decodeRecordBatches(w.buffer(), refs), ErrorCode::None);
    const auto *begin = reinterpret_cast<const char *>(w.buffer().data());
    const auto *end = begin + w.size();
    QVERIFY(refs.records[0].key->data() >= begin && refs.records[0].key->data() < end);
    QVERIFY(refs.records[4].value->data() >= begin && refs.records[4].value->data() < end);
}

void TestWireRecordBatch::refsObjectIsReusable()
{
    const std::vector<Record> records = sampleRecords();
    WireWriter w1, w2;
    encodeRecordBatch(w1, 0, std::span<const Record>(records), Compression::Snappy);
    encodeRecordBatch(w2, 7, std::span<const Record>(records).first(1), Compression::Gzip);
    RecordBatchRefs refs;
    QCOMPARE(decodeRecordBatches(w1.buffer(), refs), ErrorCode::None);
    QCOMPARE(refs.records.size(), records.size());
    QCOMPARE(decodeRecordBatches(w2.buffer(), refs), ErrorCode::None);
    QCOMPARE(refs.records.size(), std::size_t(1));
    QCOMPARE(refs.offsets[0], std::int64_t(7));
    QCOMPARE(std::string(*refs.records[0].value), *records[0].value);
}

void TestWireRecordBatch::badCrcIsCorrupt()
{
    const std::vector<Record> records = sampleRecords();
    WireWriter w;
    encodeRecordBatch(w, 0, std::span<const Record>(records).first(2));
    auto bytes = w.buffer();
    bytes[bytes.size() - 3] ^= 0x01; // one bit in a value
    std::vector<DecodedBatch> out;
    QCOMPARE(decodeRecordBatches(bytes, out), ErrorCode::CorruptMessage);
    QVERIFY(out.empty());
    auto crcOnly = w.buffer();
    crcOnly[17] ^= 0x80;
    QCOMPARE(decodeRecordBatches(crcOnly, out), ErrorCode::CorruptMessage);
}

void TestWireRecordBatch::lyingBatchLengthIsCorrupt()
{
    const std::vector<Record> records = sampleRecords();
    WireWriter w;
    encodeRecordBatch(w, 0, std::span<const Record>(records).first(1));
    std::vector<DecodedBatch> out;
    // Shorter than a batch header can be.
    auto tooShort = w.buffer();
    tooShort[8] = tooShort[9] = tooShort[10] = 0;
    tooShort[11] = 10;
    QCOMPARE(decodeRecordBatches(tooShort, out), ErrorCode::CorruptMessage);
    // Negative.
    auto negative = w.buffer();
    negative[8] = 0xff;
    QCOMPARE(decodeRecordBatches(negative, out), ErrorCode::CorruptMessage);
    // Longer than the bytes (2 GB): in a Produce request that is corrupt, not "partial".
    auto huge = w.buffer();
    huge[8] = 0x7f;
    QCOMPARE(decodeRecordBatches(huge, out, PartialBatch::Reject), ErrorCode::CorruptMessage);
    // Shorter than its records (the batch ends inside a record), CRC made right.
    auto inside = w.buffer();
    inside.resize(inside.size() - 5);
    WireWriter patch;
    patch.int32(std::int32_t(inside.size() - 12));
    std::copy(patch.buffer().begin(), patch.buffer().end(), inside.begin() + 8);
    fixCrc(inside);
    QCOMPARE(decodeRecordBatches(inside, out), ErrorCode::CorruptMessage);
}

void TestWireRecordBatch::lyingRecordLengthIsCorrupt()
{
    auto record = handRecord(0, "k", "v");
    record[0] = 0x7e; // varint 63: longer than the record
    const auto batch = handBatch(0, 1, 0, record);
    std::vector<DecodedBatch> out;
    QCOMPARE(decodeRecordBatches(batch, out), ErrorCode::CorruptMessage);
    // Shorter than the record's fields: the value runs past the record's end.
    auto shorter = handRecord(0, "k", "value");
    shorter[0] = std::uint8_t(shorter[0] - 4); // zigzag: -2 bytes
    QCOMPARE(decodeRecordBatches(handBatch(0, 1, 0, shorter), out), ErrorCode::CorruptMessage);
    // A key length of -2.
    WireWriter body;
    body.int8(0);
    body.varlong(0);
    body.varint(0);
    body.varint(-2);
    body.varint(-1);
    body.varint(0);
    WireWriter rec;
    rec.varint(std::int32_t(body.size()));
    rec.raw(body.buffer());
    QCOMPARE(decodeRecordBatches(handBatch(0, 1, 0, rec.buffer()), out), ErrorCode::CorruptMessage);
}

void TestWireRecordBatch::lyingRecordCountIsCorrupt()
{
    const auto record = handRecord(0, "k", "v");
    std::vector<DecodedBatch> out;
    // More records announced than present.
    QCOMPARE(decodeRecordBatches(handBatch(0, 2, 1, record), out), ErrorCode::CorruptMessage);
    // Two billion announced: refused before anything is reserved for them.
    QCOMPARE(decodeRecordBatches(handBatch(0, 2000000000, 1999999999, record), out),
             ErrorCode::CorruptMessage);
    // Negative.
    QCOMPARE(decodeRecordBatches(handBatch(0, -1, 0, record), out), ErrorCode::CorruptMessage);
    // Fewer announced than present: bytes left over.
    auto two = record;
    const auto second = handRecord(1, "k2", "v2");
    two.insert(two.end(), second.begin(), second.end());
    QCOMPARE(decodeRecordBatches(handBatch(0, 1, 1, two), out), ErrorCode::CorruptMessage);
    // Offset deltas that go backwards.
    auto backwards = handRecord(1, "a", "b");
    const auto zero = handRecord(0, "c", "d");
    backwards.insert(backwards.end(), zero.begin(), zero.end());
    QCOMPARE(decodeRecordBatches(handBatch(0, 2, 1, backwards), out), ErrorCode::CorruptMessage);
}

void TestWireRecordBatch::overlongVarintInRecordIsCorrupt()
{
    // Record length as a six-byte varint.
    std::vector<std::uint8_t> bad{0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0, 0, 0, 0, 0, 0};
    std::vector<DecodedBatch> out;
    QCOMPARE(decodeRecordBatches(handBatch(0, 1, 0, bad), out), ErrorCode::CorruptMessage);
    // Timestamp delta as an eleven-byte varlong inside an honest length.
    std::vector<std::uint8_t> body{0};
    for (int i = 0; i < 10; ++i)
        body.push_back(0x80);
    body.push_back(0x01);
    body.insert(body.end(), {0, 1, 1, 0});
    WireWriter rec;
    rec.varint(std::int32_t(body.size()));
    rec.raw(body);
    QCOMPARE(decodeRecordBatches(handBatch(0, 1, 0, rec.buffer()), out), ErrorCode::CorruptMessage);
}

void TestWireRecordBatch::oldMagicIsUnsupportedForMessageFormat()
{
    // A magic 1 message set (what Produce v0-v2 carry): offset, size, crc, magic 1, …
    WireWriter w;
    w.int64(0);
    w.int32(22);
    w.uint32(0);
    w.int8(1);
    w.int8(0);
    w.int64(0);
    w.int32(-1);
    w.int32(1);
    w.int8('v');
    std::vector<DecodedBatch> out;
    QCOMPARE(decodeRecordBatches(w.buffer(), out), ErrorCode::UnsupportedForMessageFormat);
    auto magic0 = w.buffer();
    magic0[16] = 0;
    QCOMPARE(decodeRecordBatches(magic0, out), ErrorCode::UnsupportedForMessageFormat);
    auto magic7 = w.buffer();
    magic7[16] = 7;
    QCOMPARE(decodeRecordBatches(magic7, out), ErrorCode::CorruptMessage);
}

void TestWireRecordBatch::unknownCodecIsUnsupportedCompressionType()
{
    const auto record = handRecord(0, "k", "v");
    std::vector<DecodedBatch> out;
    for (std::int16_t codec : {5, 6, 7})
        QCOMPARE(decodeRecordBatches(handBatch(codec, 1, 0, record), out),
                 ErrorCode::UnsupportedCompressionType);
}

void TestWireRecordBatch::garbageCompressedPayloadIsCorrupt_data()
{
    roundTripEveryCompression_data();
}

void TestWireRecordBatch::garbageCompressedPayloadIsCorrupt()
{
    QFETCH(Compression, codec);
    if (codec == Compression::None)
        QSKIP("no payload to garble");
    const std::vector<std::uint8_t> garbage{1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
                                            11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    std::vector<DecodedBatch> out;
    QCOMPARE(decodeRecordBatches(handBatch(std::int16_t(codec), 1, 0, garbage), out),
             ErrorCode::CorruptMessage);
    QCOMPARE(decodeRecordBatches(handBatch(std::int16_t(codec), 1, 0, {}), out), ErrorCode::CorruptMessage);
    // A valid stream cut in half.
    std::vector<std::uint8_t> data(5000, 'a');
    for (std::size_t i = 0; i < data.size(); i += 7)
        data[i] = std::uint8_t(i);
    std::vector<std::uint8_t> packed;
    QVERIFY(compress(codec, data, packed));
    packed.resize(packed.size() / 2);
    std::vector<std::uint8_t> unpacked;
    QCOMPARE(decompress(codec, packed, unpacked), ErrorCode::CorruptMessage);
}

void TestWireRecordBatch::decompressionBombIsCapped_data()
{
    roundTripEveryCompression_data();
}

void TestWireRecordBatch::decompressionBombIsCapped()
{
    QFETCH(Compression, codec);
    // 4 MB of zeros compress to a few KB; with a 1 MB cap they must be refused, not inflated.
    const std::vector<std::uint8_t> zeros(4 * 1024 * 1024, 0);
    std::vector<std::uint8_t> packed, unpacked;
    QVERIFY(compress(codec, zeros, packed));
    if (codec != Compression::None)
        QVERIFY(packed.size() < 300000);
    QCOMPARE(decompress(codec, packed, unpacked, 1024 * 1024), ErrorCode::CorruptMessage);
    QVERIFY(unpacked.capacity() <= 2 * 1024 * 1024 + 64);
    QCOMPARE(decompress(codec, packed, unpacked, zeros.size()), ErrorCode::None);
    QCOMPARE(unpacked.size(), zeros.size());
}

void TestWireRecordBatch::snappyBlockClaimingHugeLengthIsRefusedUpFront()
{
    // A raw snappy block whose preamble claims 100 MB from a handful of bytes.
    const std::vector<std::uint8_t> liar{0x80, 0x80, 0x80, 0x32, 0x00, 0x01, 0x02};
    std::vector<std::uint8_t> out;
    QCOMPARE(decompress(Compression::Snappy, liar, out), ErrorCode::CorruptMessage);
    QVERIFY(out.capacity() < 1024 * 1024);
}

void TestWireRecordBatch::decompressionBudgetCoversTheWholeRecordsField()
{
    // Two batches of 60 MB each once inflated (a few KB on the wire): each alone is under the
    // 100 MB cap, together they are not, and the second is refused.
    std::vector<Record> big(1);
    big[0].key = "k";
    big[0].value = std::string(60 * 1024 * 1024, '0');
    WireWriter w;
    encodeRecordBatch(w, 0, std::span<const Record>(big), Compression::Zstd);
    const std::size_t one = w.size();
    QVERIFY(one < 100000);
    encodeRecordBatch(w, 1, std::span<const Record>(big), Compression::Zstd);
    big.clear();
    RecordBatchRefs refs;
    QCOMPARE(decodeRecordBatches(std::span<const std::uint8_t>(w.buffer()).first(one), refs),
             ErrorCode::None);
    QCOMPARE(decodeRecordBatches(w.buffer(), refs), ErrorCode::CorruptMessage);
    QCOMPARE(refs.batches.size(), std::size_t(1));
}

QTEST_APPLESS_MAIN(TestWireRecordBatch)
#include "tst_wire_recordbatch.moc"
