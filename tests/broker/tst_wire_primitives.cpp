// The wire primitives every Kafka message is made of: big-endian integers, zigzag varints, classic
// and compact strings/bytes/arrays, tagged fields, CRC-32C, the request and response headers. A
// client's bytes are never trusted: every read past the end or lying length must fail cleanly.
#include "ApiVersionsMessages.h"
#include "Crc32c.h"
#include "KafkaApi.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <QtTest>

#include <climits>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace postoffice::broker;

namespace {
std::vector<std::uint8_t> bytesOf(std::initializer_list<int> list)
{
    std::vector<std::uint8_t> v;
    for (int b : list)
        v.push_back(std::uint8_t(b));
    return v;
}

std::vector<std::uint8_t> readFixture(const char *name)
{
    std::ifstream f(std::string(POSTOFFICE_FIXTURES_DIR) + "/wire/" + name, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(f), {});
}
} // namespace

class TestWirePrimitives : public QObject
{
    Q_OBJECT
private slots:
    void fixedWidthIntegersAreBigEndian();
    void fixedWidthRoundTripAtTheLimits();
    void varintsUseZigzag_data();
    void varintsUseZigzag();
    void varlongRoundTripAtTheLimits();
    void unsignedVarintRoundTrip();
    void overlongVarintsFail();
    void readingPastTheEndFailsAndStaysFailed();
    void stringsClassicAndCompact();
    void nullableFieldsKeepNull();
    void lyingLengthsFail();
    void arrayCountLargerThanBytesLeftFails();
    void taggedFieldsAreSkipped();
    void uuidRoundTrip();
    void sizePrefixIsPatched();
    void crc32cMatchesKnownVectors();
    void crc32cHardwareAndSoftwareAgree();
    void versionTableIsSortedAndCoversEveryApi();
    void flexibleVersionsFollowKafka();
    void requestHeaderV1AndV2();
    void requestHeaderOfUnknownApiIsReadAsV1();
    void truncatedRequestHeaderIsRejected();
    void librdkafkaApiVersionsRequestDecodes();
    void responseFrameCarriesSizeAndCorrelationId();
};

void TestWirePrimitives::fixedWidthIntegersAreBigEndian()
{
    WireWriter w;
    w.int8(-2);
    w.int16(0x0102);
    w.int32(0x01020304);
    w.int64(0x0102030405060708LL);
    w.uint32(0xfffffffeu);
    QCOMPARE(w.buffer(), bytesOf({0xfe, 1, 2, 1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 0xff, 0xff, 0xff, 0xfe}));
    WireReader r(w.buffer());
    QCOMPARE(r.int8(), std::int8_t(-2));
    QCOMPARE(r.int16(), std::int16_t(0x0102));
    QCOMPARE(r.int32(), 0x01020304);
    QCOMPARE(r.int64(), 0x0102030405060708LL);
    QCOMPARE(r.uint32(), 0xfffffffeu);
    QVERIFY(r.ok());
    QVERIFY(r.atEnd());
}

void TestWirePrimitives::fixedWidthRoundTripAtTheLimits()
{
    WireWriter w;
    w.int16(INT16_MIN);
    w.int16(INT16_MAX);
    w.int32(INT32_MIN);
    w.int32(INT32_MAX);
    w.int64(INT64_MIN);
    w.int64(INT64_MAX);
    WireReader r(w.buffer());
    QCOMPARE(r.int16(), std::int16_t(INT16_MIN));
    QCOMPARE(r.int16(), std::int16_t(INT16_MAX));
    QCOMPARE(r.int32(), INT32_MIN);
    QCOMPARE(r.int32(), INT32_MAX);
    QCOMPARE(r.int64(), INT64_MIN);
    QCOMPARE(r.int64(), INT64_MAX);
    QVERIFY(r.ok());
}

void TestWirePrimitives::varintsUseZigzag_data()
{
    QTest::addColumn<int>("value");
    QTest::addColumn<QByteArray>("encoded");
    // Kafka's ByteUtilsTest vectors: zigzag maps 0,-1,1,-2,… to 0,1,2,3,…
    QTest::newRow("0") << 0 << QByteArray::fromHex("00");
    QTest::newRow("-1") << -1 << QByteArray::fromHex("01");
    QTest::newRow("1") << 1 << QByteArray::fromHex("02");
    QTest::newRow("-64") << -64 << QByteArray::fromHex("7f");
    QTest::newRow("64") << 64 << QByteArray::fromHex("8001");
    QTest::newRow("300") << 300 << QByteArray::fromHex("d804");
    QTest::newRow("max") << INT32_MAX << QByteArray::fromHex("feffffff0f");
    QTest::newRow("min") << INT32_MIN << QByteArray::fromHex("ffffffff0f");
}

