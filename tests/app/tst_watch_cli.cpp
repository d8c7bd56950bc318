// `postoffice watch` as a user runs it, the real binary against librdkafka's mock cluster hosted
// by this test: bad arguments and config files are refused with exit 2; an unreachable cluster
// is said on stderr and the watch ends at --duration with exit 1; a watch of a group that lags
// prints status lines and events, keeps its secrets out of stdout, stderr and the run store,
// exports its lag series, and saves a what-if scenario that validates and runs; and PostOffice's
// own `postoffice serve`, watched, shows a librdkafka consumer as a member of its group.

#include "../MockKafkaCluster.h"
#include "../ProcessRun.h"
#include "ClusterWatcher.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using postoffice::test::MockKafkaCluster;

namespace {

using Result = postoffice::test::ProcessResult;

Result runBinary(const QStringList &args, int timeoutMs = 120000)
{
    return postoffice::test::runProcess(QStringLiteral(POSTOFFICE_BINARY), args,
                                        QProcessEnvironment::systemEnvironment(), timeoutMs);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

} // namespace

class TestWatchCli : public QObject
{
    Q_OBJECT

private slots:
    void badArgumentsAreRefused_data();
    void badArgumentsAreRefused();
    void anUnreachableClusterEndsAtTheDurationWithExit1();
    void aWatchIsStoredExportedAndSavedAsAScenario();
    void watchingPostofficeServeShowsGroupMembers();
};

void TestWatchCli::badArgumentsAreRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no bootstrap") << QStringList{} << QByteArray() << QStringLiteral("--bootstrap");
    QTest::newRow("no port") << QStringList{QStringLiteral("--bootstrap"), QStringLiteral("localhost")}
                             << QByteArray() << QStringLiteral("got 'localhost'");
    QTest::newRow("port out of range")
        << QStringList{QStringLiteral("--bootstrap"), QStringLiteral("h:1,h:70000")} << QByteArray()
        << QStringLiteral("got 'h:70000'");
    QTest::newRow("interval") << QStringList{QStringLiteral("--bootstrap"), QStringLiteral("h:1"),
                                             QStringLiteral("--interval-ms"), QStringLiteral("5")}
                              << QByteArray() << QStringLiteral("--interval-ms");
    QTest::newRow("duration") << QStringList{QStringLiteral("--bootstrap"), QStringLiteral("h:1"),
                                             QStringLiteral("--duration"), QStringLiteral("-1")}
                              << QByteArray() << QStringLiteral("--duration");
    QTest::newRow("missing config") << QStringList{QStringLiteral("--bootstrap"), QStringLiteral("h:1"),
                                                   QStringLiteral("--config"),
                                                   QStringLiteral("/nonexistent/x.properties")}
                                    << QByteArray()
                                    << QStringLiteral("cannot read config file '/nonexistent/x.properties'");
    QTest::newRow("not key=value") << QStringList{QStringLiteral("--bootstrap"), QStringLiteral("h:1")}
                                   << QByteArray("# client\nsecurity.protocol=PLAINTEXT\njust words\n")
                                   << QStringLiteral("client.properties:3: expected key=value");
    QTest::newRow("unknown property")
        << QStringList{QStringLiteral("--bootstrap"), QStringLiteral("h:1")}
        << QByteArray("security.protocl=SSL\n") << QStringLiteral("property 'security.protocl'");
    // A secret librdkafka refuses is named, never echoed.
    QTest::newRow("bad secret") << QStringList{QStringLiteral("--bootstrap"), QStringLiteral("h:1")}
                                << QByteArray("sasl.password.bogus=hunter2\n")
                                << QStringLiteral("property 'sasl.password.bogus' is not accepted");
}

void TestWatchCli::badArgumentsAreRefused()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, config);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QStringList all{QStringLiteral("watch")};
    all << args;
    if (!config.isEmpty()) {
        const QString path = dir.filePath(QStringLiteral("client.properties"));
        QVERIFY(writeFile(path, config));
        all << QStringLiteral("--config") << path;
    }
    all << QStringLiteral("--db") << dir.filePath(QStringLiteral("runs.sqlite"));
    const Result r = runBinary(all);
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(expected), qPrintable(r.describe()));
    QVERIFY(!r.err.contains(QStringLiteral("hunter2")));
    QVERIFY2(!QFile::exists(dir.filePath(QStringLiteral("runs.sqlite"))), "a refused watch wrote a database");
}

void TestWatchCli::anUnreachableClusterEndsAtTheDurationWithExit1()
{
    QTemporaryDir dir;
    const Result r =
        runBinary({QStringLiteral("watch"), QStringLiteral("--bootstrap"), QStringLiteral("127.0.0.1:1"),
                   QStringLiteral("--duration"), QStringLiteral("3"), QStringLiteral("--db"),
                   dir.filePath(QStringLiteral("runs.sqlite"))},
                  60000);
    QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QStringLiteral("cannot reach the cluster at 127.0.0.1:1")),
             qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QStringLiteral("never reached the cluster at 127.0.0.1:1 within 3 s")),
             qPrintable(r.describe()));
}

