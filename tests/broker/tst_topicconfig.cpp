// Topic configs parse Kafka's names and refuse anything else; error names are Kafka's.
#include "ErrorCode.h"
#include "TopicConfig.h"

#include <QtTest>

using namespace postoffice::broker;

class TestTopicConfig : public QObject
{
    Q_OBJECT
private slots:
    void defaultsAreKafkas();
    void setParsesKafkaNames_data();
    void setParsesKafkaNames();
    void parseStopsAtFirstBadPair();
    void validateCatchesStructFields();
    void errorNamesAreKafkas_data();
    void errorNamesAreKafkas();
    void retriableErrors();
};

void TestTopicConfig::defaultsAreKafkas()
{
    const TopicConfig c;
    QCOMPARE(c.retentionMs, 604800000);
    QCOMPARE(c.retentionBytes, -1);
    QCOMPARE(c.segmentBytes, 1073741824);
    QCOMPARE(c.minInsyncReplicas, 1);
    QCOMPARE(c.uncleanLeaderElectionEnable, false);
    QCOMPARE(c.cleanupPolicy(), std::string("delete"));
    QCOMPARE(c.validate(), ErrorCode::None);
}

void TestTopicConfig::setParsesKafkaNames_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("policyAfter"); // cleanup.policy afterwards (unchanged on error)
    const int ok = int(ErrorCode::None);
    const int bad = int(ErrorCode::InvalidConfig);
    QTest::newRow("retention.ms") << "retention.ms"
                                  << "1000" << ok << "delete";
    QTest::newRow("retention.ms -1") << "retention.ms"
                                     << "-1" << ok << "delete";
    QTest::newRow("retention.ms -2") << "retention.ms"
                                     << "-2" << bad << "delete";
    QTest::newRow("retention.ms text") << "retention.ms"
                                       << "7d" << bad << "delete";
    QTest::newRow("retention.ms empty") << "retention.ms"
                                        << "" << bad << "delete";
    QTest::newRow("retention.bytes") << "retention.bytes"
                                     << "1048576" << ok << "delete";
    QTest::newRow("segment.bytes") << "segment.bytes"
                                   << "4096" << ok << "delete";
    QTest::newRow("segment.bytes below 14") << "segment.bytes"
                                            << "13" << bad << "delete";
    QTest::newRow("segment.bytes above int") << "segment.bytes"
                                             << "4294967296" << bad << "delete";
    QTest::newRow("segment.ms") << "segment.ms"
                                << "60000" << ok << "delete";
    QTest::newRow("segment.ms zero") << "segment.ms"
                                     << "0" << bad << "delete";
    QTest::newRow("compact") << "cleanup.policy"
                             << "compact" << ok << "compact";
    QTest::newRow("compact,delete") << "cleanup.policy"
                                    << "compact, delete" << ok << "compact,delete";
    QTest::newRow("policy typo") << "cleanup.policy"
                                 << "compakt" << bad << "delete";
    QTest::newRow("min.insync.replicas") << "min.insync.replicas"
                                         << "2" << ok << "delete";
    QTest::newRow("min.insync.replicas 0") << "min.insync.replicas"
                                           << "0" << bad << "delete";
    QTest::newRow("unclean true") << "unclean.leader.election.enable"
                                  << "true" << ok << "delete";
    QTest::newRow("unclean yes") << "unclean.leader.election.enable"
                                 << "yes" << bad << "delete";
    QTest::newRow("delete.retention.ms") << "delete.retention.ms"
                                         << "0" << ok << "delete";
    QTest::newRow("max.message.bytes") << "max.message.bytes"
                                       << "2000" << ok << "delete";
    QTest::newRow("partitions") << "partitions"
                                << "6" << ok << "delete";
    QTest::newRow("partitions 0") << "partitions"
                                  << "0" << int(ErrorCode::InvalidPartitions) << "delete";
    QTest::newRow("replication.factor 0") << "replication.factor"
                                          << "0" << int(ErrorCode::InvalidReplicationFactor) << "delete";
    QTest::newRow("unknown key") << "retention.hours"
                                 << "1" << bad << "delete";
}

void TestTopicConfig::setParsesKafkaNames()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(int, expected);
    QFETCH(QString, policyAfter);
    TopicConfig c;
    const TopicConfig before = c;
    std::string why;
    QCOMPARE(int(c.set(key.toStdString(), value.toStdString(), &why)), expected);
    QCOMPARE(QString::fromStdString(c.cleanupPolicy()), policyAfter);
    if (expected != int(ErrorCode::None)) {
        QVERIFY(c == before);                                                    // unchanged
        QVERIFY2(why.find(key.toStdString()) != std::string::npos, why.c_str()); // names the culprit
    } else {
        QVERIFY(why.empty());
    }
}

