#pragma once

// A `postoffice serve` child on free loopback ports (--listen 127.0.0.1:0), for the tests that
// drive it with real Kafka clients (kcat, librdkafka): started, its "listening on HOST:PORT" lines
// read, stopped with SIGTERM as a user's Ctrl-C would.

#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <librdkafka/rdkafka.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace postoffice::test {

class ServeProcess
{
public:
    // Starts serve on `scenario` with `brokers` brokers expected to listen; extra arguments after.
    bool start(const QString &scenario, int brokers, const QStringList &extra = {})
    {
        m_process.setProgram(QStringLiteral(POSTOFFICE_BINARY));
        m_process.setArguments(QStringList{QStringLiteral("serve"), scenario, QStringLiteral("--listen"),
                                           QStringLiteral("127.0.0.1:0"), QStringLiteral("--db"),
                                           m_dir.filePath(QStringLiteral("runs.db"))} +
                               extra);
        m_process.start();
        if (!m_process.waitForStarted(10000))
            return false;
        const QRegularExpression line(QStringLiteral("^listening on 127\\.0\\.0\\.1:(\\d+)$"));
        QByteArray pending;
        while (int(m_ports.size()) < brokers) {
            if (!m_process.canReadLine() && !m_process.waitForReadyRead(15000))
                return false;
            while (m_process.canReadLine()) {
                const QString text = QString::fromUtf8(m_process.readLine()).trimmed();
                const auto match = line.match(text);
                if (match.hasMatch())
                    m_ports.push_back(match.captured(1).toUShort());
            }
        }
        return true;
    }

    // SIGTERM, then the exit code (-1 if it did not stop in time or crashed).
    int stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
        m_process.terminate();
        if (!m_process.waitForFinished(20000)) {
            m_process.kill();
            m_process.waitForFinished();
            return -1;
        }
        m_stderr += QString::fromUtf8(m_process.readAllStandardError());
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    ~ServeProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    quint16 port(int broker) const { return m_ports.at(std::size_t(broker)); }
    std::string bootstrap() const { return "127.0.0.1:" + std::to_string(m_ports.front()); }
    QString bootstrapQ() const { return QString::fromStdString(bootstrap()); }
    QString errors()
    {
        QTest::qWait(300); // lets QProcess read what the server wrote meanwhile
        m_stderr += QString::fromUtf8(m_process.readAllStandardError());
        return m_stderr;
    }
    QString dir() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    std::vector<quint16> m_ports;
    QString m_stderr;
};

// kcat, found by CMake's find_program (KCAT_PROGRAM).
inline QString kcat()
{
    return QStringLiteral(KCAT_PROGRAM);
}

// Runs kcat with `input` on stdin; stdout, or a failure message naming what went wrong.
inline bool runKcat(const QStringList &args, const QByteArray &input, QByteArray *out, QString *err,
                    int timeoutMs = 60000)
{
    QProcess p;
    p.start(kcat(), args);
    if (!p.waitForStarted(10000)) {
        *err = QStringLiteral("cannot start kcat at '%1'").arg(kcat());
        return false;
    }
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        *err = QStringLiteral("kcat %1 timed out; stderr: %2")
                   .arg(args.join(u' '), QString::fromUtf8(p.readAllStandardError()));
        return false;
    }
    *out = p.readAllStandardOutput();
    *err = QString::fromUtf8(p.readAllStandardError());
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *err = QStringLiteral("kcat %1 exited with %2; stderr: %3")
                   .arg(args.join(u' '))
                   .arg(p.exitCode())
                   .arg(*err);
        return false;
    }
    return true;
}

// librdkafka handles, freed with their kind's destructor.
struct RdKafkaDeleter
{
    void operator()(rd_kafka_t *rk) const { rd_kafka_destroy(rk); }
};
using RdKafka = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;

inline rd_kafka_conf_t *rdConf(const std::vector<std::pair<std::string, std::string>> &settings)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char errstr[512];
    for (const auto &[key, value] : settings)
        if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK)
            qFatal("librdkafka config %s=%s: %s", key.c_str(), value.c_str(), errstr);
    return conf;
}

// Creates a topic through the admin API (CreateTopics), as an admin would: "" when it was created,
// else what went wrong.
inline QString createTopic(const std::string &bootstrap, const char *name, int partitions, int replication,
                           const std::vector<std::pair<std::string, std::string>> &configs = {})
{
    char errstr[512];
    RdKafka admin(
        rd_kafka_new(RD_KAFKA_PRODUCER, rdConf({{"bootstrap.servers", bootstrap}}), errstr, sizeof errstr));
    if (!admin)
        return QString::fromUtf8(errstr);
    rd_kafka_NewTopic_t *topic = rd_kafka_NewTopic_new(name, partitions, replication, errstr, sizeof errstr);
    if (!topic)
        return QString::fromUtf8(errstr);
    for (const auto &[key, value] : configs)
        if (rd_kafka_NewTopic_set_config(topic, key.c_str(), value.c_str()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
            rd_kafka_NewTopic_destroy(topic);
            return QStringLiteral("cannot set %1").arg(QString::fromStdString(key));
        }
    rd_kafka_queue_t *queue = rd_kafka_queue_new(admin.get());
    rd_kafka_CreateTopics(admin.get(), &topic, 1, nullptr, queue);
    QString problem = QStringLiteral("no answer to CreateTopics");
    if (rd_kafka_event_t *event = rd_kafka_queue_poll(queue, 20000)) {
        size_t n = 0;
        const rd_kafka_topic_result_t **results =
            rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &n);
        problem = n != 1 ? QStringLiteral("no topic result")
                  : rd_kafka_topic_result_error(results[0]) == RD_KAFKA_RESP_ERR_NO_ERROR
                      ? QString()
                      : QString::fromUtf8(rd_kafka_err2str(rd_kafka_topic_result_error(results[0])));
        rd_kafka_event_destroy(event);
    }
    rd_kafka_NewTopic_destroy(topic);
    rd_kafka_queue_destroy(queue);
    return problem;
}

} // namespace postoffice::test
