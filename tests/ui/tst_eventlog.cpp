// The event log: the scheduled fault of a shipped scenario appears with its time, start and end;
// narration is listed; filters narrow the rows; the row cap counts what it drops; every kind of
// event reads as a sentence, and the sentence column is wide and tall enough to be read whole.
#include "LiveRunTestSupport.h"

#include "../FaultRows.h"
#include "EventLogModel.h"
#include "EventLogPanel.h"
#include "ScenarioKeys.h"
#include "SimulationController.h"

#include <QHeaderView>
#include <QRegularExpression>
#include <QStyle>
#include <QTableView>
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
    void everyKindHasNameAndSentence();
    void sentencePerKind_data();
    void sentencePerKind();
    void faultSentence_data();
    void faultSentence();
    void faultSentenceIgnoresText();
    void everyFaultKindHasItsWords();
    void rebalanceSentence_data();
    void rebalanceSentence();
    void rebalanceIsShortWithDetailInTooltip();
    void shippedRebalancesReadInFigures();
    void everyArchitectureLabel();
    void sentenceColumnNotElided_data();
    void sentenceColumnNotElided();
    void asksItsDockForRoomToRead_data();
    void asksItsDockForRoomToRead();
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
    // The fault is worded from its fields as a sentence about the shop.
    bool worded = false;
    for (int r = 0; r < panel.visibleRows(); ++r)
        worded |= panel.visibleText(r, EventLogModel::Text).startsWith(target + " goes down") ||
                  panel.visibleText(r, EventLogModel::Text).startsWith(target + " turns slow");
    QVERIFY(worded);
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

void TestEventLog::everyKindHasNameAndSentence()
{
    // Every kind the engine knows (simEventKindName names it), including ones added later.
    QStringList names;
    int kinds = 0;
    for (; app::simEventKindName(app::SimEventKind(kinds)) != QLatin1String("unknown"); ++kinds) {
        app::SimEvent e;
        e.kind = app::SimEventKind(kinds);
        e.node = "orders";
        e.count = 3;
        const QString name = EventLogModel::kindText(e.kind);
        QVERIFY2(!name.isEmpty() && !names.contains(name), qPrintable(name));
        names << name;
        QVERIFY(EventLogModel::kindColour(e.kind).isValid());
        if (e.kind != app::SimEventKind::Narration) {
            const QString s = EventLogModel::sentence(e);
            QVERIFY2(s.contains("orders") && s.endsWith('.'), qPrintable(s));
        }
    }
    QVERIFY(kinds >= 9);
}

void TestEventLog::sentencePerKind_data()
{
    using K = app::SimEventKind;
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("node");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("count");
    QTest::addColumn<QString>("expected");
    // Texts as the engine writes them (ArchitectureRun); faults are worded from their fields
    // (faultSentence below).
    QTest::newRow("narration kept as written")
        << int(K::Narration) << ""
        << "Notification is back. tight recovers" << qint64(0) << "Notification is back. tight recovers";
    QTest::newRow("rebalance") << int(K::Rebalance) << "notification"
                               << "group notification generation 2 (range): 1 members on 6 partitions: "
                                  "notification-0 ← [0,1,2,3,4,5]"
                               << qint64(2)
                               << "notification group shares out its partitions again (generation 2).";
    QTest::newRow("leader change keeps the id")
        << int(K::LeaderChange) << "orders"
        << "orders[0]: broker 1 leads (epoch 2)" << qint64(0) << "orders[0]: broker 1 leads (epoch 2).";
    QTest::newRow("isr change without text")
        << int(K::IsrChange) << "orders"
        << "" << qint64(0) << "The in-sync replicas of a partition of orders changed.";
    QTest::newRow("isr change") << int(K::IsrChange) << "orders"
                                << "orders[2]: ISR shrinks to 1, 2" << qint64(0)
                                << "orders[2]: ISR shrinks to 1, 2.";
    QTest::newRow("records lost with count") << int(K::RecordsLost) << "orders"
                                             << "4 records of orders[0] lost: unreplicated" << qint64(4)
                                             << "4 records of orders[0] lost: unreplicated.";
    QTest::newRow("records lost adds the count")
        << int(K::RecordsLost) << "orders"
        << "acks=0 record sent to an offline leader" << qint64(7) << "(7 records).";
    QTest::newRow("breaker opens") << int(K::BreakerOpen) << "order-service"
                                   << "circuit breaker order-service → inventory open" << qint64(0)
                                   << "Circuit breaker order-service → inventory open: calls fail at once";
    QTest::newRow("breaker closes") << int(K::BreakerClosed) << "order-service"
                                    << "circuit breaker order-service → inventory closed" << qint64(0)
                                    << "closed: calls go through again.";
}

