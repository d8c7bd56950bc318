// The fault panel: one click takes a node down (or slow, failing) in every architecture of the
// engine, a second click ends it, scheduled faults show up checked while they run, a link cut
// needs two different nodes.
#include "LiveRunTestSupport.h"

#include "FaultPanel.h"
#include "Simulation.h"
#include "SimulationController.h"

#include <QAbstractButton>
#include <QLabel>
#include <QListWidget>
#include <QTest>

using namespace postoffice;
using ui::FaultPanel;
using ui::SimulationController;

class TestFaultPanel : public QObject
{
    Q_OBJECT
private slots:
    void clickTogglesNodeHealth_data();
    void clickTogglesNodeHealth();
    void scheduledFaultShowsChecked();
    void buttonsOnlyForNodesThatTakeTheFault();
    void cutLinkNeedsTwoNodes();
    void activeTitleCountsArchitectures_data();
    void activeTitleCountsArchitectures();
};

void TestFaultPanel::clickTogglesNodeHealth_data()
{
    QTest::addColumn<QString>("node");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("health");
    QTest::newRow("notification down")
        << "notification" << int(app::FaultKind::Down) << int(app::NodeHealth::Down);
    QTest::newRow("inventory slow") << "inventory" << int(app::FaultKind::Slow) << int(app::NodeHealth::Slow);
    QTest::newRow("analytics errors")
        << "analytics" << int(app::FaultKind::ErrorRate) << int(app::NodeHealth::Failing);
}

void TestFaultPanel::clickTogglesNodeHealth()
{
    QFETCH(QString, node);
    QFETCH(int, kind);
    QFETCH(int, health);
    SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("baseline")));
    FaultPanel panel(&c);
    panel.show();
    c.advanceTo(60);
    QAbstractButton *b = panel.button(node, app::FaultKind(kind));
    QVERIFY(b);
    QVERIFY(!b->isChecked());
    QTest::mouseClick(b, Qt::LeftButton);
    QVERIFY(b->isChecked());
    c.advanceTo(70);
    for (int a = 0; a < c.architectures().size(); ++a)
        QCOMPARE(int(c.simulation()->nodeState(a, node).health), health);
    QCOMPARE(panel.activeList()->count(), 1);
    QTest::mouseClick(b, Qt::LeftButton);
    c.advanceTo(80);
    QVERIFY(!b->isChecked());
    QCOMPARE(panel.activeList()->count(), 0);
    for (int a = 0; a < c.architectures().size(); ++a)
        QCOMPARE(c.simulation()->nodeState(a, node).health, app::NodeHealth::Ok);
}

void TestFaultPanel::scheduledFaultShowsChecked()
{
    SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("notification-outage")));
    FaultPanel panel(&c);
    QAbstractButton *down = panel.button("notification", app::FaultKind::Down);
    QVERIFY(down);
    c.advanceTo(599);
    QVERIFY(!down->isChecked());
    c.advanceTo(700);
    QVERIFY(down->isChecked());
    QCOMPARE(panel.activeList()->count(), 1);
    // Said as the event log says it, from the fault's fields.
    QCOMPARE(panel.activeList()->item(0)->text(),
             "since 0:10:00: notification goes down: calls to it fail, its consumers stop reading.");
    // Ending the scheduled fault early from the panel brings the service back.
    down->click();
    c.advanceTo(710);
    QVERIFY(!down->isChecked());
    QCOMPARE(c.simulation()->nodeState(0, "notification").health, app::NodeHealth::Ok);
}

void TestFaultPanel::buttonsOnlyForNodesThatTakeTheFault()
{
    SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("broker-failure")));
    FaultPanel panel(&c);
    QVERIFY(panel.button("broker-0", app::FaultKind::BrokerDown));
    QVERIFY(!panel.button("broker-0", app::FaultKind::Slow));
    QVERIFY(!panel.button("orders", app::FaultKind::Down)); // a topic is not a service
    QVERIFY(panel.button("checkout", app::FaultKind::Spike));
    QVERIFY(!panel.button("checkout", app::FaultKind::Down));
}

void TestFaultPanel::cutLinkNeedsTwoNodes()
{
    SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("baseline")));
    FaultPanel panel(&c);
    c.advanceTo(10);
    panel.setLink("order-service", "order-service");
    panel.cutLinkButton()->click();
    QVERIFY(!panel.cutLinkButton()->isChecked());
    QVERIFY(c.activeFaults().empty());
    panel.setLink("checkout", "order-service");
    panel.cutLinkButton()->click();
    c.advanceTo(11);
    QVERIFY(panel.cutLinkButton()->isChecked());
    QCOMPARE(int(c.activeFaults().size()), 1);
    QCOMPARE(c.faultSpec(c.activeFaults().begin()->first)->kind, app::FaultKind::NetworkCut);
    panel.cutLinkButton()->click();
    c.advanceTo(12);
    QVERIFY(c.activeFaults().empty());
}

void TestFaultPanel::activeTitleCountsArchitectures_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("title");
    QTest::newRow("two architectures") << "baseline"
                                       << "Active faults (both architectures):";
    QTest::newRow("four architectures") << "consumer-scaling"
                                        << "Active faults (all architectures):";
}

void TestFaultPanel::activeTitleCountsArchitectures()
{
    QFETCH(QString, scenario);
    QFETCH(QString, title);
    SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped(scenario)));
    FaultPanel panel(&c);
    bool found = false;
    for (const QLabel *label : panel.findChildren<QLabel *>())
        found |= label->text() == title;
    QVERIFY2(found, qPrintable(title));
}

QTEST_MAIN(TestFaultPanel)
#include "tst_faultpanel.moc"
