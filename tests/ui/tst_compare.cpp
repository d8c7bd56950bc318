// Comparing runs: the trainer picks Run ▸ Compare with a Changed Parameter…, asks for the
// decoupled shop with more notification consumers (or acks=1, more workers...), and the charts
// get a third line for it, from 0:00:00, kept in step with the live run — through a rewind and
// the faults injected by hand. The variant's numbers are those of a run of the changed scenario.
#include "LiveRunTestSupport.h"

#include "ChartsPanel.h"
#include "CompareDialog.h"
#include "ComparisonRun.h"
#include "LiveChart.h"
#include "LiveRunBinder.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "ScenarioVariant.h"
#include "Simulation.h"
#include "SimulationController.h"

#include <QComboBox>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace postoffice;
using app::ScenarioVariant;

namespace {

ScenarioVariant moreNotificationConsumers(const app::Scenario &s, int consumers)
{
    for (ScenarioVariant v : ScenarioVariant::candidates(s, QStringLiteral("decoupled")))
        if (v.parameter == ScenarioVariant::Parameter::Consumers && v.node == QLatin1String("notification")) {
            v.value = QString::number(consumers);
            return v;
        }
    QTest::qFail("decoupled has no notification group", __FILE__, __LINE__);
    return {};
}

} // namespace

class TestCompare : public QObject
{
    Q_OBJECT
private slots:
    void variantsOfTheOutage();
    void badVariantsAreRefused();
    void dialogBuildsTheVariant();
    void thirdLineFollowsTheLiveRun();
};

void TestCompare::variantsOfTheOutage()
{
    const app::Scenario s = uitest::loadShipped("notification-outage");
    const auto candidates = ScenarioVariant::candidates(s, QStringLiteral("decoupled"));
    QStringList texts;
    for (const ScenarioVariant &v : candidates)
        texts << v.parameterText() + QStringLiteral(" = ") + v.value;
    QVERIFY2(texts.contains(QStringLiteral("consumers in group notification = 3")),
             qPrintable(texts.join('\n')));
    QVERIFY2(texts.contains(QStringLiteral("acks of the publishes to orders = all")),
             qPrintable(texts.join('\n')));
    QVERIFY2(texts.contains(QStringLiteral("partitions of orders = 6")), qPrintable(texts.join('\n')));
    QVERIFY2(texts.filter(QStringLiteral("workers of notification")).size() == 1,
             qPrintable(texts.join('\n')));

    const ScenarioVariant four = moreNotificationConsumers(s, 4);
    QCOMPARE(four.label(), QStringLiteral("decoupled, 4 consumers in group notification"));
    QString why;
    const std::optional<app::Scenario> changed = four.apply(s, &why);
    QVERIFY2(changed, qPrintable(why));
    QCOMPARE(int(changed->architectures.size()), 1);
    QCOMPARE(changed->architectures.front().name, QStringLiteral("decoupled"));
    QCOMPARE(four.currentValue(*changed), QStringLiteral("4"));
    QCOMPARE(four.currentValue(s), QStringLiteral("3")); // the original is untouched

    // More consumers work the backlog off faster once notification is back (0:20:00): the variant
    // is really run as changed.
    app::Simulation original(s);
    app::Simulation variant(*changed);
    original.runUntil(1500);
    variant.runUntil(1500);
    const auto notificationLag = [](const app::Simulation &sim, int arch) {
        for (const app::GroupState &g : sim.groupStates(arch))
            if (g.group == QLatin1String("notification"))
                return g.lag;
        return qint64(-1);
    };
    const qint64 before = notificationLag(original, int(original.architectures().indexOf("decoupled")));
    const qint64 after = notificationLag(variant, 0);
    QVERIFY2(after >= 0 && after < before, qPrintable(QStringLiteral("%1 vs %2").arg(after).arg(before)));
}

void TestCompare::badVariantsAreRefused()
{
    const app::Scenario s = uitest::loadShipped("notification-outage");
    ScenarioVariant v = moreNotificationConsumers(s, 0);
    QString why;
    QVERIFY(!v.apply(s, &why));
    QVERIFY2(why.contains("1 consumer or more"), qPrintable(why));
    v.value = "3";
    v.architecture = "nowhere";
    QVERIFY(!v.apply(s, &why));
    QVERIFY2(why.contains("nowhere"), qPrintable(why));
    ScenarioVariant acks;
    for (const ScenarioVariant &c : ScenarioVariant::candidates(s, "decoupled"))
        if (c.parameter == ScenarioVariant::Parameter::Acks)
            acks = c;
    acks.value = "2";
    QVERIFY(!acks.apply(s, &why));
    QVERIFY2(why.contains("0, 1 or all"), qPrintable(why));
}