void TestWirePrimitives::varintsUseZigzag()
{
    QFETCH(int, value);
    QFETCH(QByteArray, encoded);
    WireWriter w;
    w.varint(value);
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(w.buffer().data()), int(w.size())), encoded);
    QCOMPARE(WireWriter::varintSize(value), std::size_t(encoded.size()));
    WireReader r(w.buffer());
    QCOMPARE(r.varint(), value);
    QVERIFY(r.ok() && r.atEnd());
}

void TestWirePrimitives::varlongRoundTripAtTheLimits()
{
    const std::int64_t values[] = {0, -1, 1, 63, -64, 64, INT32_MAX, INT32_MIN, INT64_MAX, INT64_MIN};
    for (const std::int64_t v : values) {
        WireWriter w;
        w.varlong(v);
        QCOMPARE(w.size(), WireWriter::varlongSize(v));
        WireReader r(w.buffer());
        QCOMPARE(r.varlong(), v);
        QVERIFY(r.ok() && r.atEnd());
    }
    WireWriter w;
    w.varlong(INT64_MIN);
    QCOMPARE(w.size(), std::size_t(10));
}

void TestWirePrimitives::unsignedVarintRoundTrip()
{
    const std::uint32_t values[] = {0, 1, 127, 128, 16383, 16384, 0xffffffffu};
    for (const std::uint32_t v : values) {
        WireWriter w;
        w.uvarint(v);
        WireReader r(w.buffer());
        QCOMPARE(r.uvarint(), v);
        QVERIFY(r.ok() && r.atEnd());
    }
}

void TestWirePrimitives::overlongVarintsFail()
{
    // Six continuation bytes: no int32 varint is that long.
    const auto six = bytesOf({0x80, 0x80, 0x80, 0x80, 0x80, 0x01});
    WireReader a(six);
    QCOMPARE(a.varint(), 0);
    QVERIFY(!a.ok());
    // Eleven for a varlong.
    const auto eleven = bytesOf({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01});
    WireReader b(eleven);
    QCOMPARE(b.varlong(), std::int64_t(0));
    QVERIFY(!b.ok());
    // A varint cut short by the end of the bytes.
    const auto cut = bytesOf({0x80, 0x80});
    WireReader c(cut);
    c.varint();
    QVERIFY(!c.ok());
}

void TestWirePrimitives::readingPastTheEndFailsAndStaysFailed()
{
    const auto three = bytesOf({1, 2, 3});
    WireReader r(three);
    QCOMPARE(r.int32(), 0);
    QVERIFY(!r.ok());
    // Nothing more is read, even what would fit.
    QCOMPARE(r.int8(), std::int8_t(0));
    QCOMPARE(r.remaining(), std::size_t(0));
    QVERIFY(r.take(1).empty());
    QVERIFY(!r.ok());
}

void TestWirePrimitives::stringsClassicAndCompact()
{
    WireWriter w;
    w.string("kafka");
    w.compactString("post");
    w.string("", true);
    w.bytes(std::string_view("xyz"));
    w.compactBytes(std::string_view("ab"));
    QCOMPARE(w.buffer(), bytesOf({0, 5, 'k', 'a', 'f', 'k', 'a', 5,   'p', 'o', 's', 't',
                                  1, 0, 0,   0,   3,   'x', 'y', 'z', 3,   'a', 'b'}));
    WireReader r(w.buffer());
    QCOMPARE(r.string(), std::string("kafka"));
    QCOMPARE(r.compactString(), std::string("post"));
    QCOMPARE(r.string(true), std::string());
    const auto b = r.bytes();
    QCOMPARE(std::string(b.begin(), b.end()), std::string("xyz"));
    const auto c = r.compactBytes();
    QCOMPARE(std::string(c.begin(), c.end()), std::string("ab"));
    QVERIFY(r.ok() && r.atEnd());
}