void TestWatchCli::aWatchIsStoredExportedAndSavedAsAScenario()
{
    MockKafkaCluster cluster;
    QVERIFY(cluster.createTopic("orders", 3, 3));
    QVERIFY(cluster.produce("orders", 60));
    cluster.subscribe("notification", "orders");
    // The consumer has joined its group and caught up before the watch starts.
    QVERIFY(QTest::qWaitFor([&] { return cluster.consume(50) >= 0 && cluster.consumed() == 60; }, 30000));
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("runs.sqlite"));
    const QString properties = dir.filePath(QStringLiteral("client.properties"));
    const QString scenario = dir.filePath(QStringLiteral("observed.postoffice.json"));
    QVERIFY(writeFile(properties, "# watched as a user would\nsecurity.protocol=PLAINTEXT\n"
                                  "sasl.password=hunter2\nssl.key.password=swordfish\n"));

    QProcess watch;
    watch.start(QStringLiteral(POSTOFFICE_BINARY),
                {QStringLiteral("watch"), QStringLiteral("--bootstrap"), cluster.bootstrap(),
                 QStringLiteral("--config"), properties, QStringLiteral("--interval-ms"),
                 QStringLiteral("250"), QStringLiteral("--duration"), QStringLiteral("10"),
                 QStringLiteral("--group"), QStringLiteral("notification"), QStringLiteral("--db"), db,
                 QStringLiteral("--save-scenario"), scenario});
    QVERIFY(watch.waitForStarted());
    // 0-2 s: the group keeps up; 2-6 s: it stops while records keep coming; then it drains.
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 9000) {
        if (clock.elapsed() < 2000 || clock.elapsed() > 6000)
            cluster.consume(50);
        else
            QTest::qWait(50);
        if (clock.elapsed() > 500 && clock.elapsed() < 6000)
            QVERIFY(cluster.produce("orders", 4));
    }
    QVERIFY(watch.waitForFinished(60000));
    const QString out = QString::fromLocal8Bit(watch.readAllStandardOutput());
    const QString err = QString::fromLocal8Bit(watch.readAllStandardError());
    const QString all =
        QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(watch.exitCode()).arg(out, err);
    QVERIFY2(watch.exitStatus() == QProcess::NormalExit && watch.exitCode() == 0, qPrintable(all));
    if (qEnvironmentVariableIsSet("WATCH_DEBUG")) {
        QFile debug(qEnvironmentVariable("WATCH_DEBUG"));
        if (debug.open(QIODevice::WriteOnly))
            debug.write(all.toUtf8());
    }
    QVERIFY2(out.contains(QStringLiteral("brokers 3/3 up")), qPrintable(all));
    QVERIFY2(out.contains(QStringLiteral("notification lag")), qPrintable(all));
    QVERIFY2(out.contains(QStringLiteral("event group_status: group notification is ERROR")),
             qPrintable(all));
    // Secrets: key names shown with ***, values nowhere.
    QVERIFY2(err.contains(QStringLiteral("sasl.password=***")), qPrintable(all));
    for (const char *secret : {"hunter2", "swordfish"}) {
        QVERIFY2(!all.contains(QLatin1String(secret)), secret);
        for (const QString &file : {db, db + QStringLiteral("-wal")})
            QVERIFY2(!readAll(file).contains(secret), qPrintable(file));
    }

    // Exported like a run: the group's lag series went up and came back down.
    const QString csv = dir.filePath(QStringLiteral("watch.csv"));
    Result r =
        runBinary({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--csv"), csv});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QList<qint64> lag;
    for (const QByteArray &line : readAll(csv).split('\n'))
        if (line.contains(",observed,notification,lag,"))
            lag << line.split(',').last().toLongLong();
    QVERIFY2(lag.size() >= 8, qPrintable(QString::number(lag.size())));
    const qint64 peak = *std::max_element(lag.begin(), lag.end());
    QVERIFY2(peak >= 40, qPrintable(QString::number(peak)));
    QCOMPARE(lag.last(), 0);
    QVERIFY(readAll(csv).contains(",observed,orders,arrivals,"));
    const QString json = dir.filePath(QStringLiteral("watch.json"));
    r = runBinary({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--json"), json});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QJsonObject exported = QJsonDocument::fromJson(readAll(json)).object();
    QCOMPARE(exported.value(QStringLiteral("scenario"))
                 .toObject()
                 .value(QStringLiteral("watch"))
                 .toObject()
                 .value(QStringLiteral("config"))
                 .toObject()
                 .value(QStringLiteral("sasl.password"))
                 .toString(),
             QStringLiteral("***"));
    const QJsonObject group = exported.value(QStringLiteral("summary"))
                                  .toObject()
                                  .value(QStringLiteral("architectures"))
                                  .toObject()
                                  .value(QStringLiteral("observed"))
                                  .toObject()
                                  .value(QStringLiteral("groups"))
                                  .toObject()
                                  .value(QStringLiteral("notification"))
                                  .toObject();
    // Over every poll: at least the peak of the stored seconds (each holds its second's last poll).
    QVERIFY(group.value(QStringLiteral("max_lag")).toInteger() >= peak);
    QCOMPARE(group.value(QStringLiteral("end_lag")).toInteger(), 0);
    bool statusEvent = false;
    for (const auto &e : exported.value(QStringLiteral("events")).toArray())
        statusEvent = statusEvent ||
                      e.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("group_status");
    QVERIFY(statusEvent);

    // The what-if scenario: the observed topic, a producer at its rate, the group as a consumer.
    const QJsonObject saved = QJsonDocument::fromJson(readAll(scenario)).object();
    QCOMPARE(saved.value(QStringLiteral("cluster")).toObject().value(QStringLiteral("brokers")).toInt(), 3);
    QStringList ids;
    for (const auto &n : saved.value(QStringLiteral("nodes")).toArray())
        ids << n.toObject().value(QStringLiteral("id")).toString();
    QVERIFY2(ids.contains(QStringLiteral("orders")) && ids.contains(QStringLiteral("orders-producers")) &&
                 ids.contains(QStringLiteral("notification")),
             qPrintable(ids.join(u',')));
    r = runBinary({QStringLiteral("validate"), scenario});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + QString::fromUtf8(readAll(scenario))));
    r = runBinary({QStringLiteral("run"), scenario, QStringLiteral("--duration"), QStringLiteral("120"),
                   QStringLiteral("--db"), dir.filePath(QStringLiteral("replay.sqlite")),
                   QStringLiteral("--quiet")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + QString::fromUtf8(readAll(scenario))));
}

// PostOffice's own Kafka wire protocol (`postoffice serve`) lists and describes groups, which
// librdkafka's mock does not: a librdkafka consumer joining shows as a member with its
// assignment, and its leaving empties the group.
void TestWatchCli::watchingPostofficeServeShowsGroupMembers()
{
    QTemporaryDir dir;
    QProcess serve;
    serve.start(QStringLiteral(POSTOFFICE_BINARY),
                {QStringLiteral("serve"), QStringLiteral("notification-outage"), QStringLiteral("--listen"),
                 QStringLiteral("127.0.0.1:0"), QStringLiteral("--duration"), QStringLiteral("120"),
                 QStringLiteral("--db"), dir.filePath(QStringLiteral("serve.sqlite"))});
    QVERIFY(serve.waitForStarted());
    QString bootstrap;
    QVERIFY(QTest::qWaitFor(
        [&] {
            while (serve.canReadLine()) {
                const QString line = QString::fromLocal8Bit(serve.readLine()).trimmed();
                if (line.startsWith(QStringLiteral("listening on ")) && bootstrap.isEmpty())
                    bootstrap = line.mid(13);
            }
            return !bootstrap.isEmpty();
        },
        30000));

    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char err[256];
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), err, sizeof err);
    rd_kafka_conf_set(conf, "group.id", "dashboard", err, sizeof err);
    rd_kafka_conf_set_log_cb(conf, postoffice::test::quietLog);
    rd_kafka_t *consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    QVERIFY(consumer);
    rd_kafka_poll_set_consumer(consumer);
    rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(topics, "orders", RD_KAFKA_PARTITION_UA);
    rd_kafka_subscribe(consumer, topics);
    rd_kafka_topic_partition_list_destroy(topics);
    auto poll = [&] {
        while (rd_kafka_message_t *m = rd_kafka_consumer_poll(consumer, 10))
            rd_kafka_message_destroy(m);
    };

    postoffice::app::ClusterWatcher watcher;
    std::vector<postoffice::app::ClusterEvent> events;
    connect(&watcher, &postoffice::app::ClusterWatcher::eventDetected, this,
            [&](const postoffice::app::ClusterEvent &e) { events.push_back(e); });
    postoffice::app::WatchConfig config;
    config.bootstrap = bootstrap;
    config.intervalMs = 300;
    watcher.start(config);
    auto dashboard = [&]() -> const postoffice::app::GroupObservation * {
        const auto o = watcher.lastObservation();
        return o ? o->group(QStringLiteral("dashboard")) : nullptr;
    };
    QVERIFY(QTest::qWaitFor(
        [&] {
            poll();
            const auto *g = dashboard();
            return g && g->membersKnown && g->members.size() == 1 &&
                   g->members.front().assignment.size() == 6;
        },
        30000));
    const auto *g = dashboard();
    QCOMPARE(g->state, QStringLiteral("Stable"));
    QCOMPARE(watcher.lastObservation()->topic(QStringLiteral("orders"))->partitions.size(), size_t(6));

    rd_kafka_consumer_close(consumer);
    rd_kafka_destroy(consumer);
    QVERIFY(QTest::qWaitFor(
        [&] {
            return std::any_of(events.begin(), events.end(), [](const postoffice::app::ClusterEvent &e) {
                return e.kind == postoffice::app::ClusterEvent::Kind::GroupEmptied &&
                       e.subject == QLatin1String("dashboard");
            });
        },
        20000));
    watcher.stop();
    QVERIFY(watcher.waitForStopped());
    serve.terminate();
    QVERIFY(serve.waitForFinished(30000));
}

QTEST_GUILESS_MAIN(TestWatchCli)
#include "tst_watch_cli.moc"
