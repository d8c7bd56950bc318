// Kafka wire throughput: librdkafka producing 100-byte records to PostOffice's Kafka server over
// loopback and consuming them back, then the same against librdkafka's own mock cluster
// (rd_kafka_mock_cluster_new) in the same run, for scale.
//
// The server runs in this process on a thread of its own, exactly as `postoffice serve` runs it
// (Simulation + KafkaServer + PacedRun under a Qt event loop, 1x wall time) on a one-broker
// scenario with a trickle of simulated traffic (tests/fixtures/scenarios/serve-bench.json). The
// clients: one producer (acks=1, linger.ms=5, large batches) and one consumer assigned every
// partition from the beginning. Every record must come back exactly once with its bytes.
//
// Figures: wire_produce_records_per_s, wire_consume_records_per_s, the mock's, and
// wire_vs_mock_{produce,consume}_ratio. Usage: bench_wire [records] (default 2,000,000).
//
// To count the server's instructions per record, the server and the clients run apart:
// `bench_wire --serve` runs the server alone (under `valgrind --tool=callgrind`), prints
// "listening on 127.0.0.1:PORT" and serves until its stdin closes; `bench_wire RECORDS --bootstrap
// 127.0.0.1:PORT [--phase produce|consume]` runs the clients against it (the produce phase creates
// the topic; the consume phase expects exactly RECORDS records in it).
#include "KafkaServer.h"
#include "PacedRun.h"
#include "ScenarioLoader.h"
#include "Simulation.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QThread>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <future>
#include <string>
#include <vector>

using namespace postoffice::app;

namespace {

constexpr int kPartitions = 3;
constexpr std::size_t kValueBytes = 100;
const char *const kTopic = "bench";

[[noreturn]] void die(const std::string &why)
{
    std::fprintf(stderr, "bench_wire: %s\n", why.c_str());
    std::exit(1);
}

rd_kafka_conf_t *conf(const std::vector<std::pair<std::string, std::string>> &settings)
{
    rd_kafka_conf_t *c = rd_kafka_conf_new();
    char errstr[512];
    for (const auto &[k, v] : settings)
        if (rd_kafka_conf_set(c, k.c_str(), v.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK)
            die(k + ": " + errstr);
    return c;
}

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// The server on its own thread: everything it owns is created, run and destroyed there.
class ServerThread : public QThread
{
public:
    std::future<quint16> port() { return m_port.get_future(); }

protected:
    void run() override
    {
        const auto loaded = ScenarioLoader::load(
            QStringLiteral(POSTOFFICE_SOURCE_DIR "/tests/fixtures/scenarios/serve-bench.json"));
        if (!loaded.ok())
            die("serve-bench.json does not load");
        Simulation simulation(*loaded.scenario);
        simulation.runUntil(0.0);
        KafkaServer server(simulation, 0);
        if (!server.listen(QHostAddress::LocalHost, 0))
            die(server.errorString().toStdString());
        PacedRun paced(simulation, 1.0);
        QObject::connect(&paced, &PacedRun::advanced, &server, [&server] { server.sync(); });
        paced.start();
        m_port.set_value(server.port(0));
        exec();
        paced.stop();
        server.stop();
    }

private:
    std::promise<quint16> m_port;
};

void createTopic(const std::string &bootstrap)
{
    char errstr[512];
    rd_kafka_t *admin =
        rd_kafka_new(RD_KAFKA_PRODUCER, conf({{"bootstrap.servers", bootstrap}}), errstr, sizeof errstr);
    if (!admin)
        die(errstr);
    rd_kafka_NewTopic_t *topic = rd_kafka_NewTopic_new(kTopic, kPartitions, 1, errstr, sizeof errstr);
    rd_kafka_queue_t *queue = rd_kafka_queue_new(admin);
    rd_kafka_CreateTopics(admin, &topic, 1, nullptr, queue);
    rd_kafka_event_t *event = rd_kafka_queue_poll(queue, 30000);
    if (!event)
        die("CreateTopics timed out");
    size_t n = 0;
    const rd_kafka_topic_result_t **results =
        rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &n);
    if (n != 1 || rd_kafka_topic_result_error(results[0]) != RD_KAFKA_RESP_ERR_NO_ERROR)
        die("CreateTopics failed");
    rd_kafka_event_destroy(event);
    rd_kafka_NewTopic_destroy(topic);
    rd_kafka_queue_destroy(queue);
    rd_kafka_destroy(admin);
}

struct Counts
{
    std::atomic<std::int64_t> delivered{0};
    std::atomic<std::int64_t> failed{0};
};

extern "C" void onDelivery(rd_kafka_t *, const rd_kafka_message_t *m, void *opaque)
{
    auto *c = static_cast<Counts *>(opaque);
    (m->err ? c->failed : c->delivered).fetch_add(1);
}

double produce(const std::string &bootstrap, std::int64_t records)
{
    rd_kafka_conf_t *c = conf({{"bootstrap.servers", bootstrap},
                               {"acks", "1"},
                               {"linger.ms", "5"},
                               {"batch.num.messages", "10000"},
                               {"batch.size", "1000000"},
                               {"queue.buffering.max.messages", "2000000"},
                               {"queue.buffering.max.kbytes", "2097151"}});
    Counts counts;
    rd_kafka_conf_set_dr_msg_cb(c, onDelivery);
    rd_kafka_conf_set_opaque(c, &counts);
    char errstr[512];
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, c, errstr, sizeof errstr);
    if (!rk)
        die(errstr);
    std::vector<char> value(kValueBytes);
    const auto start = std::chrono::steady_clock::now();
    for (std::int64_t i = 0; i < records; ++i) {
        std::snprintf(value.data(), value.size(), "%020lld", static_cast<long long>(i));
        value[20] = 'x'; // the rest stays zero bytes: 100 bytes in all
        for (;;) {
            const rd_kafka_resp_err_t e = rd_kafka_producev(
                rk, RD_KAFKA_V_TOPIC(kTopic), RD_KAFKA_V_PARTITION(std::int32_t(i % kPartitions)),
                RD_KAFKA_V_VALUE(value.data(), value.size()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                RD_KAFKA_V_END);
            if (e == RD_KAFKA_RESP_ERR_NO_ERROR)
                break;
            if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL)
                die(rd_kafka_err2str(e));
            rd_kafka_poll(rk, 1);
        }
        if (i % 10000 == 0)
            rd_kafka_poll(rk, 0);
    }
    if (rd_kafka_flush(rk, 120000) != RD_KAFKA_RESP_ERR_NO_ERROR)
        die("flush timed out");
    const double s = seconds(start);
    rd_kafka_destroy(rk);
    if (counts.delivered != records || counts.failed != 0)
        die("produce: " + std::to_string(counts.delivered) + " delivered, " + std::to_string(counts.failed) +
            " failed of " + std::to_string(records));
    return double(records) / s;
}