void TestEventLog::sentencePerKind()
{
    QFETCH(int, kind);
    QFETCH(QString, node);
    QFETCH(QString, text);
    QFETCH(qint64, count);
    QFETCH(QString, expected);
    app::SimEvent e;
    e.kind = app::SimEventKind(kind);
    e.node = node;
    e.text = text;
    e.count = count;
    EventLogModel model;
    model.append(e);
    // The cell may add invisible break opportunities; what it reads is the sentence.
    const QString shown = model.index(0, EventLogModel::Text).data().toString().remove(QChar(0x200B));
    QCOMPARE(shown, EventLogModel::sentence(e));
    QVERIFY2(shown.contains(expected), qPrintable(shown));
    QCOMPARE(model.index(0, EventLogModel::Kind).data().toString(), EventLogModel::kindText(e.kind));
}

namespace {

app::SimEvent faultEvent(app::SimEventKind kind, const app::FaultSpec &f)
{
    app::SimEvent e;
    e.t_s = 600;
    e.kind = kind;
    e.node = f.target;
    e.fault_id = 0;
    e.fault = f;
    return e;
}

} // namespace

void TestEventLog::faultSentence_data()
{
    testing::addFaultColumns();
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<QString>("starts");
    QTest::addColumn<QString>("ends");
    using F = app::FaultKind;
    QTest::newRow("service down") << int(F::Down) << "notification"
                                  << "" << 1.0 << 0.0 << 0.0 << 1 << ""
                                  << "notification goes down: calls to it fail, its consumers stop reading."
                                  << "notification is back: its consumers catch up.";
    QTest::newRow("slow ×factor") << int(F::Slow) << "inventory"
                                  << "" << 4.0 << 0.0 << 0.0 << 1 << ""
                                  << "inventory turns slow: each request takes 4× as long."
                                  << "inventory is fast again.";
    QTest::newRow("slow +ms") << int(F::Slow) << "inventory"
                              << "" << 1.0 << 250.0 << 0.0 << 1 << ""
                              << "inventory turns slow: each request takes 250 ms longer."
                              << "inventory is fast again.";
    QTest::newRow("slow ×factor +ms") << int(F::Slow) << "inventory"
                                      << "" << 2.5 << 40.0 << 0.0 << 1 << ""
                                      << "inventory turns slow: each request takes 2.5× as long plus 40 ms."
                                      << "inventory is fast again.";
    QTest::newRow("error rate") << int(F::ErrorRate) << "analytics"
                                << "" << 1.0 << 0.0 << 0.3 << 1 << ""
                                << "analytics fails 30 % of its requests."
                                << "analytics stops failing requests.";
    QTest::newRow("one consumer crashes")
        << int(F::ConsumerCrash) << "fulfillment"
        << "" << 1.0 << 0.0 << 0.0 << 1 << ""
        << "fulfillment loses a consumer: its partitions wait, then move to the others."
        << "fulfillment gets a consumer back: the group shares out its partitions again.";
    QTest::newRow("two consumers crash")
        << int(F::ConsumerCrash) << "fulfillment"
        << "" << 1.0 << 0.0 << 0.0 << 2 << ""
        << "fulfillment loses 2 consumers: its partitions wait, then move to the others."
        << "fulfillment gets 2 consumers back: the group shares out its partitions again.";
    QTest::newRow("broker down") << int(F::BrokerDown) << "broker-0"
                                 << "" << 1.0 << 0.0 << 0.0 << 1 << ""
                                 << "broker-0 goes down: its partitions get new leaders."
                                 << "broker-0 is back: it catches up and rejoins the in-sync replicas.";
    QTest::newRow("bare broker id") << int(F::BrokerDown) << "b1"
                                    << "" << 1.0 << 0.0 << 0.0 << 1 << ""
                                    << "Broker b1 goes down: its partitions get new leaders."
                                    << "Broker b1 is back: it catches up and rejoins the in-sync replicas.";
    QTest::newRow("network cut") << int(F::NetworkCut) << "checkout"
                                 << "order-service" << 1.0 << 0.0 << 0.0 << 1 << ""
                                 << "The link checkout ↔ order-service is cut: nothing gets through."
                                 << "The link checkout ↔ order-service works again.";
    QTest::newRow("traffic spike") << int(F::Spike) << "checkout"
                                   << "" << 5.0 << 0.0 << 0.0 << 1 << ""
                                   << "checkout sends 5× its usual traffic."
                                   << "checkout traffic is back to normal.";
    QTest::newRow("one architecture only")
        << int(F::BrokerDown) << "broker-0"
        << "" << 1.0 << 0.0 << 0.0 << 1 << "tight"
        << "broker-0 goes down: its partitions get new leaders (only in Tight-coupled)."
        << "broker-0 is back: it catches up and rejoins the in-sync replicas (only in Tight-coupled).";
}