void TestWirePrimitives::nullableFieldsKeepNull()
{
    WireWriter w;
    w.nullableString(std::nullopt);
    w.compactNullableString(std::nullopt);
    w.nullableBytes(std::nullopt);
    w.compactNullableBytes(std::nullopt);
    w.arrayLength(-1);
    w.compactArrayLength(-1);
    w.nullableString(std::string_view(""));
    QCOMPARE(w.buffer(),
             bytesOf({0xff, 0xff, 0, 0xff, 0xff, 0xff, 0xff, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0}));
    WireReader r(w.buffer());
    QVERIFY(!r.nullableString());
    QVERIFY(!r.compactNullableString());
    QVERIFY(!r.nullableBytes());
    QVERIFY(!r.compactNullableBytes());
    QCOMPARE(r.arrayLength(), -1);
    QCOMPARE(r.compactArrayLength(), -1);
    const auto empty = r.nullableString();
    QVERIFY(empty && empty->empty());
    QVERIFY(r.ok() && r.atEnd());
}

void TestWirePrimitives::lyingLengthsFail()
{
    // A string claiming 10 bytes with 2 left.
    const auto s = bytesOf({0, 10, 'a', 'b'});
    WireReader a(s);
    QCOMPARE(a.string(), std::string());
    QVERIFY(!a.ok());
    // Bytes claiming 2 GB.
    const auto b = bytesOf({0x7f, 0xff, 0xff, 0xff, 1});
    WireReader rb(b);
    QVERIFY(rb.bytes().empty());
    QVERIFY(!rb.ok());
    // A negative length other than -1.
    const auto n = bytesOf({0xff, 0xfe});
    WireReader rn(n);
    QVERIFY(!rn.nullableString());
    QVERIFY(!rn.ok());
    // A compact string longer than what is left.
    const auto c = bytesOf({0x10, 'a'});
    WireReader rc(c);
    rc.compactString();
    QVERIFY(!rc.ok());
}

void TestWirePrimitives::arrayCountLargerThanBytesLeftFails()
{
    // 2^31-1 elements announced in an 8-byte frame: must not be believed (nor reserved).
    const auto a = bytesOf({0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0});
    WireReader r(a);
    QCOMPARE(r.arrayLength(), 0);
    QVERIFY(!r.ok());
    const auto neg = bytesOf({0xff, 0xff, 0xff, 0xfe});
    WireReader rn(neg);
    QCOMPARE(rn.arrayLength(), 0);
    QVERIFY(!rn.ok());
    const auto compact = bytesOf({0xff, 0xff, 0xff, 0xff, 0x0f});
    WireReader rc(compact);
    QCOMPARE(rc.compactArrayLength(), 0);
    QVERIFY(!rc.ok());
}

void TestWirePrimitives::taggedFieldsAreSkipped()
{
    // Two tagged fields (tag 0 with 3 bytes, tag 5 with 1 byte), then an int8 that must be read.
    const auto bytes = bytesOf({2, 0, 3, 9, 9, 9, 5, 1, 7, 42});
    WireReader r(bytes);
    r.skipTaggedFields();
    QCOMPARE(r.int8(), std::int8_t(42));
    QVERIFY(r.ok() && r.atEnd());
    // A tagged field whose size lies.
    const auto lying = bytesOf({1, 0, 50, 1});
    WireReader l(lying);
    l.skipTaggedFields();
    QVERIFY(!l.ok());
    WireWriter w;
    w.emptyTaggedFields();
    QCOMPARE(w.buffer(), bytesOf({0}));
}

void TestWirePrimitives::uuidRoundTrip()
{
    std::array<std::uint8_t, 16> id{};
    for (std::size_t i = 0; i < 16; ++i)
        id[i] = std::uint8_t(i * 17);
    WireWriter w;
    w.uuid(id);
    WireReader r(w.buffer());
    QVERIFY(r.uuid() == id);
    QVERIFY(r.ok());
    WireReader shortReader(std::span<const std::uint8_t>(w.buffer()).first(10));
    shortReader.uuid();
    QVERIFY(!shortReader.ok());
}

void TestWirePrimitives::sizePrefixIsPatched()
{
    WireWriter w;
    const std::size_t at = w.reserveInt32();
    w.string("abc");
    w.patchInt32(at, std::int32_t(w.size() - 4));
    WireReader r(w.buffer());
    QCOMPARE(r.int32(), 5);
    QCOMPARE(r.string(), std::string("abc"));
}

