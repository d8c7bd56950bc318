// A learner's few lines of Python against `postoffice serve`, with kafka-python (Debian's
// python3-kafka: another client library nobody here wrote, speaking older protocol versions than
// librdkafka): keyed records land where Kafka's partitioner puts them, they read back exactly, and
// a consumer joining the scenario's own group inventory gets a share of its partitions.

#include "Partitioner.h"
#include "ServeProcess.h"

#include <QProcess>
#include <QtTest>

#include <map>
#include <set>

using namespace postoffice;
using namespace postoffice::test;

class ServePythonTest : public QObject
{
    Q_OBJECT

private slots:
    void kafkaPythonProducesReadsAndJoinsTheScenariosGroup();
};

void ServePythonTest::kafkaPythonProducesReadsAndJoinsTheScenariosGroup()
{
    ServeProcess serve;
    QVERIFY2(serve.start(QStringLiteral(POSTOFFICE_FIXTURES_DIR "/scenarios/serve-cluster.json"), 3),
             qPrintable(serve.errors()));
    QProcess python;
    python.start(QStringLiteral(PYTHON3_PROGRAM),
                 {QStringLiteral(POSTOFFICE_FIXTURES_DIR "/clients/kafka_python_learner.py"),
                  QString::fromStdString(serve.bootstrap())});
    QVERIFY2(python.waitForFinished(120000), "kafka-python did not finish in two minutes");
    const QString out = QString::fromUtf8(python.readAllStandardOutput());
    QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0,
             qPrintable(out + QString::fromUtf8(python.readAllStandardError()) + serve.errors()));

    std::map<QString, int> sent;
    std::map<QString, QString> read;
    std::set<int> assigned;
    int consumed = -1;
    for (const QString &line : out.split(u'\n', Qt::SkipEmptyParts)) {
        const QStringList f = line.split(u' ');
        if (f.value(0) == QLatin1String("sent"))
            sent[f.value(1)] = f.value(2).toInt();
        else if (f.value(0) == QLatin1String("read"))
            read[f.value(1)] = f.value(2);
        else if (f.value(0) == QLatin1String("assigned"))
            for (const QString &p : f.value(1).split(u',', Qt::SkipEmptyParts))
                assigned.insert(p.toInt());
        else if (f.value(0) == QLatin1String("consumed"))
            consumed = f.value(1).toInt();
    }
    // kafka-python hashes keys with murmur2 as the Java client does: the partitions agree.
    QCOMPARE(int(sent.size()), 20);
    for (const auto &[key, partition] : sent)
        QCOMPARE(partition, broker::partitionForKey(key.toStdString(), 3));
    // Every record read back with its key and value (clicks has nothing else in it).
    QCOMPARE(int(read.size()), 20);
    for (int i = 0; i < 20; ++i)
        QCOMPARE(read[QStringLiteral("user-%1").arg(i)], QStringLiteral("click-%1").arg(i));
    // Two of the six partitions of orders: the scenario's two simulated members kept four.
    QCOMPARE(assigned.size(), std::size_t(2));
    QVERIFY(consumed >= 3);
    QCOMPARE(serve.stop(), 0);
    QVERIFY2(serve.errors().contains(QStringLiteral("Group inventory is the scenario's own")),
             qPrintable(serve.errors()));
}

QTEST_GUILESS_MAIN(ServePythonTest)
#include "tst_serve_python.moc"
