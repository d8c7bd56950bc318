// The scenario's faults, as real Kafka clients live them through `postoffice serve`: acks=all with
// fewer in-sync replicas than min.insync.replicas is refused with NOT_ENOUGH_REPLICAS, and a
// broker failing under a librdkafka producer closes its port; the producer follows the new leaders
// from Metadata and every record it had acknowledged is read back afterwards.

#include "ServeProcess.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QtTest>

#include <set>
#include <string>

using namespace postoffice::test;

namespace {

struct Delivery
{
    std::set<std::string> acknowledged;
    std::map<rd_kafka_resp_err_t, int> errors;
};

extern "C" void onDelivery(rd_kafka_t *, const rd_kafka_message_t *m, void *opaque)
{
    auto *d = static_cast<Delivery *>(opaque);
    if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR)
        d->acknowledged.insert(std::string(static_cast<const char *>(m->key), m->key_len));
    else
        ++d->errors[m->err];
}

RdKafka producer(const std::string &bootstrap, Delivery &delivery,
                 std::vector<std::pair<std::string, std::string>> settings)
{
    settings.emplace_back("bootstrap.servers", bootstrap);
    rd_kafka_conf_t *conf = rdConf(settings);
    rd_kafka_conf_set_dr_msg_cb(conf, onDelivery);
    rd_kafka_conf_set_opaque(conf, &delivery);
    char errstr[512];
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!rk)
        qFatal("producer: %s", errstr);
    return RdKafka(rk);
}

bool send(rd_kafka_t *rk, const char *topic, const std::string &key)
{
    return rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_KEY(key.data(), key.size()),
                             RD_KAFKA_V_VALUE(const_cast<char *>(key.data()), key.size()),
                             RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR_NO_ERROR;
}

// Every key (with the prefix) in every partition of the topic, read from the beginning up to the
// high watermarks as they are now.
std::set<std::string> readAll(const std::string &bootstrap, const char *topic, int partitions,
                              const std::string &prefix)
{
    char errstr[512];
    RdKafka consumer(rd_kafka_new(RD_KAFKA_CONSUMER,
                                  rdConf({{"bootstrap.servers", bootstrap}, {"group.id", "reader"}}), errstr,
                                  sizeof errstr));
    std::set<std::string> keys;
    std::vector<std::int64_t> high(std::size_t(partitions), 0);
    for (int p = 0; p < partitions; ++p) {
        std::int64_t low = 0;
        if (rd_kafka_query_watermark_offsets(consumer.get(), topic, p, &low, &high[std::size_t(p)], 10000) !=
            RD_KAFKA_RESP_ERR_NO_ERROR)
            qWarning("no watermarks for partition %d", p);
    }
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(partitions);
    for (int p = 0; p < partitions; ++p)
        rd_kafka_topic_partition_list_add(list, topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(consumer.get(), list);
    rd_kafka_topic_partition_list_destroy(list);
    std::vector<std::int64_t> next(std::size_t(partitions), 0);
    QElapsedTimer timer;
    timer.start();
    const auto done = [&] {
        for (int p = 0; p < partitions; ++p)
            if (next[std::size_t(p)] < high[std::size_t(p)])
                return false;
        return true;
    };
    while (!done() && timer.elapsed() < 60000) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(consumer.get(), 200);
        if (!m)
            continue;
        if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            next[std::size_t(m->partition)] = m->offset + 1;
            if (m->key) {
                std::string key(static_cast<const char *>(m->key), m->key_len);
                if (key.rfind(prefix, 0) == 0)
                    keys.insert(key);
            }
        }
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(consumer.get());
    return keys;
}

} // namespace

class ServeFaultsTest : public QObject
{
    Q_OBJECT

private slots:
    void acksAllWithTooFewInSyncReplicasIsRefused();
    void producerSurvivesABrokerFailure();
};

void ServeFaultsTest::acksAllWithTooFewInSyncReplicasIsRefused()
{
    ServeProcess serve;
    // Broker 2 is down from the start: only two brokers listen.
    QVERIFY2(serve.start(QStringLiteral(POSTOFFICE_FIXTURES_DIR "/scenarios/serve-isr.json"), 2),
             qPrintable(serve.errors()));
    Delivery all;
    {
        RdKafka p = producer(serve.bootstrap(), all, {{"acks", "all"}, {"retries", "0"}});
        for (int i = 0; i < 30; ++i)
            QVERIFY(send(p.get(), "payments", "all-" + std::to_string(i)));
        QCOMPARE(rd_kafka_flush(p.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    QVERIFY(all.acknowledged.empty());
    QCOMPARE(all.errors[RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS], 30);
    // acks=1 needs only the leader: the same topic takes the writes.
    Delivery one;
    {
        RdKafka p = producer(serve.bootstrap(), one, {{"acks", "1"}, {"retries", "0"}});
        for (int i = 0; i < 30; ++i)
            QVERIFY(send(p.get(), "payments", "one-" + std::to_string(i)));
        QCOMPARE(rd_kafka_flush(p.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    QCOMPARE(int(one.acknowledged.size()), 30);
    // acks=1 acknowledges before the follower has the records: consumers see them once the high
    // watermark passes them, a few (simulated) milliseconds later.
    std::set<std::string> stored;
    for (int attempt = 0; attempt < 20 && stored != one.acknowledged; ++attempt) {
        if (attempt > 0)
            QTest::qWait(250);
        stored = readAll(serve.bootstrap(), "payments", 6, "one-");
    }
    QCOMPARE(stored, one.acknowledged);
    QCOMPARE(serve.stop(), 0);
}

void ServeFaultsTest::producerSurvivesABrokerFailure()
{
    ServeProcess serve;
    // Broker 1 fails at t = 4 s and stays down.
    QVERIFY2(serve.start(QStringLiteral(POSTOFFICE_FIXTURES_DIR "/scenarios/serve-failover.json"), 3),
             qPrintable(serve.errors()));
    Delivery delivery;
    int sent = 0;
    {
        RdKafka p = producer(serve.bootstrap(), delivery, {{"acks", "all"}, {"linger.ms", "5"}});
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 8000) {
            QVERIFY(send(p.get(), "orders", "ext-" + std::to_string(sent)));
            ++sent;
            rd_kafka_poll(p.get(), 10);
        }
        QCOMPARE(rd_kafka_flush(p.get(), 60000), RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    // Broker 1's port refuses connections now.
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), serve.port(1));
    QVERIFY(!socket.waitForConnected(2000));
    // Nearly everything was acknowledged (the producer retried across the failover) and every
    // acknowledged record is in the log.
    QVERIFY2(int(delivery.acknowledged.size()) >= sent * 9 / 10,
             qPrintable(QStringLiteral("%1 of %2 acknowledged").arg(delivery.acknowledged.size()).arg(sent)));
    const std::set<std::string> stored = readAll(serve.bootstrap(), "orders", 6, "ext-");
    std::vector<std::string> missing;
    for (const std::string &key : delivery.acknowledged)
        if (!stored.count(key))
            missing.push_back(key);
    QVERIFY2(missing.empty(),
             qPrintable(QStringLiteral("%1 acknowledged records missing, e.g. %2")
                            .arg(missing.size())
                            .arg(QString::fromStdString(missing.empty() ? "" : missing.front()))));
    QCOMPARE(serve.stop(), 0);
    QVERIFY2(serve.errors().contains(QStringLiteral("broker 1 is down")), qPrintable(serve.errors()));
}

QTEST_GUILESS_MAIN(ServeFaultsTest)
#include "tst_serve_faults.moc"