void TestWirePrimitives::crc32cMatchesKnownVectors()
{
    const std::string check = "123456789";
    QCOMPARE(Crc32c::compute(WireWriter::asBytes(check)), 0xE3069283u);
    QCOMPARE(Crc32c::compute({}), 0u);
    // RFC 3720 (iSCSI) B.4: 32 bytes of zeros, of 0xff, ascending.
    std::vector<std::uint8_t> zeros(32, 0), ones(32, 0xff), ascending(32);
    for (std::size_t i = 0; i < 32; ++i)
        ascending[i] = std::uint8_t(i);
    QCOMPARE(Crc32c::compute(zeros), 0x8A9136AAu);
    QCOMPARE(Crc32c::compute(ones), 0x62A8AB43u);
    QCOMPARE(Crc32c::compute(ascending), 0x46DD794Eu);
    // Extending in pieces gives the same as at once.
    const auto all = WireWriter::asBytes(check);
    QCOMPARE(Crc32c::extend(Crc32c::compute(all.first(4)), all.subspan(4)), 0xE3069283u);
}

void TestWirePrimitives::crc32cHardwareAndSoftwareAgree()
{
    std::vector<std::uint8_t> data(99999);
    std::uint32_t x = 12345;
    for (auto &b : data) {
        x = x * 1103515245u + 12345u;
        b = std::uint8_t(x >> 16);
    }
    for (std::size_t n :
         {0u, 1u, 7u, 8u, 9u, 63u, 767u, 768u, 769u, 1000u, 1027u, 24575u, 24576u, 24577u, 50000u, 99999u}) {
        const auto s = std::span<const std::uint8_t>(data).first(n);
        QCOMPARE(Crc32c::extend(0, s), Crc32c::extendSoftware(0, s));
        // Unaligned starts and a CRC carried over from earlier bytes.
        if (n + 3 <= data.size()) {
            const auto shifted = std::span<const std::uint8_t>(data).subspan(3, n);
            QCOMPARE(Crc32c::extend(0x12345678u, shifted), Crc32c::extendSoftware(0x12345678u, shifted));
        }
    }
}

void TestWirePrimitives::versionTableIsSortedAndCoversEveryApi()
{
    const auto apis = supportedApis();
    QVERIFY(!apis.empty());
    for (std::size_t i = 1; i < apis.size(); ++i)
        QVERIFY(std::int16_t(apis[i - 1].key) < std::int16_t(apis[i].key));
    for (const ApiVersionRange &r : apis)
        QVERIFY(r.minVersion <= r.maxVersion);
    // The APIs issue 12 asks for, each with the range real clients need.
    QCOMPARE(supportedRange(18)->maxVersion, std::int16_t(3));
    QCOMPARE(supportedRange(0)->minVersion, std::int16_t(0)); // librdkafka 2.0 compresses only then
    QVERIFY(supportedRange(0)->maxVersion >= 7);
    QVERIFY(supportedRange(1)->minVersion == 4 && supportedRange(1)->maxVersion >= 11);
    for (std::int16_t key : {2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 19, 20, 22, 32})
        QVERIFY2(supportedRange(key).has_value(), apiName(key));
    QVERIFY(!supportedRange(17)); // no SASL
    QVERIFY(!supportedRange(99));
    QVERIFY(isSupported(3, 8));
    QVERIFY(!isSupported(3, 100));
}

void TestWirePrimitives::flexibleVersionsFollowKafka()
{
    QVERIFY(!isFlexible(ApiKey::ApiVersions, 2));
    QVERIFY(isFlexible(ApiKey::ApiVersions, 3));
    QVERIFY(!isFlexible(ApiKey::Metadata, 8));
    QVERIFY(isFlexible(ApiKey::Metadata, 9));
    QVERIFY(!isFlexible(ApiKey::Fetch, 11));
    QVERIFY(isFlexible(ApiKey::Fetch, 12));
    QVERIFY(!isFlexible(ApiKey::Produce, 8));
    QVERIFY(isFlexible(ApiKey::Produce, 9));
    QVERIFY(isFlexible(ApiKey::JoinGroup, 6));
    QVERIFY(!isFlexible(ApiKey::SaslHandshake, 1));
    // Every served version of every API except ApiVersions v3 is classic: the table stops before
    // the flexible versions.
    for (const ApiVersionRange &r : supportedApis())
        for (std::int16_t v = r.minVersion; v <= r.maxVersion; ++v)
            QVERIFY(!isFlexible(r.key, v) || (r.key == ApiKey::ApiVersions && v == 3));
}

