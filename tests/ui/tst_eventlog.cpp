// The event log: the scheduled fault of a shipped scenario appears with its time, start and end;
// narration is listed; filters narrow the rows; the row cap counts what it drops.
#include "LiveRunTestSupport.h"

#include "EventLogModel.h"
#include "EventLogPanel.h"
#include "SimulationController.h"

#include <QTest>

using namespace postoffice;
using ui::EventLogModel;
using ui::EventLogPanel;

class TestEventLog : public QObject
{
    Q_OBJECT
private slots:
    void listsScheduledFault_data();
    void listsScheduledFault();
    void filters();
    void capCountsDroppedRows();
};

void TestEventLog::listsScheduledFault_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("startClock");
    QTest::addColumn<double>("until");
    QTest::newRow("notification-outage") << "notification-outage"
                                         << "notification"
                                         << "0:10:00" << 1300.0;
    QTest::newRow("slow-inventory") << "slow-inventory"
                                    << "inventory"
                                    << "0:10:00" << 1600.0;
    QTest::newRow("domino-restock") << "domino-restock"
                                    << "purchasing"
                                    << "0:15:00" << 1600.0;
}

void TestEventLog::listsScheduledFault()
{
    QFETCH(QString, scenario);
    QFETCH(QString, target);
    QFETCH(QString, startClock);
    QFETCH(double, until);
    ui::SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped(scenario)));
    EventLogPanel panel;
    panel.model()->setArchitectures(c.architectures());
    connect(&c, &ui::SimulationController::eventOccurred, panel.model(), &EventLogModel::append);
    c.advanceTo(until);
    bool started = false, ended = false;
    for (int r = 0; r < panel.visibleRows(); ++r) {
        const QString kind = panel.visibleText(r, EventLogModel::Kind);
        if (panel.visibleText(r, EventLogModel::Node) != target)
            continue;
        if (kind == EventLogModel::kindText(app::SimEventKind::FaultStart)) {
            started = true;
            QCOMPARE(panel.visibleText(r, EventLogModel::Time), startClock);
        }
        ended |= kind == EventLogModel::kindText(app::SimEventKind::FaultEnd);
    }
    QVERIFY(started);
    QVERIFY(ended);
}

void TestEventLog::filters()
{
    ui::SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("notification-outage")));
    EventLogPanel panel;
    connect(&c, &ui::SimulationController::eventOccurred, panel.model(), &EventLogModel::append);
    c.advanceTo(1300);
    const int all = panel.visibleRows();
    panel.setFilter(EventLogPanel::Narration);
    const int narration = panel.visibleRows();
    QVERIFY(narration >= 4); // 0, 590, 630, 1200
    for (int r = 0; r < narration; ++r)
        QCOMPARE(panel.visibleText(r, EventLogModel::Kind),
                 EventLogModel::kindText(app::SimEventKind::Narration));
    panel.setFilter(EventLogPanel::Faults);
    QCOMPARE(panel.visibleRows(), 2);
    panel.setFilter(EventLogPanel::All);
    QCOMPARE(panel.visibleRows(), all);
    QVERIFY(all >= narration + 2);
}

void TestEventLog::capCountsDroppedRows()
{
    EventLogModel model;
    app::SimEvent e;
    e.kind = app::SimEventKind::Rebalance;
    for (int i = 0; i < EventLogModel::maxRows + 25; ++i) {
        e.t_s = i;
        model.append(e);
    }
    QCOMPARE(model.rowCount(), EventLogModel::maxRows);
    QCOMPARE(model.droppedRows(), quint64(25));
    QCOMPARE(model.event(0).t_s, 25.0);
}

QTEST_MAIN(TestEventLog)
#include "tst_eventlog.moc"
