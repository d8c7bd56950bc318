// Presenter mode: full screen with larger fonts, the scenario's narration as a caption at its
// time, the run pausing where a step says so, and everything restored on leaving.
#include "LiveRunTestSupport.h"

#include "NodeItem.h"
#include "PresenterMode.h"
#include "SimulationController.h"

#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QSignalSpy>
#include <QTest>

using namespace postoffice;

class TestPresenter : public QObject
{
    Q_OBJECT
private slots:
    void captionsAndPausesFollowNarration_data();
    void captionsAndPausesFollowNarration();
    void leavingRestoresTheWindow();
    void sidePanelsStepAsideWhilePresenting();
    void noCaptionsOutsidePresenterMode();
    void cardTextGrowsForTheBackRow();
};

void TestPresenter::captionsAndPausesFollowNarration_data()
{
    QTest::addColumn<QString>("scenario");
    for (const QString &n : uitest::shippedScenarioNames())
        QTest::newRow(qPrintable(n)) << n;
}

void TestPresenter::captionsAndPausesFollowNarration()
{
    QFETCH(QString, scenario);
    const app::Scenario s = uitest::loadShipped(scenario);
    QVERIFY(!s.narration.empty());
    // Laid out as the real window: canvases in the middle, charts docked below them.
    QMainWindow window;
    window.setCentralWidget(new QWidget);
    auto *charts = new QDockWidget(QStringLiteral("Charts"));
    charts->setWidget(new QWidget);
    charts->widget()->setMinimumHeight(300);
    window.addDockWidget(Qt::BottomDockWidgetArea, charts);
    window.resize(1280, 800);
    window.show();
    ui::SimulationController c;
    QVERIFY(c.setScenario(s));
    ui::PresenterMode presenter(&window, &c);
    presenter.setEnabled(true);
    QVERIFY(c.autoPause());
    // Walk the narration: at every step the caption shows its text; pausing steps stop the run
    // exactly at their time.
    for (const app::NarrationStep &step : s.narration) {
        // Asked to go well past a pausing step, the run stops exactly at it.
        c.advanceTo(step.pause ? step.at_s + 30 : step.at_s);
        QCOMPARE(c.now(), step.at_s);
        QCOMPARE(presenter.captionText(), step.text);
        QVERIFY(presenter.caption()->isVisible());
        // The caption sits inside the window, in the lower half of the canvases...
        QVERIFY(window.rect().contains(presenter.caption()->geometry()));
        QVERIFY(presenter.caption()->geometry().center().y() >
                window.centralWidget()->geometry().center().y());
        // ...at the foot of the canvases, leaving the charts it talks about visible.
        QVERIFY(!presenter.caption()->geometry().intersects(charts->geometry()));
        QVERIFY(presenter.caption()->geometry().bottom() <= window.centralWidget()->geometry().bottom());
    }
}

void TestPresenter::leavingRestoresTheWindow()
{
    QMainWindow window;
    window.resize(1000, 700);
    window.show();
    const qreal normalPt = window.font().pointSizeF();
    ui::SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("notification-outage")));
    ui::PresenterMode presenter(&window, &c);
    QSignalSpy toggled(&presenter, &ui::PresenterMode::enabledChanged);
    presenter.setEnabled(true);
    QVERIFY(window.isFullScreen());
    QVERIFY(window.font().pointSizeF() > normalPt * 1.3);
    c.advanceTo(10);
    QVERIFY(!presenter.captionText().isEmpty());
    presenter.setEnabled(false);
    QVERIFY(!window.isFullScreen());
    QCOMPARE(window.font().pointSizeF(), normalPt);
    QVERIFY(!c.autoPause());
    QVERIFY(presenter.captionText().isEmpty());
    QCOMPARE(toggled.count(), 2);
}

// The palette, inspector and fault panels make room for the canvases while presenting; the charts
// and the event log below stay. A panel the trainer had closed stays closed afterwards.
void TestPresenter::sidePanelsStepAsideWhilePresenting()
{
    QMainWindow window;
    window.setCentralWidget(new QWidget);
    auto dock = [&window](const QString &title, Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(title, &window);
        d->setWidget(new QWidget);
        window.addDockWidget(area, d);
        return d;
    };
    QDockWidget *palette = dock(QStringLiteral("Palette"), Qt::LeftDockWidgetArea);
    QDockWidget *inspector = dock(QStringLiteral("Inspector"), Qt::RightDockWidgetArea);
    QDockWidget *closed = dock(QStringLiteral("Topic browser"), Qt::RightDockWidgetArea);
    QDockWidget *charts = dock(QStringLiteral("Charts"), Qt::BottomDockWidgetArea);
    closed->hide();
    window.resize(1280, 720);
    window.show();
    ui::SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("notification-outage")));
    ui::PresenterMode presenter(&window, &c);
    const int normalWidth = window.centralWidget()->width();

    presenter.setEnabled(true);
    window.setWindowState(Qt::WindowNoState); // a projector's 1280x720, not the offscreen screen
    window.resize(1280, 720);
    QCoreApplication::processEvents();
    QVERIFY(palette->isHidden());
    QVERIFY(inspector->isHidden());
    QVERIFY(!charts->isHidden());
    QVERIFY2(window.centralWidget()->width() > normalWidth,
             qPrintable(QStringLiteral("%1 <= %2").arg(window.centralWidget()->width()).arg(normalWidth)));

    presenter.setEnabled(false);
    QVERIFY(!palette->isHidden());
    QVERIFY(!inspector->isHidden());
    QVERIFY(closed->isHidden());
    QVERIFY(!charts->isHidden());
}

void TestPresenter::noCaptionsOutsidePresenterMode()
{
    QMainWindow window;
    window.show();
    ui::SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("notification-outage")));
    ui::PresenterMode presenter(&window, &c);
    c.advanceTo(700);
    QCOMPARE(c.now(), 700.0); // no auto-pause either
    QVERIFY(presenter.captionText().isEmpty());
}

void TestPresenter::cardTextGrowsForTheBackRow()
{
    QMainWindow window;
    window.show();
    ui::SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("notification-outage")));
    ui::PresenterMode presenter(&window, &c);
    app::NodeSpec spec;
    spec.id = QStringLiteral("notification");
    ui::NodeItem card(spec);
    const qreal farAway = 0.5; // a wide shop fitted into a projector's canvas
    card.setViewLevelOfDetail(farAway);
    const int normalPx = card.nameLayout(farAway).font.pixelSize();
    const int repaints = card.cardInvalidations();

    presenter.setEnabled(true);
    QVERIFY(ui::NodeItem::minOnScreenPx() >= 15.0);
    card.setViewLevelOfDetail(farAway);           // what the view does when it fits again
    QVERIFY(card.cardInvalidations() > repaints); // same zoom, bigger text: the cached card is redrawn
    const int presenterPx = card.nameLayout(farAway).font.pixelSize();
    // About 16 px asked for; a name as long as "notification" may be set a little tighter to fit.
    QVERIFY2(presenterPx * farAway >= 14.0,
             qPrintable(QStringLiteral("%1 px on screen").arg(presenterPx * farAway)));
    QVERIFY(presenterPx > normalPx);

    presenter.setEnabled(false);
    QCOMPARE(ui::NodeItem::minOnScreenPx(), ui::NodeItem::defaultMinOnScreenPx);
    QCOMPARE(card.nameLayout(farAway).font.pixelSize(), normalPx);
}

QTEST_MAIN(TestPresenter)
#include "tst_presenter.moc"
