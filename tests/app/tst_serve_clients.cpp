// `postoffice serve` against clients nobody here wrote: kcat lists the simulated brokers and
// topics, writes keyed records where Kafka's partitioner puts them and reads every record back
// byte for byte (headers, timestamps, every compression codec); librdkafka writes records with
// its own timestamps. Garbage over a real socket closes only the sender's connection. And the
// command line: its ports, its exit codes.

#include "../ProcessRun.h"
#include "KafkaApi.h"
#include "Partitioner.h"
#include "ProduceMessages.h"
#include "RawKafkaWire.h"
#include "RecordBatchCodec.h"
#include "ServeProcess.h"
#include "WireReader.h"
#include "WireWriter.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QtTest>

#include <map>
#include <set>

using namespace postoffice;
using namespace postoffice::test;

namespace {

const QString kCluster = QStringLiteral(POSTOFFICE_FIXTURES_DIR "/scenarios/serve-cluster.json");

// Whether the server closed the connection within the time.
bool closedByServer(QTcpSocket &socket, int timeoutMs = 5000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (socket.state() == QAbstractSocket::UnconnectedState)
            return true;
        socket.waitForReadyRead(100);
        socket.readAll();
    }
    return socket.state() == QAbstractSocket::UnconnectedState;
}

// A Produce v3 request for clicks[p] with one batch of `records`; `damage` may spoil its bytes.
std::vector<std::uint8_t> produceBody(std::int32_t partition, const std::vector<broker::Record> &records,
                                      const std::function<void(std::vector<std::uint8_t> &)> &damage)
{
    broker::WireWriter batch;
    broker::encodeRecordBatch(batch, 0, std::span<const broker::Record>(records));
    if (damage)
        damage(batch.buffer());
    broker::ProduceRequest request;
    request.acks = 1;
    request.timeoutMs = 5000;
    broker::ProduceTopicData topic;
    topic.name = "clicks";
    broker::ProducePartitionData data;
    data.index = partition;
    data.records = std::span<const std::uint8_t>(batch.buffer());
    topic.partitions.push_back(data);
    request.topics.push_back(topic);
    broker::WireWriter body;
    broker::encodeProduceRequest(body, 3, request);
    return body.buffer();
}

broker::ErrorCode producePartitionError(const QByteArray &response)
{
    // Response header v0 (correlation id), then ProduceResponse v3.
    const auto bytes = std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t *>(response.data()),
                                                     std::size_t(response.size()));
    broker::WireReader in(bytes.subspan(4));
    broker::ProduceResponse decoded;
    if (!broker::decodeProduceResponse(in, 3, decoded) || decoded.topics.empty() ||
        decoded.topics[0].partitions.empty())
        return broker::ErrorCode::UnknownServerError;
    return decoded.topics[0].partitions[0].errorCode;
}

} // namespace

class ServeClientsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void kcatListsBrokersTopicsAndPartitions();
    void keyedRecordsLandWhereKafkasPartitionerPutsThem();
    void recordsReadBackByteExact_data();
    void recordsReadBackByteExact();
    void clientTimestampsAreKept();
    void waitingFetchIsAnsweredByANewRecord();
    void idempotentProducerWritesEachRecordOnce();
    void adminSeesTopicConfigsAndCannotDeleteTopics();
    void garbageClosesOnlyItsConnection();
    void badArchitectureIsBadInput();
    void stopsCleanlyOnSigterm();
    void stopsAtTheEndOfTheRun();

private:
    ServeProcess m_serve;
};

void ServeClientsTest::initTestCase()
{
    QVERIFY2(m_serve.start(kCluster, 3), qPrintable(m_serve.errors()));
}

void ServeClientsTest::cleanupTestCase()
{
    QCOMPARE(m_serve.stop(), 0);
}

