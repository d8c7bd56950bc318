#pragma once

// librdkafka's in-process mock cluster (rdkafka_mock.h, a Kafka implementation nobody here wrote)
// with one producer and a consumer per group, made with the librdkafka C API on the test's own
// thread. The watch suites (tests/app) and the cluster window's suite (tests/ui) both watch it.

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <QByteArray>
#include <QString>

#include <limits>
#include <map>

namespace postoffice::test {

inline void quietLog(const rd_kafka_t *, int, const char *, const char *) {}

class MockKafkaCluster
{
public:
    explicit MockKafkaCluster(int brokers = 3)
    {
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        rd_kafka_conf_set_log_cb(conf, quietLog);
        char err[256];
        m_owner = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
        m_mock = rd_kafka_mock_cluster_new(m_owner, brokers);
        m_bootstrap = QString::fromUtf8(rd_kafka_mock_cluster_bootstraps(m_mock));
    }
    ~MockKafkaCluster()
    {
        for (auto &[group, consumer] : m_consumers) {
            rd_kafka_consumer_close(consumer);
            rd_kafka_destroy(consumer);
        }
        if (m_producer)
            rd_kafka_destroy(m_producer);
        rd_kafka_mock_cluster_destroy(m_mock);
        rd_kafka_destroy(m_owner);
    }
    MockKafkaCluster(const MockKafkaCluster &) = delete;
    MockKafkaCluster &operator=(const MockKafkaCluster &) = delete;

    QString bootstrap() const { return m_bootstrap; }
    rd_kafka_mock_cluster_t *mock() const { return m_mock; }

    // librdkafka 2.0's mock places a replica on every broker whatever factor is asked for.
    bool createTopic(const char *topic, int partitions, int replicationFactor = 3)
    {
        return rd_kafka_mock_topic_create(m_mock, topic, partitions, replicationFactor) ==
               RD_KAFKA_RESP_ERR_NO_ERROR;
    }

    // Produces `count` records and waits for their acks.
    bool produce(const char *topic, int count) { return queue(topic, count) && flush(); }
    // Queues `count` records (keys spread them over the partitions) without waiting for the acks,
    // for a test that produces at a steady pace; flush() waits for them.
    bool queue(const char *topic, int count)
    {
        if (!m_producer)
            m_producer = client(RD_KAFKA_PRODUCER, nullptr);
        for (int i = 0; i < count; ++i) {
            const QByteArray key = QByteArray::number(m_keys++);
            if (rd_kafka_producev(
                    m_producer, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_KEY(key.constData(), size_t(key.size())),
                    RD_KAFKA_V_VALUE(const_cast<char *>("order"), size_t(5)),
                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END) != RD_KAFKA_RESP_ERR_NO_ERROR)
                return false;
        }
        rd_kafka_poll(m_producer, 0);
        return true;
    }
    bool flush() { return !m_producer || rd_kafka_flush(m_producer, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR; }

    // A consumer in `group` reading `topic` from the start, committing what it consumed every
    // 100 ms. The group's coordinator is broker 1, so that a test taking another broker down
    // does not also move the group.
    void subscribe(const char *group, const char *topic)
    {
        rd_kafka_mock_coordinator_set(m_mock, "group", group, 1);
        rd_kafka_t *consumer = client(RD_KAFKA_CONSUMER, group);
        rd_kafka_poll_set_consumer(consumer);
        rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(topics, topic, RD_KAFKA_PARTITION_UA);
        rd_kafka_subscribe(consumer, topics);
        rd_kafka_topic_partition_list_destroy(topics);
        m_consumers[group] = consumer;
    }
    // Consumes at most `max` records of `group`, waiting up to `waitMs` for the first; returns
    // how many it read.
    int consume(const char *group, int waitMs, int max = std::numeric_limits<int>::max())
    {
        rd_kafka_t *consumer = m_consumers.at(group);
        int n = 0;
        for (rd_kafka_message_t *m = rd_kafka_consumer_poll(consumer, waitMs); m;
             m = n < max ? rd_kafka_consumer_poll(consumer, 0) : nullptr) {
            if (!m->err)
                ++n;
            rd_kafka_message_destroy(m);
        }
        m_consumed[group] += n;
        return n;
    }
    // Consumes what every group's consumer has, waiting up to `waitMs` for each one's first record.
    int consume(int waitMs)
    {
        int n = 0;
        for (const auto &[group, consumer] : m_consumers)
            n += consume(group.constData(), waitMs);
        return n;
    }
    int consumed(const char *group) const
    {
        const auto it = m_consumed.find(group);
        return it == m_consumed.end() ? 0 : it->second;
    }
    // Records consumed by all groups together.
    int consumed() const
    {
        int n = 0;
        for (const auto &[group, count] : m_consumed)
            n += count;
        return n;
    }

private:
    rd_kafka_t *client(rd_kafka_type_t type, const char *group)
    {
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        char err[256];
        rd_kafka_conf_set(conf, "bootstrap.servers", m_bootstrap.toUtf8().constData(), err, sizeof err);
        rd_kafka_conf_set_log_cb(conf, quietLog);
        if (group) {
            rd_kafka_conf_set(conf, "group.id", group, err, sizeof err);
            rd_kafka_conf_set(conf, "auto.offset.reset", "earliest", err, sizeof err);
            rd_kafka_conf_set(conf, "auto.commit.interval.ms", "100", err, sizeof err);
        } else {
            rd_kafka_conf_set(conf, "linger.ms", "5", err, sizeof err);
        }
        return rd_kafka_new(type, conf, err, sizeof err);
    }

    rd_kafka_t *m_owner = nullptr;
    rd_kafka_mock_cluster_t *m_mock = nullptr;
    rd_kafka_t *m_producer = nullptr;
    std::map<QByteArray, rd_kafka_t *> m_consumers;
    std::map<QByteArray, int> m_consumed;
    QString m_bootstrap;
    int m_keys = 0;
};

} // namespace postoffice::test