void TestTopicConfig::parseStopsAtFirstBadPair()
{
    TopicConfig out;
    std::string why;
    QCOMPARE(TopicConfig::parse({{"retention.ms", "100"}, {"min.insync.replicas", "2"}}, out, &why),
             ErrorCode::None);
    QCOMPARE(out.retentionMs, 100);
    QCOMPARE(out.minInsyncReplicas, 2);
    TopicConfig untouched;
    QCOMPARE(TopicConfig::parse({{"retention.ms", "100"}, {"bogus", "1"}}, untouched, &why),
             ErrorCode::InvalidConfig);
    QCOMPARE(untouched.retentionMs, 604800000); // all or nothing
    QVERIFY(why.find("bogus") != std::string::npos);
}

void TestTopicConfig::validateCatchesStructFields()
{
    TopicConfig c;
    c.partitions = 0;
    QCOMPARE(c.validate(), ErrorCode::InvalidPartitions);
    c = TopicConfig{};
    c.replicationFactor = 0;
    QCOMPARE(c.validate(), ErrorCode::InvalidReplicationFactor);
    c = TopicConfig{};
    c.cleanupDelete = false;
    QCOMPARE(c.validate(), ErrorCode::InvalidConfig); // no policy at all
    c = TopicConfig{};
    c.segmentBytes = 1;
    QCOMPARE(c.validate(), ErrorCode::InvalidConfig);
}

void TestTopicConfig::errorNamesAreKafkas_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("kafkaNumber");
    QTest::newRow("none") << int(ErrorCode::None) << "NONE" << 0;
    QTest::newRow("offset") << int(ErrorCode::OffsetOutOfRange) << "OFFSET_OUT_OF_RANGE" << 1;
    QTest::newRow("unknown tp") << int(ErrorCode::UnknownTopicOrPartition) << "UNKNOWN_TOPIC_OR_PARTITION"
                                << 3;
    QTest::newRow("leader na") << int(ErrorCode::LeaderNotAvailable) << "LEADER_NOT_AVAILABLE" << 5;
    QTest::newRow("not leader") << int(ErrorCode::NotLeaderOrFollower) << "NOT_LEADER_OR_FOLLOWER" << 6;
    QTest::newRow("timeout") << int(ErrorCode::RequestTimedOut) << "REQUEST_TIMED_OUT" << 7;
    QTest::newRow("ner") << int(ErrorCode::NotEnoughReplicas) << "NOT_ENOUGH_REPLICAS" << 19;
    QTest::newRow("nera") << int(ErrorCode::NotEnoughReplicasAfterAppend)
                          << "NOT_ENOUGH_REPLICAS_AFTER_APPEND" << 20;
    QTest::newRow("generation") << int(ErrorCode::IllegalGeneration) << "ILLEGAL_GENERATION" << 22;
    QTest::newRow("member") << int(ErrorCode::UnknownMemberId) << "UNKNOWN_MEMBER_ID" << 25;
    QTest::newRow("rebalance") << int(ErrorCode::RebalanceInProgress) << "REBALANCE_IN_PROGRESS" << 27;
    QTest::newRow("timestamp") << int(ErrorCode::InvalidTimestamp) << "INVALID_TIMESTAMP" << 32;
    QTest::newRow("exists") << int(ErrorCode::TopicAlreadyExists) << "TOPIC_ALREADY_EXISTS" << 36;
    QTest::newRow("partitions") << int(ErrorCode::InvalidPartitions) << "INVALID_PARTITIONS" << 37;
    QTest::newRow("rf") << int(ErrorCode::InvalidReplicationFactor) << "INVALID_REPLICATION_FACTOR" << 38;
    QTest::newRow("config") << int(ErrorCode::InvalidConfig) << "INVALID_CONFIG" << 40;
    QTest::newRow("request") << int(ErrorCode::InvalidRequest) << "INVALID_REQUEST" << 42;
    QTest::newRow("sequence") << int(ErrorCode::OutOfOrderSequenceNumber) << "OUT_OF_ORDER_SEQUENCE_NUMBER"
                              << 45;
    QTest::newRow("record") << int(ErrorCode::InvalidRecord) << "INVALID_RECORD" << 87;
    QTest::newRow("not ours") << 9999 << "UNKNOWN_SERVER_ERROR" << 9999;
}

void TestTopicConfig::errorNamesAreKafkas()
{
    QFETCH(int, code);
    QFETCH(QString, name);
    QFETCH(int, kafkaNumber);
    QCOMPARE(QString::fromLatin1(errorName(ErrorCode(code))), name);
    QCOMPARE(code, kafkaNumber);
}

void TestTopicConfig::retriableErrors()
{
    QVERIFY(isRetriable(ErrorCode::NotEnoughReplicas));
    QVERIFY(isRetriable(ErrorCode::LeaderNotAvailable));
    QVERIFY(isRetriable(ErrorCode::RequestTimedOut));
    QVERIFY(!isRetriable(ErrorCode::None));
    QVERIFY(!isRetriable(ErrorCode::InvalidConfig));
    QVERIFY(!isRetriable(ErrorCode::MessageTooLarge));
    QVERIFY(!isRetriable(ErrorCode::OutOfOrderSequenceNumber));
}

QTEST_APPLESS_MAIN(TestTopicConfig)
#include "tst_topicconfig.moc"