void ServeClientsTest::kcatListsBrokersTopicsAndPartitions()
{
    QByteArray out;
    QString err;
    QVERIFY2(runKcat({QStringLiteral("-L"), QStringLiteral("-b"), m_serve.bootstrapQ()}, {}, &out, &err),
             qPrintable(err));
    const QString text = QString::fromUtf8(out);
    QVERIFY2(text.contains(QStringLiteral(" 3 brokers:")), qPrintable(text));
    for (int b = 0; b < 3; ++b)
        QVERIFY2(text.contains(QStringLiteral("broker %1 at 127.0.0.1:%2").arg(b).arg(m_serve.port(b))),
                 qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("topic \"orders\" with 6 partitions:")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("topic \"clicks\" with 3 partitions:")), qPrintable(text));
    // Every partition with a leader among its replicas, all in sync on a healthy cluster.
    const QRegularExpression partition(
        QStringLiteral("partition (\\d+), leader (\\d+), replicas: ([\\d,]+), isrs: ([\\d,]+)"));
    int partitions = 0;
    for (auto it = partition.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        ++partitions;
        QStringList replicas = m.captured(3).split(u',');
        QVERIFY(replicas.contains(m.captured(2)));
        QStringList isr = m.captured(4).split(u',');
        replicas.sort();
        isr.sort();
        QCOMPARE(isr, replicas);
    }
    QCOMPARE(partitions, 9);
}

void ServeClientsTest::keyedRecordsLandWhereKafkasPartitionerPutsThem()
{
    const QString topic = QStringLiteral("keyed-clicks");
    QByteArray input;
    for (int i = 0; i < 60; ++i)
        input += QStringLiteral("user-%1:value-%1\n").arg(i * 7919).toUtf8();
    QByteArray out;
    QString err;
    // kcat's producer would create the topic on first use (auto.create.topics.enable) with one
    // partition: create it with 3 through the admin API (CreateTopics) first. kcat is told to use
    // the Java client's partitioner (murmur2; librdkafka's own default hashes with CRC32).
    const QString created = createTopic(m_serve.bootstrap(), "keyed-clicks", 3, 2);
    QVERIFY2(created.isEmpty(), qPrintable(created));

    QVERIFY2(runKcat({QStringLiteral("-P"), QStringLiteral("-b"), m_serve.bootstrapQ(), QStringLiteral("-t"),
                      topic, QStringLiteral("-K:"), QStringLiteral("-X"),
                      QStringLiteral("partitioner=murmur2_random")},
                     input, &out, &err),
             qPrintable(err));
    QVERIFY2(runKcat({QStringLiteral("-C"), QStringLiteral("-b"), m_serve.bootstrapQ(), QStringLiteral("-t"),
                      topic, QStringLiteral("-o"), QStringLiteral("beginning"), QStringLiteral("-e"),
                      QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("%p %k %s\n")},
                     {}, &out, &err),
             qPrintable(err));
    const QStringList lines = QString::fromUtf8(out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 60);
    std::set<int> used;
    for (const QString &line : lines) {
        const QStringList parts = line.split(u' ');
        QCOMPARE(parts.size(), 3);
        const std::string key = parts[1].toStdString();
        QCOMPARE(parts[0].toInt(), broker::partitionForKey(key, 3));
        QCOMPARE(parts[2], QStringLiteral("value-") + parts[1].mid(5));
        used.insert(parts[0].toInt());
    }
    QCOMPARE(used.size(), std::size_t(3)); // 60 keys spread over every partition
}

void ServeClientsTest::recordsReadBackByteExact_data()
{
    QTest::addColumn<QString>("codec");
    for (const char *codec : {"none", "gzip", "snappy", "lz4", "zstd"})
        QTest::newRow(codec) << QString::fromLatin1(codec);
}

