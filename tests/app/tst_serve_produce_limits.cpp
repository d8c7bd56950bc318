// `postoffice serve` holds each record batch a client produces to the topic's max.message.bytes as
// Kafka does: the batch as it travels (its 12 bytes of log overhead plus batchLength), checked
// before anything in it is decoded or decompressed, refused with MESSAGE_TOO_LARGE for its
// partition. A librdkafka producer allowed big batches (its message.max.bytes raised) sees its
// records fail with that error and nothing lands in the log; smaller batches still go in. Over a
// raw socket, a batch too large whose CRC is also wrong gets MESSAGE_TOO_LARGE, not
// CORRUPT_MESSAGE: the size is judged before the batch is read.

#include "ErrorCode.h"
#include "ProduceMessages.h"
#include "RawKafkaWire.h"
#include "Record.h"
#include "RecordBatchCodec.h"
#include "ServeProcess.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QtTest>

#include <atomic>
#include <map>

using namespace postoffice;
using namespace postoffice::test;

namespace {

const QString kScenario = QStringLiteral(POSTOFFICE_FIXTURES_DIR "/scenarios/serve-bench.json");
const char *const kTopic = "limited";
constexpr int kMaxMessageBytes = 10000;

// `count` records of `valueBytes` bytes each.
std::vector<broker::Record> records(int count, std::size_t valueBytes)
{
    std::vector<broker::Record> out(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i)
        out[std::size_t(i)].value = std::string(valueBytes, char('a' + i % 26));
    return out;
}

// A batch of one record whose encoded size is exactly `bytes` (the record's varint lengths grow
// with its value, so the value's size is found by trying).
std::vector<std::uint8_t> batchOfSize(std::size_t bytes)
{
    for (std::size_t value = bytes > 100 ? bytes - 100 : 0; value <= bytes; ++value) {
        broker::WireWriter w;
        broker::encodeRecordBatch(w, 0, std::span<const broker::Record>(records(1, value)));
        if (w.size() == bytes)
            return w.buffer();
    }
    return {};
}

// A Produce v8 request body (acks=1) with one batch for kTopic[0].
std::vector<std::uint8_t> produceBody(const std::vector<std::uint8_t> &batch)
{
    broker::ProduceRequest request;
    request.acks = 1;
    request.timeoutMs = 5000;
    broker::ProduceTopicData topic;
    topic.name = kTopic;
    broker::ProducePartitionData data;
    data.index = 0;
    data.records = std::span<const std::uint8_t>(batch);
    topic.partitions.push_back(data);
    request.topics.push_back(topic);
    broker::WireWriter body;
    broker::encodeProduceRequest(body, 8, request);
    return body.buffer();
}

broker::ProducePartitionResponse produceAnswer(const QByteArray &response)
{
    const auto bytes = std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t *>(response.data()),
                                                     std::size_t(response.size()));
    broker::WireReader in(bytes.subspan(4)); // response header v0: the correlation id
    broker::ProduceResponse decoded;
    if (!broker::decodeProduceResponse(in, 8, decoded) || decoded.topics.size() != 1 ||
        decoded.topics[0].partitions.size() != 1) {
        broker::ProducePartitionResponse bad;
        bad.errorCode = broker::ErrorCode::UnknownServerError;
        return bad;
    }
    return decoded.topics[0].partitions[0];
}

struct Deliveries
{
    std::atomic<int> ok{0};
    std::atomic<int> tooLarge{0};
    std::atomic<int> other{0};
};

extern "C" void onDelivery(rd_kafka_t *, const rd_kafka_message_t *m, void *opaque)
{
    auto *d = static_cast<Deliveries *>(opaque);
    if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR)
        ++d->ok;
    else if (m->err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE)
        ++d->tooLarge;
    else
        ++d->other;
}

} // namespace

class ServeProduceLimitsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void batchOverMaxMessageBytesIsRefusedWithNothingWritten();
    void batchesWithinTheLimitAreWritten();
    void sizeIsJudgedBeforeTheBatchIsRead();

private:
    // Produces `count` records of `valueBytes` to kTopic[0] in as few batches as librdkafka makes.
    void produce(int count, std::size_t valueBytes, Deliveries &deliveries);
    std::int64_t highWatermark();

    ServeProcess m_serve;
};

void ServeProduceLimitsTest::initTestCase()
{
    QVERIFY2(m_serve.start(kScenario, 1), qPrintable(m_serve.errors()));
    // A topic whose max.message.bytes is 10000, created as an admin would.
    const QString created = createTopic(m_serve.bootstrap(), kTopic, 1, 1,
                                        {{"max.message.bytes", std::to_string(kMaxMessageBytes)}});
    QVERIFY2(created.isEmpty(), qPrintable(created));
}

void ServeProduceLimitsTest::cleanupTestCase()
{
    QCOMPARE(m_serve.stop(), 0);
}