void TestEventLog::faultSentence()
{
    QFETCH(QString, architecture);
    QFETCH(QString, starts);
    QFETCH(QString, ends);
    app::FaultSpec f = testing::fetchFault();
    f.architecture = architecture;
    EventLogModel model;
    model.setArchitectures({"tight", "decoupled"});
    model.append(faultEvent(app::SimEventKind::FaultStart, f));
    model.append(faultEvent(app::SimEventKind::FaultEnd, f));
    QCOMPARE(model.index(0, EventLogModel::Text).data().toString(), starts);
    QCOMPARE(model.index(1, EventLogModel::Text).data().toString(), ends);
}

void TestEventLog::faultSentenceIgnoresText()
{
    // The engine may reword its log text at will: the sentence comes from the fault's fields.
    app::FaultSpec f;
    f.kind = app::FaultKind::Slow;
    f.target = "inventory";
    f.factor = 3;
    app::SimEvent e = faultEvent(app::SimEventKind::FaultStart, f);
    e.text = "fault starts: slow inventory";
    const QString expected = EventLogModel::sentence(e);
    QCOMPARE(expected, "inventory turns slow: each request takes 3× as long.");
    for (const QString &text : {QString(), QStringLiteral("FAULT slow@inventory x3"),
                                QStringLiteral("fault starts: down notification")}) {
        e.text = text;
        QCOMPARE(EventLogModel::sentence(e), expected);
    }
    // And the text alone, without the fields, is not read for a fault's kind or target.
    e.fault.reset();
    e.node.clear();
    e.text = "fault starts: slow inventory";
    QCOMPARE(EventLogModel::sentence(e), "A fault starts on the cluster.");
}

void TestEventLog::everyFaultKindHasItsWords()
{
    // Every kind of the scenario format, including ones added later, has its own start and end
    // sentence, not the generic one.
    const int kinds = int(app::ScenarioKeys::faultKinds().size());
    QVERIFY(kinds >= 7);
    QStringList seen;
    for (int k = 0; k < kinds; ++k) {
        app::FaultSpec f;
        f.kind = app::FaultKind(k);
        f.target = "node-x";
        f.peer = "node-y";
        const QString starts = EventLogModel::faultSentence(f, true);
        const QString ends = EventLogModel::faultSentence(f, false);
        const QString name = app::ScenarioKeys::faultKinds()[k];
        QVERIFY2(starts.contains("node-x") && ends.contains("node-x"), qPrintable(name));
        QVERIFY2(!starts.startsWith("A fault starts") && !ends.startsWith("The fault on"), qPrintable(name));
        QVERIFY2(starts != ends && !seen.contains(starts), qPrintable(name));
        static const QRegularExpression placeholder("%\\d");
        QVERIFY2(!starts.contains(placeholder) && !ends.contains(placeholder), qPrintable(starts));
        seen << starts;
    }
}