void ServeClientsTest::recordsReadBackByteExact()
{
    QFETCH(QString, codec);
    const QString topic = QStringLiteral("exact-") + codec;
    // Values with spaces, punctuation and UTF-8; two headers on every record.
    QStringList values;
    for (int i = 0; i < 200; ++i)
        values << QStringLiteral("order %1 — ünïcödé, \"quoted\" & {json: %2} ").arg(i).arg(i * i) +
                      QString(i % 37, u'x');
    QByteArray input;
    for (int i = 0; i < values.size(); ++i)
        input += (QStringLiteral("key-%1:").arg(i) + values[i] + u'\n').toUtf8();
    QByteArray out;
    QString err;
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QVERIFY2(
        runKcat({QStringLiteral("-P"), QStringLiteral("-b"), m_serve.bootstrapQ(), QStringLiteral("-t"),
                 topic, QStringLiteral("-K:"), QStringLiteral("-z"), codec, QStringLiteral("-H"),
                 QStringLiteral("trace=abc-123"), QStringLiteral("-H"), QStringLiteral("origin=kcat test")},
                input, &out, &err),
        qPrintable(err));
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QVERIFY2(runKcat({QStringLiteral("-C"), QStringLiteral("-b"), m_serve.bootstrapQ(), QStringLiteral("-t"),
                      topic, QStringLiteral("-o"), QStringLiteral("beginning"), QStringLiteral("-e"),
                      QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("%o\t%k\t%s\t%T\t%h\n")},
                     {}, &out, &err),
             qPrintable(err));
    const QStringList lines = QString::fromUtf8(out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), values.size());
    std::set<int> seen;
    for (const QString &line : lines) {
        const QStringList f = line.split(u'\t');
        QCOMPARE(f.size(), 5);
        const int i = f[1].mid(4).toInt();
        QCOMPARE(f[1], QStringLiteral("key-%1").arg(i));
        QCOMPARE(f[2], values[i]);
        const qint64 ts = f[3].toLongLong();
        QVERIFY2(ts >= before - 1000 && ts <= after + 1000, qPrintable(line)); // the producer's CreateTime
        QCOMPARE(f[4], QStringLiteral("trace=abc-123,origin=kcat test"));
        seen.insert(i);
    }
    QCOMPARE(int(seen.size()), values.size());
}

void ServeClientsTest::clientTimestampsAreKept()
{
    // librdkafka with explicit timestamps, a null key, an empty value and binary header bytes.
    char errstr[512];
    RdKafka producer(rd_kafka_new(RD_KAFKA_PRODUCER,
                                  rdConf({{"bootstrap.servers", m_serve.bootstrap()}, {"linger.ms", "5"}}),
                                  errstr, sizeof errstr));
    QVERIFY2(producer, errstr);
    const std::int64_t base = 1500000000000;
    for (int i = 0; i < 20; ++i) {
        const std::string value = i == 3 ? std::string() : "v" + std::to_string(i);
        const char binary[4] = {'\0', '\x7f', '\xff', char(i)};
        rd_kafka_resp_err_t e =
            rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC("stamped"), RD_KAFKA_V_PARTITION(0),
                              RD_KAFKA_V_VALUE(const_cast<char *>(value.data()), value.size()),
                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_TIMESTAMP(base + i * 1000),
                              RD_KAFKA_V_HEADER("bin", binary, 4), RD_KAFKA_V_END);
        QCOMPARE(e, RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    QCOMPARE(rd_kafka_flush(producer.get(), 20000), RD_KAFKA_RESP_ERR_NO_ERROR);

    RdKafka consumer(rd_kafka_new(
        RD_KAFKA_CONSUMER, rdConf({{"bootstrap.servers", m_serve.bootstrap()}, {"group.id", "unused"}}),
        errstr, sizeof errstr));
    QVERIFY2(consumer, errstr);
    rd_kafka_topic_partition_list_t *parts = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(parts, "stamped", 0)->offset = RD_KAFKA_OFFSET_BEGINNING;
    QCOMPARE(rd_kafka_assign(consumer.get(), parts), RD_KAFKA_RESP_ERR_NO_ERROR);
    rd_kafka_topic_partition_list_destroy(parts);
    int got = 0;
    QElapsedTimer timer;
    timer.start();
    while (got < 20 && timer.elapsed() < 30000) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(consumer.get(), 500);
        if (!m)
            continue;
        if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            QCOMPARE(m->offset, std::int64_t(got));
            rd_kafka_timestamp_type_t type;
            QCOMPARE(rd_kafka_message_timestamp(m, &type), base + got * 1000);
            QCOMPARE(type, RD_KAFKA_TIMESTAMP_CREATE_TIME);
            QVERIFY(m->key == nullptr);
            QCOMPARE(m->len, got == 3 ? size_t(0) : ("v" + std::to_string(got)).size());
            rd_kafka_headers_t *headers = nullptr;
            QCOMPARE(rd_kafka_message_headers(m, &headers), RD_KAFKA_RESP_ERR_NO_ERROR);
            const void *hv = nullptr;
            size_t hs = 0;
            QCOMPARE(rd_kafka_header_get_last(headers, "bin", &hv, &hs), RD_KAFKA_RESP_ERR_NO_ERROR);
            QCOMPARE(hs, size_t(4));
            const char expected[4] = {'\0', '\x7f', '\xff', char(got)};
            QVERIFY(std::memcmp(hv, expected, 4) == 0);
            ++got;
        }
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(consumer.get());
    QCOMPARE(got, 20);
}