void TestWirePrimitives::requestHeaderV1AndV2()
{
    WireWriter w;
    w.int16(3); // Metadata v1: header v1
    w.int16(1);
    w.int32(77);
    w.nullableString(std::string_view("me"));
    w.int32(-1); // body
    WireReader r(w.buffer());
    const auto h = readRequestHeader(r);
    QVERIFY(h);
    QCOMPARE(h->apiKey, std::int16_t(3));
    QCOMPARE(h->apiVersion, std::int16_t(1));
    QCOMPARE(h->correlationId, 77);
    QCOMPARE(*h->clientId, std::string("me"));
    QCOMPARE(r.int32(), -1);

    WireWriter w2; // ApiVersions v3: header v2, tagged fields after a classic client id
    w2.int16(18);
    w2.int16(3);
    w2.int32(5);
    w2.nullableString(std::nullopt);
    w2.emptyTaggedFields();
    w2.int8(9);
    WireReader r2(w2.buffer());
    const auto h2 = readRequestHeader(r2);
    QVERIFY(h2);
    QVERIFY(!h2->clientId);
    QCOMPARE(r2.int8(), std::int8_t(9));
}

void TestWirePrimitives::requestHeaderOfUnknownApiIsReadAsV1()
{
    WireWriter w;
    w.int16(1000);
    w.int16(42);
    w.int32(123);
    w.nullableString(std::string_view("x"));
    w.int8(7); // first body byte, not a tagged-field count
    WireReader r(w.buffer());
    const auto h = readRequestHeader(r);
    QVERIFY(h);
    QCOMPARE(h->apiKey, std::int16_t(1000));
    QCOMPARE(h->correlationId, 123);
    QCOMPARE(r.int8(), std::int8_t(7));
}

void TestWirePrimitives::truncatedRequestHeaderIsRejected()
{
    const auto bytes = bytesOf({0, 3, 0, 1, 0, 0});
    WireReader r(bytes);
    QVERIFY(!readRequestHeader(r));
    const auto lying = bytesOf({0, 3, 0, 1, 0, 0, 0, 1, 0, 9, 'a'});
    WireReader l(lying);
    QVERIFY(!readRequestHeader(l));
}

void TestWirePrimitives::librdkafkaApiVersionsRequestDecodes()
{
    // The first frame kcat 1.7.1 / librdkafka 2.0.2 sent to a listening socket (kcat -L).
    const auto frame = readFixture("librdkafka-2.0.2-apiversions-v3.bin");
    QVERIFY(frame.size() > 4);
    WireReader sizeReader(frame);
    QCOMPARE(std::size_t(sizeReader.int32()), frame.size() - 4);
    WireReader r(std::span<const std::uint8_t>(frame).subspan(4));
    const auto h = readRequestHeader(r);
    QVERIFY(h);
    QCOMPARE(h->apiKey, std::int16_t(ApiKey::ApiVersions));
    QCOMPARE(h->apiVersion, std::int16_t(3));
    QCOMPARE(*h->clientId, std::string("rdkafka"));
    ApiVersionsRequest request;
    QVERIFY(decodeApiVersionsRequest(r, h->apiVersion, request));
    QCOMPARE(request.clientSoftwareName, std::string("librdkafka"));
    QCOMPARE(request.clientSoftwareVersion, std::string("2.0.2"));
    QVERIFY(r.atEnd());
}

void TestWirePrimitives::responseFrameCarriesSizeAndCorrelationId()
{
    const auto body = bytesOf({1, 2, 3});
    RequestHeader metadata{3, 8, 99, std::nullopt};
    const auto f = responseFrame(metadata, body);
    QCOMPARE(f, bytesOf({0, 0, 0, 7, 0, 0, 0, 99, 1, 2, 3}));
    // A flexible request gets response header v1 (an empty tagged-field section)...
    RequestHeader flexible{3, 9, 1, std::nullopt};
    QCOMPARE(responseFrame(flexible, body), bytesOf({0, 0, 0, 8, 0, 0, 0, 1, 0, 1, 2, 3}));
    // ...except ApiVersions, whose response header is v0 at every version.
    RequestHeader apiVersions{18, 3, 2, std::nullopt};
    QCOMPARE(responseFrame(apiVersions, body), bytesOf({0, 0, 0, 7, 0, 0, 0, 2, 1, 2, 3}));
}

QTEST_APPLESS_MAIN(TestWirePrimitives)
#include "tst_wire_primitives.moc"