void TestEventLog::rebalanceSentence_data()
{
    // A rebalance is worded from its figures (members, partitions, moved; -1: not known), never
    // from the engine's text.
    QTest::addColumn<qint64>("generation");
    QTest::addColumn<int>("members");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<int>("moved");
    QTest::addColumn<QString>("expected");
    QTest::newRow("members crashed")
        << qint64(3) << 6 << 12 << 2
        << "inventory group shares out 12 partitions among 6 consumers again (generation 3); 2 moved.";
    QTest::newRow("consumers idle") << qint64(2) << 7 << 6 << 6
                                    << "inventory group shares out 6 partitions among 7 consumers again "
                                       "(generation 2); 6 moved; 1 consumer idle.";
    QTest::newRow("several idle, none moved")
        << qint64(4) << 9 << 6 << 0
        << "inventory group shares out 6 partitions among 9 consumers again (generation 4); none moved; 3 "
           "consumers idle.";
    QTest::newRow("first generation: nothing moves, nothing again")
        << qint64(1) << 7 << 6 << 6
        << "inventory group shares out 6 partitions among 7 consumers (generation 1); 1 consumer idle.";
    QTest::newRow("one consumer left")
        << qint64(2) << 1 << 6 << 4
        << "inventory group gives 6 partitions to its one consumer again (generation 2); "
           "4 moved.";
    QTest::newRow("one partition") << qint64(5) << 3 << 1 << 1
                                   << "inventory group shares out its one partition among 3 consumers again "
                                      "(generation 5); 1 moved; 2 consumers idle.";
    QTest::newRow("no consumers left")
        << qint64(3) << 0 << 6 << 0
        << "inventory group has no consumers left: 6 partitions wait unread (generation 3).";
    QTest::newRow("no consumer for its one partition")
        << qint64(3) << 0 << 1 << 0
        << "inventory group has no consumers left: its one partition waits unread (generation 3).";
    QTest::newRow("moved not known") << qint64(2) << 4 << 6 << -1
                                     << "inventory group shares out 6 partitions among 4 consumers again "
                                        "(generation 2).";
    QTest::newRow("figures not known")
        << qint64(3) << -1 << -1 << -1 << "inventory group shares out its partitions again (generation 3).";
    QTest::newRow("nothing known") << qint64(0) << -1 << -1 << -1
                                   << "inventory group shares out its partitions again.";
}

void TestEventLog::rebalanceSentence()
{
    QFETCH(qint64, generation);
    QFETCH(int, members);
    QFETCH(int, partitions);
    QFETCH(int, moved);
    QFETCH(QString, expected);
    app::SimEvent e;
    e.kind = app::SimEventKind::Rebalance;
    e.node = "inventory";
    e.count = generation;
    e.members = members;
    e.partitions = partitions;
    e.moved = moved;
    // The engine's text says otherwise: the sentence must come from the fields.
    e.text = "group inventory generation 9 (range): 2 members on 8 partitions: inventory-0 ← [0,1,2,3]";
    QCOMPARE(EventLogModel::sentence(e), expected);
}

void TestEventLog::rebalanceIsShortWithDetailInTooltip()
{
    // A big group's rebalance lists every member: the row stays one short sentence; the tooltip
    // keeps the detail, one clause a line.
    QStringList members;
    for (int m = 0; m < 12; ++m)
        members << QStringLiteral("inventory-%1 ← [%2]").arg(m).arg(m);
    app::SimEvent e;
    e.t_s = 300;
    e.kind = app::SimEventKind::Rebalance;
    e.architecture = 1;
    e.node = "inventory";
    e.count = 3;
    e.members = 12;
    e.partitions = 12;
    e.moved = 1;
    e.text = "group inventory generation 3 (range): 12 members on 12 partitions: " + members.join("; ");
    EventLogModel model;
    model.setArchitectures({"tight", "decoupled"});
    model.append(e);
    const QString shown = model.index(0, EventLogModel::Text).data().toString();
    QCOMPARE(shown,
             "inventory group shares out 12 partitions among 12 consumers again (generation 3); 1 moved.");
    const QString tip = model.index(0, EventLogModel::Text).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains("inventory-11 ← [11]") && tip.contains(shown), qPrintable(tip));
    QCOMPARE(tip.count('\n'), 1 + 12);
}

void TestEventLog::shippedRebalancesReadInFigures()
{
    // consumer-scaling, live: 6, 3 and 7 fulfillment consumers on 6 partitions; one of each group
    // crashes at t = 1200 and leaves once session.timeout.ms (45 s) has passed. The range assignor
    // gives members, sorted by id, consecutive runs of partitions, so the first member's crash
    // moves 1 partition of 6 members, 3 of 3, and all 6 of 7 (each survivor shifts down one).
    ui::SimulationController c;
    EventLogModel model;
    // Connected first: every group's first generation is reported as the scenario is set.
    connect(&c, &ui::SimulationController::eventOccurred, &model, &EventLogModel::append);
    QVERIFY(c.setScenario(uitest::loadShipped("consumer-scaling")));
    model.setArchitectures(c.architectures());
    c.advanceTo(1300);
    QMap<QString, QStringList> said;
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.event(r).kind == app::SimEventKind::Rebalance)
            said[c.architectures().value(model.event(r).architecture)]
                << model.index(r, EventLogModel::Text).data().toString().remove(QChar(0x200B));
    const QString group = "fulfillment group shares out 6 partitions among ";
    QCOMPARE(said.value("decoupled"), QStringList({group + "6 consumers (generation 1).",
                                                   group + "5 consumers again (generation 2); 1 moved."}));
    QCOMPARE(said.value("decoupled-3"), QStringList({group + "3 consumers (generation 1).",
                                                     group + "2 consumers again (generation 2); 3 moved."}));
    QCOMPARE(said.value("decoupled-7"), QStringList({group + "7 consumers (generation 1); 1 consumer idle.",
                                                     group + "6 consumers again (generation 2); 6 moved."}));
}