void ServeClientsTest::waitingFetchIsAnsweredByANewRecord()
{
    // The consumer waits at the end of an empty partition with fetch.wait.max.ms far longer than
    // this test may take: only a server that answers a parked Fetch when the high watermark moves
    // delivers the record in time.
    char errstr[512];
    RdKafka consumer(rd_kafka_new(RD_KAFKA_CONSUMER,
                                  rdConf({{"bootstrap.servers", m_serve.bootstrap()},
                                          {"group.id", "unused"},
                                          {"socket.timeout.ms", "300000"},
                                          {"fetch.wait.max.ms", "240000"},
                                          {"fetch.min.bytes", "1"}}),
                                  errstr, sizeof errstr));
    QVERIFY2(consumer, errstr);
    RdKafka producer(rd_kafka_new(RD_KAFKA_PRODUCER, rdConf({{"bootstrap.servers", m_serve.bootstrap()}}),
                                  errstr, sizeof errstr));
    QVERIFY2(producer, errstr);
    // The topic exists first (auto-created by the producer's metadata request), empty.
    const rd_kafka_metadata_t *metadata = nullptr;
    rd_kafka_topic_t *topic = rd_kafka_topic_new(producer.get(), "long-poll", nullptr);
    QCOMPARE(rd_kafka_metadata(producer.get(), 0, topic, &metadata, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
    rd_kafka_metadata_destroy(metadata);
    rd_kafka_topic_destroy(topic);
    rd_kafka_topic_partition_list_t *parts = rd_kafka_topic_partition_list_new(1);
    // Offset 0 is the end of the empty partition (OFFSET_END would race with the produce below).
    rd_kafka_topic_partition_list_add(parts, "long-poll", 0)->offset = 0;
    QCOMPARE(rd_kafka_assign(consumer.get(), parts), RD_KAFKA_RESP_ERR_NO_ERROR);
    rd_kafka_topic_partition_list_destroy(parts);
    for (int i = 0; i < 20; ++i) // the consumer is now parked in a Fetch
        if (rd_kafka_message_t *m = rd_kafka_consumer_poll(consumer.get(), 100))
            rd_kafka_message_destroy(m);
    const std::string value = "late record";
    QCOMPARE(rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC("long-poll"), RD_KAFKA_V_PARTITION(0),
                               RD_KAFKA_V_VALUE(const_cast<char *>(value.data()), value.size()),
                               RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END),
             RD_KAFKA_RESP_ERR_NO_ERROR);
    QCOMPARE(rd_kafka_flush(producer.get(), 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
    bool received = false;
    QElapsedTimer timer;
    timer.start();
    while (!received && timer.elapsed() < 60000) {
        if (rd_kafka_message_t *m = rd_kafka_consumer_poll(consumer.get(), 200)) {
            received = m->err == RD_KAFKA_RESP_ERR_NO_ERROR &&
                       std::string(static_cast<const char *>(m->payload), m->len) == value;
            rd_kafka_message_destroy(m);
        }
    }
    rd_kafka_consumer_close(consumer.get());
    QVERIFY(received);
}

void ServeClientsTest::idempotentProducerWritesEachRecordOnce()
{
    // enable.idempotence: InitProducerId, then batches with the producer id and sequence numbers.
    char errstr[512];
    RdKafka producer(rd_kafka_new(
        RD_KAFKA_PRODUCER,
        rdConf(
            {{"bootstrap.servers", m_serve.bootstrap()}, {"enable.idempotence", "true"}, {"linger.ms", "2"}}),
        errstr, sizeof errstr));
    QVERIFY2(producer, errstr);
    for (int i = 0; i < 500; ++i) {
        const std::string value = std::to_string(i);
        QCOMPARE(rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC("idempotent"), RD_KAFKA_V_PARTITION(0),
                                   RD_KAFKA_V_VALUE(const_cast<char *>(value.data()), value.size()),
                                   RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END),
                 RD_KAFKA_RESP_ERR_NO_ERROR);
        if (i % 100 == 0)
            rd_kafka_poll(producer.get(), 10);
    }
    QCOMPARE(rd_kafka_flush(producer.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
    QByteArray out;
    QString err;
    QVERIFY2(
        runKcat({QStringLiteral("-C"), QStringLiteral("-b"), m_serve.bootstrapQ(), QStringLiteral("-t"),
                 QStringLiteral("idempotent"), QStringLiteral("-o"), QStringLiteral("beginning"),
                 QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("%o %s\n")},
                {}, &out, &err),
        qPrintable(err));
    const QStringList lines = QString::fromUtf8(out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 500);
    for (int i = 0; i < lines.size(); ++i)
        QCOMPARE(lines[i], QStringLiteral("%1 %1").arg(i));
}

void ServeClientsTest::adminSeesTopicConfigsAndCannotDeleteTopics()
{
    char errstr[512];
    RdKafka admin(rd_kafka_new(RD_KAFKA_PRODUCER, rdConf({{"bootstrap.servers", m_serve.bootstrap()}}),
                               errstr, sizeof errstr));
    QVERIFY2(admin, errstr);
    rd_kafka_queue_t *queue = rd_kafka_queue_new(admin.get());

    // DescribeConfigs: the scenario's settings of orders, Kafka's defaults for the rest.
    rd_kafka_ConfigResource_t *resource = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, "orders");
    rd_kafka_DescribeConfigs(admin.get(), &resource, 1, nullptr, queue);
    rd_kafka_event_t *event = rd_kafka_queue_poll(queue, 20000);
    QVERIFY(event);
    size_t n = 0;
    const rd_kafka_ConfigResource_t **resources =
        rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(event), &n);
    QCOMPARE(n, size_t(1));
    QCOMPARE(rd_kafka_ConfigResource_error(resources[0]), RD_KAFKA_RESP_ERR_NO_ERROR);
    size_t count = 0;
    const rd_kafka_ConfigEntry_t **entries = rd_kafka_ConfigResource_configs(resources[0], &count);
    std::map<std::string, std::string> configs;
    for (size_t i = 0; i < count; ++i)
        configs[rd_kafka_ConfigEntry_name(entries[i])] =
            rd_kafka_ConfigEntry_value(entries[i]) ? rd_kafka_ConfigEntry_value(entries[i]) : "";
    QCOMPARE(configs["min.insync.replicas"], std::string("2"));
    QCOMPARE(configs["retention.ms"], std::string("604800000"));
    QCOMPARE(configs["cleanup.policy"], std::string("delete"));
    rd_kafka_event_destroy(event);
    rd_kafka_ConfigResource_destroy(resource);

    // DeleteTopics: the simulated cluster keeps its topics (delete.topic.enable=false).
    rd_kafka_DeleteTopic_t *deletions[2] = {rd_kafka_DeleteTopic_new("orders"),
                                            rd_kafka_DeleteTopic_new("no-such-topic")};
    rd_kafka_DeleteTopics(admin.get(), deletions, 2, nullptr, queue);
    event = rd_kafka_queue_poll(queue, 20000);
    QVERIFY(event);
    const rd_kafka_topic_result_t **results =
        rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event), &n);
    QCOMPARE(n, size_t(2));
    std::map<std::string, rd_kafka_resp_err_t> errors;
    for (size_t i = 0; i < n; ++i)
        errors[rd_kafka_topic_result_name(results[i])] = rd_kafka_topic_result_error(results[i]);
    QCOMPARE(errors["orders"], RD_KAFKA_RESP_ERR_TOPIC_DELETION_DISABLED);
    QCOMPARE(errors["no-such-topic"], RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
    rd_kafka_event_destroy(event);
    rd_kafka_DeleteTopic_destroy_array(deletions, 2);
    rd_kafka_queue_destroy(queue);
}

void ServeClientsTest::garbageClosesOnlyItsConnection()
{
    const auto connect = [&](QTcpSocket &s) {
        s.connectToHost(QStringLiteral("127.0.0.1"), m_serve.port(0));
        return s.waitForConnected(5000);
    };
    // A frame over socket.request.max.bytes: closed without reading it.
    {
        QTcpSocket s;
        QVERIFY(connect(s));
        s.write(QByteArray::fromHex("06400001") + QByteArray(64, 'x')); // 104857601 bytes announced
        QVERIFY(closedByServer(s));
    }
    // A negative size.
    {
        QTcpSocket s;
        QVERIFY(connect(s));
        s.write(QByteArray::fromHex("ffffff00"));
        QVERIFY(closedByServer(s));
    }
    // An unknown API key.
    {
        QTcpSocket s;
        QVERIFY(connect(s));
        s.write(requestFrame(999, 0, 1, {}));
        QVERIFY(closedByServer(s));
    }
    // A Metadata request whose topic array claims more entries than the body holds.
    {
        QTcpSocket s;
        QVERIFY(connect(s));
        s.write(requestFrame(3, 1, 5, {0x00, 0x00, 0x00, 0x09, 0x00, 0x03, 'a'}));
        QVERIFY(closedByServer(s));
    }
    // An ApiVersions from the future: a v0 answer with UNSUPPORTED_VERSION and the list.
    {
        QTcpSocket s;
        QVERIFY(connect(s));
        s.write(requestFrame(18, 99, 42, {}));
        const QByteArray r = readResponse(s);
        QVERIFY(r.size() >= 8);
        QCOMPARE(r.left(4), QByteArray::fromHex("0000002a"));  // correlation id 42
        QCOMPARE(r.mid(4, 2), QByteArray::fromHex("0023"));    // UNSUPPORTED_VERSION
        QVERIFY(s.state() == QAbstractSocket::ConnectedState); // and the client may retry
    }
    // A truncated frame just waits for the rest; meanwhile another client is served; the sender's
    // own connection stays open until it gives up.
    QTcpSocket truncated;
    QVERIFY(connect(truncated));
    truncated.write(QByteArray::fromHex("00000100") + QByteArray(10, 'y'));
    truncated.flush();
    // A record batch with a bad CRC, and one whose length lies: CORRUPT_MESSAGE, connection kept.
    std::vector<broker::Record> records(3);
    for (std::size_t i = 0; i < records.size(); ++i)
        records[i].value = "r" + std::to_string(i);
    {
        QTcpSocket s;
        QVERIFY(connect(s));
        // clicks[2] is led by broker 0 (the port we are connected to); see kcat -L above.
        s.write(requestFrame(
            0, 3, 7, produceBody(2, records, [](std::vector<std::uint8_t> &b) { b[b.size() - 2] ^= 0x55; })));
        const QByteArray r = readResponse(s);
        QVERIFY(!r.isEmpty());
        QCOMPARE(producePartitionError(r), broker::ErrorCode::CorruptMessage);
        s.write(requestFrame(0, 3, 8, produceBody(2, records, [](std::vector<std::uint8_t> &b) {
                                 b[8] = 0x7f; // batch length far beyond the bytes
                             })));
        const QByteArray r2 = readResponse(s);
        QVERIFY(!r2.isEmpty());
        QCOMPARE(producePartitionError(r2), broker::ErrorCode::CorruptMessage);
        // The same connection still writes a sound batch.
        s.write(requestFrame(0, 3, 9, produceBody(2, records, {})));
        const QByteArray r3 = readResponse(s);
        QCOMPARE(producePartitionError(r3), broker::ErrorCode::None);
    }
    QByteArray out;
    QString err;
    QVERIFY2(runKcat({QStringLiteral("-L"), QStringLiteral("-b"), m_serve.bootstrapQ()}, {}, &out, &err),
             qPrintable(err));
    QVERIFY(out.contains("3 brokers"));
    QVERIFY(truncated.state() == QAbstractSocket::ConnectedState);
    const QString log = m_serve.errors();
    QVERIFY2(log.contains(QStringLiteral("socket.request.max.bytes")), qPrintable(log));
    QVERIFY2(log.contains(QStringLiteral("unknown API key 999")), qPrintable(log));
    QVERIFY2(log.contains(QStringLiteral("malformed Metadata v1 request")), qPrintable(log));
}

void ServeClientsTest::badArchitectureIsBadInput()
{
    const ProcessResult r =
        runProcess(QStringLiteral(POSTOFFICE_BINARY),
                   {QStringLiteral("serve"), kCluster, QStringLiteral("--architecture"),
                    QStringLiteral("nonesuch"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("no architecture 'nonesuch'")) &&
                 r.err.contains(QStringLiteral("decoupled")),
             qPrintable(r.describe()));
    const ProcessResult tight =
        runProcess(QStringLiteral(POSTOFFICE_BINARY),
                   {QStringLiteral("serve"), kCluster, QStringLiteral("--architecture"),
                    QStringLiteral("tight"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QCOMPARE(tight.exitCode, 2);
    QVERIFY2(tight.err.contains(QStringLiteral("no broker")), qPrintable(tight.describe()));
    const ProcessResult badListen = runProcess(
        QStringLiteral(POSTOFFICE_BINARY),
        {QStringLiteral("serve"), kCluster, QStringLiteral("--listen"), QStringLiteral("somewhere:99999")});
    QCOMPARE(badListen.exitCode, 2);
}

void ServeClientsTest::stopsCleanlyOnSigterm()
{
    ServeProcess serve;
    QVERIFY2(serve.start(kCluster, 3, {QStringLiteral("--speed"), QStringLiteral("50")}),
             qPrintable(serve.errors()));
    // Ports in use by the first server: a second one cannot take them (exit 1, not bad input).
    const ProcessResult busy =
        runProcess(QStringLiteral(POSTOFFICE_BINARY),
                   {QStringLiteral("serve"), kCluster, QStringLiteral("--listen"),
                    QStringLiteral("127.0.0.1:%1").arg(serve.port(0)), QStringLiteral("--db"),
                    serve.dir() + QStringLiteral("/other.db")});
    QCOMPARE(busy.exitCode, 1);
    QVERIFY2(busy.err.contains(QStringLiteral("cannot listen")), qPrintable(busy.describe()));
    QTest::qWait(300);
    QCOMPARE(serve.stop(), 0);
    QVERIFY2(serve.errors().contains(QStringLiteral("kept as run 1")), qPrintable(serve.errors()));
    const ProcessResult exported = runProcess(
        QStringLiteral(POSTOFFICE_BINARY),
        {QStringLiteral("export"), QStringLiteral("--db"), serve.dir() + QStringLiteral("/runs.db"),
         QStringLiteral("--json"), serve.dir() + QStringLiteral("/run.json")});
    QCOMPARE(exported.exitCode, 0);
}

void ServeClientsTest::stopsAtTheEndOfTheRun()
{
    QTemporaryDir dir;
    const ProcessResult r = runProcess(QStringLiteral(POSTOFFICE_BINARY),
                                       {QStringLiteral("serve"), kCluster, QStringLiteral("--listen"),
                                        QStringLiteral("127.0.0.1:0"), QStringLiteral("--duration"),
                                        QStringLiteral("3"), QStringLiteral("--speed"), QStringLiteral("6"),
                                        QStringLiteral("--db"), dir.filePath(QStringLiteral("runs.db"))},
                                       QProcessEnvironment::systemEnvironment(), 60000);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.count(QStringLiteral("listening on 127.0.0.1:")), 3);
    QVERIFY2(r.err.contains(QStringLiteral("run finished at t=3 s; stored as run 1")),
             qPrintable(r.describe()));
}

QTEST_GUILESS_MAIN(ServeClientsTest)
#include "tst_serve_clients.moc"