void TestCompare::dialogBuildsTheVariant()
{
    const app::Scenario s = uitest::loadShipped("notification-outage");
    ui::CompareDialog dialog(s);
    dialog.architectureBox()->setCurrentIndex(dialog.architectureBox()->findData("decoupled"));
    const int consumers = dialog.parameterBox()->findText("Consumers in group notification");
    QVERIFY(consumers >= 0);
    dialog.parameterBox()->setCurrentIndex(consumers);
    QVERIFY(dialog.countBox()->isVisibleTo(&dialog));
    QCOMPARE(dialog.countBox()->value(), 6); // twice what it is, to start from
    dialog.countBox()->setValue(5);
    QCOMPARE(dialog.variant(), moreNotificationConsumers(s, 5));

    const int acks = dialog.parameterBox()->findText("Acks of the publishes to orders");
    QVERIFY(acks >= 0);
    dialog.parameterBox()->setCurrentIndex(acks);
    QVERIFY(dialog.acksBox()->isVisibleTo(&dialog));
    QCOMPARE(dialog.variant().value, QStringLiteral("1")); // the other setting than "all"
    QCOMPARE(dialog.variant().parameter, ScenarioVariant::Parameter::Acks);

    // The tight shop publishes nothing and has no groups: workers only.
    dialog.architectureBox()->setCurrentIndex(dialog.architectureBox()->findData("tight"));
    for (int i = 0; i < dialog.parameterBox()->count(); ++i)
        QVERIFY2(dialog.parameterBox()->itemText(i).startsWith("Workers of"),
                 qPrintable(dialog.parameterBox()->itemText(i)));
}

void TestCompare::thirdLineFollowsTheLiveRun()
{
    ui::LiveWindow live;
    QString error = uitest::showLive(live, QStringLiteral("notification-outage"), QSize(1600, 900));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    ui::LiveRunBinder *binder = live.binder();
    ui::SimulationController *c = binder->controller();
    const app::Scenario scenario = c->scenario();
    c->advanceTo(900);
    // A fault by hand at 0:15:00: the variant must get it too.
    app::FaultSpec slow;
    slow.kind = app::FaultKind::Slow;
    slow.target = "inventory";
    slow.factor = 4;
    slow.at_s = c->now();
    c->injectFault(slow);
    c->advanceTo(1500);

    const ScenarioVariant variant = moreNotificationConsumers(scenario, 6);
    QVERIFY2(binder->compareWith(variant, &error), qPrintable(error));
    QCOMPARE(c->now(), 1500.0);
    ui::ChartsPanel *charts = binder->charts();
    QCOMPARE(charts->architectures().size(), 3);
    QCOMPARE(charts->architectures().last(), variant.label());
    QVERIFY(charts->architectureKey()->text().contains("Decoupled, 6 consumers in group notification"));
    ui::LiveChart *lag = charts->chart(ui::ChartsPanel::Lag);
    const int decoupled = int(c->architectures().indexOf("decoupled"));
    // Every line has the whole run so far, the variant's from 0:00:00 too.
    for (int line = 0; line < 3; ++line)
        QVERIFY2(lag->storedPoints(line) >= 1499, qPrintable(QString::number(lag->storedPoints(line))));
    // Drawn on top and thinner, so that where it runs with the live line both show.
    QVERIFY(lag->series(2)->pen().widthF() < lag->series(decoupled)->pen().widthF());
    QCOMPARE(binder->comparison()->now(), 1500.0);

    // Its numbers are those of the changed scenario with the same hand-made fault.
    app::Simulation reference(*variant.apply(scenario));
    reference.runUntil(900);
    reference.injectFault(slow);
    reference.runUntil(1500);
    qint64 lagNow = 0;
    for (const app::GroupState &g : reference.groupStates(0))
        lagNow += g.lag;
    QCOMPARE(qint64(lag->lastValue(2)), lagNow);
    // More consumers: the variant's backlog stays below the live decoupled shop's.
    QVERIFY2(lag->lastValue(2) < lag->lastValue(decoupled),
             qPrintable(QStringLiteral("%1 vs %2").arg(lag->lastValue(2)).arg(lag->lastValue(decoupled))));

    // Play on: it keeps up. Back to 0:12:00: it starts over with the live run.
    c->advanceTo(1600);
    QCOMPARE(binder->comparison()->now(), 1600.0);
    c->seek(720);
    QCOMPARE(binder->comparison()->now(), 720.0);
    charts->flush();
    QVERIFY(lag->storedPoints(2) <= 721 && lag->storedPoints(2) >= 719);

    // Stop comparing: back to two lines, the live history kept.
    binder->stopComparing();
    QCOMPARE(charts->architectures().size(), 2);
    QVERIFY(lag->storedPoints(0) >= 719);
    QVERIFY(!binder->comparison()->isActive());
}

QTEST_MAIN(TestCompare)
#include "tst_compare.moc"