void ServeProduceLimitsTest::produce(int count, std::size_t valueBytes, Deliveries &deliveries)
{
    // message.max.bytes raised on the client so that it sends batches far over the topic's limit;
    // a long linger gathers every record into one batch (flush sends it at once); no retries, no
    // compression (the wire size is then the records' own).
    rd_kafka_conf_t *conf = rdConf({{"bootstrap.servers", m_serve.bootstrap()},
                                    {"message.max.bytes", "5000000"},
                                    {"batch.size", "5000000"},
                                    {"linger.ms", "1000"},
                                    {"acks", "1"},
                                    {"retries", "0"},
                                    {"compression.type", "none"}});
    rd_kafka_conf_set_dr_msg_cb(conf, onDelivery);
    rd_kafka_conf_set_opaque(conf, &deliveries);
    char errstr[512];
    RdKafka producer(rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr));
    QVERIFY2(producer, errstr);
    // Connected and the topic's leader known first: a record queued while the producer still waits
    // for metadata may outlive its linger.ms by the time the leader is known and go out alone.
    rd_kafka_topic_t *topic = rd_kafka_topic_new(producer.get(), kTopic, nullptr);
    const rd_kafka_metadata_t *metadata = nullptr;
    QCOMPARE(rd_kafka_metadata(producer.get(), 0, topic, &metadata, 20000), RD_KAFKA_RESP_ERR_NO_ERROR);
    rd_kafka_metadata_destroy(metadata);
    rd_kafka_topic_destroy(topic);
    const std::string value(valueBytes, 'v');
    for (int i = 0; i < count; ++i)
        QCOMPARE(rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(kTopic), RD_KAFKA_V_PARTITION(0),
                                   RD_KAFKA_V_VALUE(const_cast<char *>(value.data()), value.size()),
                                   RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END),
                 RD_KAFKA_RESP_ERR_NO_ERROR);
    QCOMPARE(rd_kafka_flush(producer.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
}

std::int64_t ServeProduceLimitsTest::highWatermark()
{
    char errstr[512];
    RdKafka consumer(rd_kafka_new(
        RD_KAFKA_CONSUMER, rdConf({{"bootstrap.servers", m_serve.bootstrap()}, {"group.id", "limits"}}),
        errstr, sizeof errstr));
    if (!consumer)
        return -1;
    std::int64_t low = -1, high = -1;
    if (rd_kafka_query_watermark_offsets(consumer.get(), kTopic, 0, &low, &high, 20000) !=
        RD_KAFKA_RESP_ERR_NO_ERROR)
        return -1;
    return high;
}

void ServeProduceLimitsTest::batchOverMaxMessageBytesIsRefusedWithNothingWritten()
{
    // 100 records of 500 bytes: each well within 10000 bytes, together one batch of about 51 KB.
    Deliveries deliveries;
    produce(100, 500, deliveries);
    QCOMPARE(deliveries.ok.load(), 0);
    QCOMPARE(deliveries.other.load(), 0);
    QCOMPARE(deliveries.tooLarge.load(), 100);
    QCOMPARE(highWatermark(), std::int64_t(0));
}

void ServeProduceLimitsTest::batchesWithinTheLimitAreWritten()
{
    // 10 records of 500 bytes: one batch of about 5.3 KB.
    const std::int64_t before = highWatermark();
    QVERIFY(before >= 0);
    Deliveries deliveries;
    produce(10, 500, deliveries);
    QCOMPARE(deliveries.tooLarge.load(), 0);
    QCOMPARE(deliveries.other.load(), 0);
    QCOMPARE(deliveries.ok.load(), 10);
    QCOMPARE(highWatermark(), before + 10);
}

void ServeProduceLimitsTest::sizeIsJudgedBeforeTheBatchIsRead()
{
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), m_serve.port(0));
    QVERIFY(s.waitForConnected(5000));

    // Exactly at the limit: 12 bytes of log overhead + batchLength == max.message.bytes is allowed;
    // one byte more is not.
    const std::vector<std::uint8_t> atLimit = batchOfSize(kMaxMessageBytes);
    QCOMPARE(atLimit.size(), std::size_t(kMaxMessageBytes));
    s.write(requestFrame(0, 8, 1, produceBody(atLimit)));
    broker::ProducePartitionResponse answer = produceAnswer(readResponse(s));
    QCOMPARE(answer.errorCode, broker::ErrorCode::None);

    const std::vector<std::uint8_t> over = batchOfSize(kMaxMessageBytes + 1);
    QCOMPARE(over.size(), std::size_t(kMaxMessageBytes + 1));
    s.write(requestFrame(0, 8, 2, produceBody(over)));
    answer = produceAnswer(readResponse(s));
    QCOMPARE(answer.errorCode, broker::ErrorCode::MessageTooLarge);
    QVERIFY(answer.errorMessage);
    QVERIFY2(answer.errorMessage->find(std::to_string(kMaxMessageBytes)) != std::string::npos,
             answer.errorMessage->c_str());

    // Too large and a bad CRC: Kafka checks the size first, so the batch is never read.
    std::vector<std::uint8_t> spoiled = over;
    spoiled[spoiled.size() - 2] ^= 0x55;
    s.write(requestFrame(0, 8, 3, produceBody(spoiled)));
    QCOMPARE(produceAnswer(readResponse(s)).errorCode, broker::ErrorCode::MessageTooLarge);

    // A gzip batch small on the wire whose records inflate far past the limit is within it: the
    // limit is on what travels, as in Kafka.
    broker::WireWriter compressed;
    broker::encodeRecordBatch(compressed, 0, std::span<const broker::Record>(records(50, 1000)),
                              broker::Compression::Gzip);
    QVERIFY(compressed.size() < std::size_t(kMaxMessageBytes));
    s.write(requestFrame(0, 8, 4, produceBody(compressed.buffer())));
    QCOMPARE(produceAnswer(readResponse(s)).errorCode, broker::ErrorCode::None);
    QVERIFY(s.state() == QAbstractSocket::ConnectedState);
}

QTEST_GUILESS_MAIN(ServeProduceLimitsTest)
#include "tst_serve_produce_limits.moc"