void TestEventLog::everyArchitectureLabel()
{
    // An event of every architecture is "both" in a side-by-side pair, "all" when there are more.
    EventLogModel model;
    model.setArchitectures({"tight", "decoupled"});
    QCOMPARE(model.architectureLabel(-1), "both");
    model.setArchitectures({"tight", "decoupled", "decoupled-3", "decoupled-7"});
    QCOMPARE(model.architectureLabel(-1), "all");
    QCOMPARE(model.architectureLabel(2), "Decoupled 3");
}

void TestEventLog::sentenceColumnNotElided_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<double>("fontScale");
    // A log of its own, then its share of the bottom dock area on a 1920 and a 1280 pixel wide
    // window.
    QTest::newRow("undocked") << 700 << 1.0;
    QTest::newRow("1920 wide") << 470 << 1.0;
    QTest::newRow("1280 wide") << 320 << 1.0;
    QTest::newRow("presenter font") << 470 << 1.45;
}

void TestEventLog::sentenceColumnNotElided()
{
    QFETCH(int, width);
    QFETCH(double, fontScale);
    EventLogPanel panel;
    QFont f = panel.font();
    f.setPointSizeF(f.pointSizeF() * fontScale);
    panel.setFont(f);
    panel.model()->setArchitectures({"tight", "decoupled"});
    panel.resize(width, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    app::SimEvent e;
    e.t_s = 600;
    e.kind = app::SimEventKind::FaultStart;
    e.node = "notification";
    e.fault = app::FaultSpec{};
    e.fault->target = "notification";
    panel.model()->append(e);
    e.fault.reset();
    e.architecture = 1;
    e.kind = app::SimEventKind::LeaderChange;
    e.node = "orders";
    e.text = "orders[0]: broker 1 leads (epoch 2)";
    panel.model()->append(e);
    // A Kafka setting's dotted name is wider than a narrow column: it must wrap, not be cut off.
    e.kind = app::SimEventKind::RecordsLost;
    e.count = 1018;
    e.text = "1018 records of orders[5] lost: unclean leader election: out-of-sync broker 1 became "
             "leader (unclean.leader.election.enable)";
    panel.model()->append(e);
    // A real Kafka client's line: its member id is one long word.
    panel.model()->appendClientEvent(640, 1, EventLogModel::ClientEvent::Group,
                                     "Member analytics-consumer-001-2 (client analytics-consumer-001 from "
                                     "simulated) joined group analytics");
    panel.fitRows();
    QTableView *view = panel.view();
    const int em = view->fontMetrics().horizontalAdvance(u'M');
    // The sentence column keeps room to be read (short of it, the architecture column gives way),
    // and every row is as tall as its wrapped text.
    if (!view->isColumnHidden(EventLogModel::Architecture))
        QVERIFY(view->columnWidth(EventLogModel::Text) >= EventLogPanel::minSentenceEms * em);
    else if (width >= 700)
        QVERIFY(fontScale > 1);
    // The room a cell gives its text: the column less the style's text margin on either side
    // (QCommonStyle lays item text out PM_FocusFrameHMargin + 1 from each edge).
    const int textWidth = view->columnWidth(EventLogModel::Text) -
                          2 * (view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1);
    // The kind's cell too: short of room it takes two lines ("Client / group"), never cut.
    const int kindWidth = view->columnWidth(EventLogModel::Kind) -
                          2 * (view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1);
    for (int r = 0; r < panel.visibleRows(); ++r) {
        for (const auto &[column, width] : {std::pair{int(EventLogModel::Text), textWidth},
                                            std::pair{int(EventLogModel::Kind), kindWidth}}) {
            const QModelIndex i = view->model()->index(r, column);
            const QFontMetrics fm(i.data(Qt::FontRole).isValid() ? i.data(Qt::FontRole).value<QFont>()
                                                                 : view->font());
            const QRect need =
                fm.boundingRect(QRect(0, 0, width, 10000), Qt::TextWordWrap, i.data().toString());
            QVERIFY2(need.width() <= width,
                     qPrintable(QStringLiteral("row %1 is cut off: %2").arg(r).arg(i.data().toString())));
            QVERIFY2(view->rowHeight(r) >= need.height(),
                     qPrintable(QStringLiteral("row %1: %2 px, %3 needs %4")
                                    .arg(r)
                                    .arg(view->rowHeight(r))
                                    .arg(i.data().toString())
                                    .arg(need.height())));
        }
    }
    // Short columns hold their longest word unelided, in bold where the model makes it bold; the
    // kind keeps one line while the sentence column has its full room.
    QFont bold = view->font();
    bold.setBold(true);
    QStringList kinds{EventLogModel::clientKindText(EventLogModel::ClientEvent::Connection),
                      EventLogModel::clientKindText(EventLogModel::ClientEvent::Group),
                      EventLogModel::clientKindText(EventLogModel::ClientEvent::ProtocolError)};
    for (int k = 0; app::simEventKindName(app::SimEventKind(k)) != QLatin1String("unknown"); ++k)
        kinds << EventLogModel::kindText(app::SimEventKind(k));
    const bool roomy = view->columnWidth(EventLogModel::Text) >= EventLogPanel::minSentenceEms * em;
    for (const QString &kind : std::as_const(kinds)) {
        for (const QString &word : kind.split(u' '))
            QVERIFY2(kindWidth >= QFontMetrics(bold).horizontalAdvance(word), qPrintable(word));
        if (roomy)
            QVERIFY2(kindWidth >= QFontMetrics(bold).horizontalAdvance(kind), qPrintable(kind));
    }
    if (!view->isColumnHidden(EventLogModel::Architecture))
        QVERIFY(view->columnWidth(EventLogModel::Architecture) >
                view->fontMetrics().horizontalAdvance(panel.model()->architectureLabel(0)));
    // The bold rows use the view's (possibly enlarged) font, not the application default.
    QCOMPARE(view->model()->index(0, EventLogModel::Kind).data(Qt::FontRole).value<QFont>().pointSizeF(),
             view->font().pointSizeF());
}

void TestEventLog::asksItsDockForRoomToRead_data()
{
    QTest::addColumn<double>("fontScale");
    QTest::newRow("normal font") << 1.0;
    QTest::newRow("presenter font") << 1.45;
}

// The width the log asks of its dock when its font grows gives a sentence column of
// minSentenceEms in that font: in presenter mode's large font a sentence is a few lines, not a
// word a line beside the time and kind.
void TestEventLog::asksItsDockForRoomToRead()
{
    QFETCH(double, fontScale);
    EventLogPanel panel;
    const int normalHint = panel.readableWidth();
    QFont f = panel.font();
    f.setPointSizeF(f.pointSizeF() * fontScale);
    panel.setFont(f);
    panel.model()->setArchitectures({"tight", "decoupled"});
    const int em = panel.view()->fontMetrics().horizontalAdvance(u'M');
    const int hint = panel.readableWidth();
    QVERIFY(hint >= EventLogPanel::minSentenceEms * em);
    if (fontScale > 1)
        QVERIFY2(hint >= normalHint * 1.3,
                 qPrintable(QStringLiteral("%1 px, %2 px with the normal font").arg(hint).arg(normalHint)));
    panel.resize(hint, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTableView *view = panel.view();
    QVERIFY2(view->columnWidth(EventLogModel::Text) >= EventLogPanel::minSentenceEms * em,
             qPrintable(QStringLiteral("%1 px for the sentences, %2 px an em")
                            .arg(view->columnWidth(EventLogModel::Text))
                            .arg(em)));
    // The sentence column is the rest of the view, to the pixel: no cell hides under the scroll bar.
    int columns = 0;
    for (int c = 0; c < EventLogModel::ColumnCount; ++c)
        if (!view->isColumnHidden(c))
            columns += view->columnWidth(c);
    QCOMPARE(columns, view->viewport()->width());
}

QTEST_MAIN(TestEventLog)
#include "tst_eventlog.moc"
