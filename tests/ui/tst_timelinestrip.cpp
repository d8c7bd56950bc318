// The fault labels on the timeline under the playback bar: short, without words said twice.
#include "TimelineStrip.h"

#include "../FaultRows.h"

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
    testing::addFaultColumns();
    QTest::addColumn<QString>("label");
    using F = app::FaultKind;
    QTest::newRow("service down") << int(F::Down) << "notification"
                                  << "" << 1.0 << 0.0 << 0.0 << 1 << "notification down";
    QTest::newRow("broker id says broker") << int(F::BrokerDown) << "broker-0"
                                           << "" << 1.0 << 0.0 << 0.0 << 1 << "broker-0 down";
    QTest::newRow("bare broker id") << int(F::BrokerDown) << "b1"
                                    << "" << 1.0 << 0.0 << 0.0 << 1 << "broker b1 down";
    QTest::newRow("slow ×factor") << int(F::Slow) << "inventory"
                                  << "" << 4.0 << 0.0 << 0.0 << 1 << "inventory slow (×4)";
    QTest::newRow("slow +ms") << int(F::Slow) << "inventory"
                              << "" << 1.0 << 250.0 << 0.0 << 1 << "inventory slow (+250 ms)";
    QTest::newRow("slow both") << int(F::Slow) << "inventory"
                               << "" << 2.5 << 40.0 << 0.0 << 1 << "inventory slow (×2.5 +40 ms)";
    // 0.3 × 100 is 30.000000000000004 in binary floating point.
    QTest::newRow("error rate") << int(F::ErrorRate) << "analytics"
                                << "" << 1.0 << 0.0 << 0.3 << 1 << "analytics failing 30 %";
    QTest::newRow("one consumer") << int(F::ConsumerCrash) << "fulfillment"
                                  << "" << 1.0 << 0.0 << 0.0 << 1 << "fulfillment: a consumer crashes";
    QTest::newRow("two consumers") << int(F::ConsumerCrash) << "fulfillment"
                                   << "" << 1.0 << 0.0 << 0.0 << 2 << "fulfillment: 2 consumers crash";
    QTest::newRow("network cut") << int(F::NetworkCut) << "checkout"
                                 << "order-service" << 1.0 << 0.0 << 0.0 << 1
                                 << "link checkout ↔ order-service cut";
    QTest::newRow("traffic spike") << int(F::Spike) << "checkout"
                                   << "" << 5.0 << 0.0 << 0.0 << 1 << "checkout traffic ×5";
}

void TestTimelineStrip::faultLabel()
{
    QFETCH(QString, label);
    const app::FaultSpec f = testing::fetchFault();
    QCOMPARE(ui::TimelineStrip::faultLabel(f), label);
}

QTEST_MAIN(TestTimelineStrip)
#include "tst_timelinestrip.moc"
