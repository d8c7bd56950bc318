// The fault labels on the timeline under the playback bar: short, without words said twice.
#include "TimelineStrip.h"

#include <QTest>

using namespace postoffice;

class TestTimelineStrip : public QObject
{
    Q_OBJECT
private slots:
    void faultLabel_data();
    void faultLabel();
};

void TestTimelineStrip::faultLabel_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("consumers");
    QTest::addColumn<QString>("label");
    QTest::newRow("service down") << int(app::FaultKind::Down) << "notification" << 0 << "notification down";
    QTest::newRow("broker id says broker")
        << int(app::FaultKind::BrokerDown) << "broker-0" << 0 << "broker-0 down";
    QTest::newRow("bare broker id") << int(app::FaultKind::BrokerDown) << "b1" << 0 << "broker b1 down";
    QTest::newRow("one consumer") << int(app::FaultKind::ConsumerCrash) << "fulfillment" << 1
                                  << "fulfillment: a consumer crashes";
    QTest::newRow("two consumers") << int(app::FaultKind::ConsumerCrash) << "fulfillment" << 2
                                   << "fulfillment: 2 consumers crash";
}

void TestTimelineStrip::faultLabel()
{
    QFETCH(int, kind);
    QFETCH(QString, target);
    QFETCH(int, consumers);
    QFETCH(QString, label);
    app::FaultSpec f;
    f.kind = app::FaultKind(kind);
    f.target = target;
    f.consumers = consumers;
    QCOMPARE(ui::TimelineStrip::faultLabel(f), label);
}

QTEST_MAIN(TestTimelineStrip)
#include "tst_timelinestrip.moc"
