#pragma once

// librdkafka's in-process mock cluster (a Kafka implementation nobody here wrote) with a producer
// and a consumer in a group, for the watch suites.

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <QByteArray>
#include <QString>

namespace postoffice::test {

inline void quietLog(const rd_kafka_t *, int, const char *, const char *) {}

class WatchMockCluster
{
public:
    explicit WatchMockCluster(int brokers = 3)
    {
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        rd_kafka_conf_set_log_cb(conf, quietLog);
        char err[256];
        m_owner = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
        m_mock = rd_kafka_mock_cluster_new(m_owner, brokers);
        m_bootstrap = QString::fromUtf8(rd_kafka_mock_cluster_bootstraps(m_mock));
    }
    ~WatchMockCluster()
    {
        if (m_consumer) {
            rd_kafka_consumer_close(m_consumer);
            rd_kafka_destroy(m_consumer);
        }
        if (m_producer)
            rd_kafka_destroy(m_producer);
        rd_kafka_mock_cluster_destroy(m_mock);
        rd_kafka_destroy(m_owner);
    }
    WatchMockCluster(const WatchMockCluster &) = delete;
    WatchMockCluster &operator=(const WatchMockCluster &) = delete;

    QString bootstrap() const { return m_bootstrap; }
    rd_kafka_mock_cluster_t *mock() const { return m_mock; }

    bool createTopic(const char *topic, int partitions, int replicationFactor)
    {
        return rd_kafka_mock_topic_create(m_mock, topic, partitions, replicationFactor) ==
               RD_KAFKA_RESP_ERR_NO_ERROR;
    }

    // Produces `count` records (keys spread them over the partitions) and waits for their acks.
    bool produce(const char *topic, int count)
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
        return rd_kafka_flush(m_producer, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR;
    }

    // A consumer in `group` subscribed to `topic`, committing every 100 ms what it has consumed.
    void subscribe(const char *group, const char *topic)
    {
        m_consumer = client(RD_KAFKA_CONSUMER, group);
        rd_kafka_poll_set_consumer(m_consumer);
        rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(topics, topic, RD_KAFKA_PARTITION_UA);
        rd_kafka_subscribe(m_consumer, topics);
        rd_kafka_topic_partition_list_destroy(topics);
    }
    // Polls the consumer for up to `ms`; returns the records consumed.
    int consume(int ms)
    {
        int n = 0;
        for (rd_kafka_message_t *m = rd_kafka_consumer_poll(m_consumer, ms); m;
             m = rd_kafka_consumer_poll(m_consumer, 0)) {
            if (!m->err)
                ++n;
            rd_kafka_message_destroy(m);
        }
        m_consumed += n;
        return n;
    }
    int consumed() const { return m_consumed; }

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
        }
        return rd_kafka_new(type, conf, err, sizeof err);
    }

    rd_kafka_t *m_owner = nullptr;
    rd_kafka_mock_cluster_t *m_mock = nullptr;
    rd_kafka_t *m_producer = nullptr;
    rd_kafka_t *m_consumer = nullptr;
    QString m_bootstrap;
    int m_keys = 0;
    int m_consumed = 0;
};

} // namespace postoffice::test