double consume(const std::string &bootstrap, std::int64_t records, bool wholeLog)
{
    char errstr[512];
    // librdkafka's consumer defaults, the same for both clusters (fetch.max.bytes 52428800,
    // max.partition.fetch.bytes 1048576, fetch.wait.max.ms 500, queued.min.messages 100000): with a
    // max.partition.fetch.bytes of megabytes a Fetch answered in full (as Kafka and PostOffice
    // answer it) hands over more than queued.min.messages per partition, and librdkafka then only
    // fetches again when its broker thread wakes, up to a second later (socket.blocking.max.ms).
    std::vector<std::pair<std::string, std::string>> settings = {{"bootstrap.servers", bootstrap},
                                                                 {"group.id", "bench"}};
    if (const char *debug = std::getenv("BENCH_WIRE_DEBUG")) // e.g. "fetch,consumer"
        settings.emplace_back("debug", debug);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf(settings), errstr, sizeof errstr);
    if (!rk)
        die(errstr);
    // The mock cluster keeps only the newest segments of a partition: read from each log start
    // (0 on PostOffice's server, which keeps everything here) to its end.
    std::vector<std::int64_t> next(kPartitions, 0);
    std::int64_t expected = 0;
    for (int p = 0; p < kPartitions; ++p) {
        std::int64_t low = 0, high = 0;
        if (rd_kafka_query_watermark_offsets(rk, kTopic, p, &low, &high, 30000) != RD_KAFKA_RESP_ERR_NO_ERROR)
            die("no watermarks");
        next[std::size_t(p)] = low;
        expected += high - low;
    }
    if (wholeLog && expected != records)
        die("the log holds " + std::to_string(expected) + " records, not " + std::to_string(records));
    records = expected;
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(kPartitions);
    for (int p = 0; p < kPartitions; ++p)
        rd_kafka_topic_partition_list_add(list, kTopic, p)->offset = next[std::size_t(p)];
    rd_kafka_assign(rk, list);
    rd_kafka_topic_partition_list_destroy(list);
    std::int64_t got = 0;
    const auto start = std::chrono::steady_clock::now();
    while (got < records) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 1000);
        if (!m) {
            if (seconds(start) > 300)
                die("consume timed out at " + std::to_string(got));
            continue;
        }
        if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            // Exactly once, in order, with the bytes produced: record i is offset i / 3 of
            // partition i % 3.
            const std::int64_t i = std::atoll(static_cast<const char *>(m->payload));
            if (m->len != kValueBytes || i % kPartitions != m->partition ||
                m->offset != next[std::size_t(m->partition)] || i / kPartitions != m->offset)
                die("record " + std::to_string(i) + " at " + std::to_string(m->partition) + "/" +
                    std::to_string(m->offset) + " (expected offset " +
                    std::to_string(next[std::size_t(m->partition)]) + ", " + std::to_string(m->len) +
                    " bytes) is not what was produced");
            ++next[std::size_t(m->partition)];
            ++got;
        } else if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            die(std::string("consume: ") + rd_kafka_message_errstr(m));
        }
        rd_kafka_message_destroy(m);
    }
    const double s = seconds(start);
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    return double(records) / s;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 2 && std::strcmp(argv[1], "--serve") == 0) {
        ServerThread server;
        auto portFuture = server.port();
        server.start();
        std::printf("listening on 127.0.0.1:%u\n", unsigned(portFuture.get()));
        std::fflush(stdout);
        while (std::getchar() != EOF) {
        }
        server.quit();
        server.wait();
        return 0;
    }
    const std::int64_t records = argc > 1 ? std::atoll(argv[1]) : 2000000;
    if (records <= 0)
        die("records must be positive");
    std::string external;
    std::string phase;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--bootstrap") == 0)
            external = argv[i + 1];
        else if (std::strcmp(argv[i], "--phase") == 0)
            phase = argv[i + 1];
        else
            die(std::string("unknown option ") + argv[i]);
    }
    if (!phase.empty() && phase != "produce" && phase != "consume")
        die("--phase is produce or consume");
    if (!external.empty()) {
        std::printf("records: %lld\n", static_cast<long long>(records));
        if (phase != "consume") {
            createTopic(external);
            std::printf("wire_produce_records_per_s: %.0f\n", produce(external, records));
        }
        if (phase != "produce")
            std::printf("wire_consume_records_per_s: %.0f\n", consume(external, records, true));
        return 0;
    }

    ServerThread server;
    auto portFuture = server.port();
    server.start();
    const std::string wire = "127.0.0.1:" + std::to_string(portFuture.get());
    createTopic(wire);
    const double wireProduce = produce(wire, records);
    const double wireConsume = consume(wire, records, true);
    server.quit();
    server.wait();

    char errstr[512];
    rd_kafka_t *host = rd_kafka_new(RD_KAFKA_PRODUCER, conf({}), errstr, sizeof errstr);
    rd_kafka_mock_cluster_t *mock = rd_kafka_mock_cluster_new(host, 1);
    if (!mock)
        die("no mock cluster");
    rd_kafka_mock_topic_create(mock, kTopic, kPartitions, 1);
    const std::string mockBootstrap = rd_kafka_mock_cluster_bootstraps(mock);
    const double mockProduce = produce(mockBootstrap, records);
    const double mockConsume = consume(mockBootstrap, records, false);
    rd_kafka_mock_cluster_destroy(mock);
    rd_kafka_destroy(host);

    std::printf("records: %lld\n", static_cast<long long>(records));
    std::printf("wire_produce_records_per_s: %.0f\n", wireProduce);
    std::printf("wire_consume_records_per_s: %.0f\n", wireConsume);
    std::printf("mock_produce_records_per_s: %.0f\n", mockProduce);
    std::printf("mock_consume_records_per_s: %.0f\n", mockConsume);
    std::printf("wire_vs_mock_produce_ratio: %.2f\n", wireProduce / mockProduce);
    std::printf("wire_vs_mock_consume_ratio: %.2f\n", wireConsume / mockConsume);
    return 0;
}
