// The event log: the scheduled fault of a shipped scenario appears with its time, start and end;
// narration is listed; filters narrow the rows; the row cap counts what it drops; every kind of
// event reads as a sentence, and the sentence column is wide and tall enough to be read whole.
#include "LiveRunTestSupport.h"

#include "EventLogModel.h"
#include "EventLogPanel.h"
#include "SimulationController.h"

#include <QHeaderView>
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
    void sentenceColumnNotElided_data();
    void sentenceColumnNotElided();
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
    // The engine's terse fault text is read as a sentence about the shop.
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
    // Texts as the engine writes them (Simulation::emitFault, ArchitectureRun).
    QTest::newRow("fault starts") << int(K::FaultStart) << "notification"
                                  << "fault starts: down notification" << qint64(0)
                                  << "notification goes down: calls to it fail at once";
    QTest::newRow("fault ends") << int(K::FaultEnd) << "inventory"
                                << "fault ends: slow inventory" << qint64(0) << "inventory is fast again.";
    QTest::newRow("fault in one architecture")
        << int(K::FaultStart) << "broker-0"
        << "fault starts: broker_down broker-0 (tight only)" << qint64(0) << "(only in Tight-coupled).";
    QTest::newRow("link cut") << int(K::FaultStart) << "checkout"
                              << "fault starts: network_cut checkout ↔ orders" << qint64(0)
                              << "The network between checkout ↔ orders is cut.";
    QTest::newRow("narration kept as written")
        << int(K::Narration) << ""
        << "Notification is back. tight recovers" << qint64(0) << "Notification is back. tight recovers";
    QTest::newRow("rebalance") << int(K::Rebalance) << "notification"
                               << "group notification rebalanced: generation 2, 1 members on 6 partitions"
                               << qint64(2) << "Group notification rebalanced: generation 2";
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
    const QString shown = model.index(0, EventLogModel::Text).data().toString();
    QCOMPARE(shown, EventLogModel::sentence(e));
    QVERIFY2(shown.contains(expected), qPrintable(shown));
    QCOMPARE(model.index(0, EventLogModel::Kind).data().toString(), EventLogModel::kindText(e.kind));
}

void TestEventLog::sentenceColumnNotElided_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<double>("fontScale");
    // The log's share of the bottom dock area on a 1920 and a 1280 pixel wide window.
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
    e.text = "fault starts: down notification";
    panel.model()->append(e);
    e.architecture = 1;
    e.kind = app::SimEventKind::LeaderChange;
    e.node = "orders";
    e.text = "orders[0]: broker 1 leads (epoch 2)";
    panel.model()->append(e);
    panel.fitRows();
    QTableView *view = panel.view();
    const int em = view->fontMetrics().horizontalAdvance(u'M');
    // The sentence column keeps room to be read (short of it, the architecture column gives way),
    // and every row is as tall as its wrapped text.
    if (view->columnWidth(EventLogModel::Text) < EventLogPanel::minSentenceEms * em - em)
        QVERIFY(view->isColumnHidden(EventLogModel::Architecture));
    else if (width >= 470)
        QVERIFY(!view->isColumnHidden(EventLogModel::Architecture) || fontScale > 1);
    for (int r = 0; r < panel.visibleRows(); ++r) {
        const QModelIndex i = view->model()->index(r, EventLogModel::Text);
        const QFontMetrics fm(i.data(Qt::FontRole).isValid() ? i.data(Qt::FontRole).value<QFont>()
                                                             : view->font());
        const QRect need = fm.boundingRect(QRect(0, 0, view->columnWidth(EventLogModel::Text) - 8, 10000),
                                           Qt::TextWordWrap, i.data().toString());
        QVERIFY2(view->rowHeight(r) >= need.height(),
                 qPrintable(QStringLiteral("row %1: %2 px, text needs %3")
                                .arg(r)
                                .arg(view->rowHeight(r))
                                .arg(need.height())));
    }
    // Short columns hold their longest text unelided, in bold where the model makes it bold.
    QFont bold = view->font();
    bold.setBold(true);
    for (int k = 0; app::simEventKindName(app::SimEventKind(k)) != QLatin1String("unknown"); ++k)
        QVERIFY(view->columnWidth(EventLogModel::Kind) >
                QFontMetrics(bold).horizontalAdvance(EventLogModel::kindText(app::SimEventKind(k))));
    if (!view->isColumnHidden(EventLogModel::Architecture))
        QVERIFY(view->columnWidth(EventLogModel::Architecture) >
                view->fontMetrics().horizontalAdvance(panel.model()->architectureLabel(0)));
    // The bold rows use the view's (possibly enlarged) font, not the application default.
    QCOMPARE(view->model()->index(0, EventLogModel::Kind).data(Qt::FontRole).value<QFont>().pointSizeF(),
             view->font().pointSizeF());
}

QTEST_MAIN(TestEventLog)
#include "tst_eventlog.moc"
