// Presenter mode: full screen with larger fonts, the scenario's narration as a caption at its
// time, the run pausing where a step says so, and everything restored on leaving.
#include "LiveRunTestSupport.h"

#include "EventLogModel.h"
#include "EventLogPanel.h"
#include "LiveRunBinder.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "NodeItem.h"
#include "PresenterMode.h"
#include "SimulationController.h"

#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QTest>

using namespace postoffice;

class TestPresenter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void captionsAndPausesFollowNarration_data();
    void captionsAndPausesFollowNarration();
    void leavingRestoresTheWindow();
    void sidePanelsStepAsideWhilePresenting();
    void noCaptionsOutsidePresenterMode();
    void cardTextGrowsForTheBackRow();
    void eventLogReadsAcrossTheRoom_data();
    void eventLogReadsAcrossTheRoom();
};

void TestPresenter::initTestCase()
{
    // The real main window remembers recent files and geometry: not in the user's settings.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("PostOfficeTests");
    QCoreApplication::setApplicationName("tst_presenter");
}

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

void TestPresenter::eventLogReadsAcrossTheRoom_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("dark");
    QTest::newRow("1280x720") << QSize(1280, 720) << false;
    QTest::newRow("1280x720 dark") << QSize(1280, 720) << true;
    QTest::newRow("1600x900") << QSize(1600, 900) << false;
    QTest::newRow("1600x900 dark") << QSize(1600, 900) << true;
}

// The event log in the real main window, presenting on a projector: its sentences (a fault, the
// narration, real Kafka clients' lines) are read from the back of the room in a few lines each,
// not a word or a few letters a line beside wide time and kind columns.
void TestPresenter::eventLogReadsAcrossTheRoom()
{
    QFETCH(QSize, size);
    QFETCH(bool, dark);
    ui::LiveWindow live;
    const QString error = uitest::showLive(live, QStringLiteral("notification-outage"), size);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    ui::MainWindow *window = live.window();
    ui::LiveRunBinder *binder = live.binder();
    window->setDarkTheme(dark);
    const qreal normalPt = binder->eventLog()->view()->font().pointSizeF();
    const int normalLogWidth = binder->eventLog()->width();
    binder->presenter()->setEnabled(true);
    window->showNormal(); // the projector's size, not the offscreen screen's
    window->resize(size);
    QTest::qWait(50);
    // Past notification going down at 600 s: presenter mode pauses at each narration step on the way.
    ui::SimulationController *controller = binder->controller();
    for (int stop = 0; stop < 10 && controller->now() < 700; ++stop)
        controller->advanceTo(700);
    QCOMPARE(controller->now(), 700.0);
    // A learner's consumer joins the scenario's analytics group, worded as the server words it.
    ui::EventLogModel *log = binder->eventLog()->model();
    log->appendClientEvent(
        700, 1, ui::EventLogModel::ClientEvent::Connection,
        QStringLiteral("Kafka client “learner” connected from 127.0.0.1:52114 (to broker 1)"));
    log->appendClientEvent(
        700, 1, ui::EventLogModel::ClientEvent::Group,
        QStringLiteral("Member analytics-consumer-001-2 (client analytics-consumer-001 from "
                       "simulated) joined group analytics"));
    log->appendClientEvent(701, 1, ui::EventLogModel::ClientEvent::Group,
                           QStringLiteral("Group analytics is rebalancing (generation 3, 3 members): member "
                                          "learner-6a1f2c joined"));
    QTest::qWait(100); // the dock takes the width the enlarged log asks for
    binder->eventLog()->fitRows();
    if (const QString shot = qEnvironmentVariable("POSTOFFICE_EVENTLOG_SCREENSHOT"); !shot.isEmpty())
        QVERIFY(window->grab().save(QString(shot).replace(
            QStringLiteral(".png"),
            QStringLiteral("-%1x%2%3.png").arg(size.width()).arg(size.height()).arg(dark ? "-dark" : ""))));

    QTableView *view = binder->eventLog()->view();
    QVERIFY(view->font().pointSizeF() > normalPt * 1.3);
    QVERIFY(window->width() <= size.width()); // the docks still fit the projector
    QVERIFY(binder->eventLog()->width() >= binder->eventLog()->readableWidth());
    QVERIFY(binder->eventLog()->width() * 2 <= window->width()); // the charts keep the larger share
    // The sentence column takes most of the log, the time and kind columns what their words need.
    const int sentence = view->columnWidth(ui::EventLogModel::Text);
    QVERIFY2(sentence * 2 >= view->viewport()->width(),
             qPrintable(QStringLiteral("%1 of %2 px").arg(sentence).arg(view->viewport()->width())));
    // Every event, the client lines with their long member ids included, takes four lines at
    // most (the narration, a paragraph, is the caption's to show large).
    const QFontMetrics fm(view->font());
    QVERIFY(binder->eventLog()->visibleRows() >= 6);
    for (int r = 0; r < binder->eventLog()->visibleRows(); ++r)
        if (view->model()->index(r, 0).data(ui::EventLogModel::KindRole).toInt() !=
            int(app::SimEventKind::Narration))
            QVERIFY2(view->rowHeight(r) < 5 * fm.lineSpacing(),
                     qPrintable(QStringLiteral("%1 lines in a %2 px column: %3")
                                    .arg(double(view->rowHeight(r)) / fm.lineSpacing(), 0, 'f', 1)
                                    .arg(sentence)
                                    .arg(binder->eventLog()->visibleText(r, ui::EventLogModel::Text))));

    // Leaving presenter mode, the log gives the charts back (most of) the width it took: as far as
    // its normal-font panel's own minimum allows.
    const int presentingWidth = binder->eventLog()->width();
    binder->presenter()->setEnabled(false);
    QTRY_VERIFY2_WITH_TIMEOUT(binder->eventLog()->width() <=
                                  normalLogWidth + (presentingWidth - normalLogWidth) / 3,
                              qPrintable(QStringLiteral("%1 px, %2 px before presenting, %3 px presenting")
                                             .arg(binder->eventLog()->width())
                                             .arg(normalLogWidth)
                                             .arg(presentingWidth)),
                              2000);
    window->setDarkTheme(false);
}

QTEST_MAIN(TestPresenter)
#include "tst_presenter.moc"
