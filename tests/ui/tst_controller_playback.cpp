// The playback bar and its timeline: typed times parse (or are refused), buttons ask the
// controller and show what it reports back, speeds snap to presets, the timeline lays out the
// scenario's faults and narration and jumps where it is clicked or dragged to, ahead or back.
#include "LiveRunTestSupport.h"

#include "ClockText.h"
#include "PlaybackBar.h"
#include "SimulationController.h"
#include "TimelineStrip.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace postoffice;
using ui::PlaybackBar;
using ui::TimelineStrip;

class TestPlayback : public QObject
{
    Q_OBJECT
private slots:
    void parsesClock_data();
    void parsesClock();
    void formatsClock();
    void buttonsDriveTheController();
    void runUntilRefusesBadInput();
    void speedSnapsToPreset_data();
    void speedSnapsToPreset();
    void timelineShowsFaultsAndSeeks();
};

void TestPlayback::parsesClock_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("seconds");
    QTest::newRow("h:mm:ss") << "1:30:00" << true << 5400.0;
    QTest::newRow("mm:ss") << "10:05" << true << 605.0;
    QTest::newRow("long mm:ss") << "90:00" << true << 5400.0;
    QTest::newRow("seconds") << "600" << true << 600.0;
    QTest::newRow("seconds with s") << "600s" << true << 600.0;
    QTest::newRow("fraction") << "12.5" << true << 12.5;
    QTest::newRow("spaces") << "  0:10:00 " << true << 600.0;
    QTest::newRow("bad seconds") << "10:75" << false << 0.0;
    QTest::newRow("bad minutes with hours") << "1:75:00" << false << 0.0;
    QTest::newRow("words") << "soon" << false << 0.0;
    QTest::newRow("empty") << "" << false << 0.0;
    QTest::newRow("negative") << "-5" << false << 0.0;
}

void TestPlayback::parsesClock()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(double, seconds);
    bool parsed = false;
    const double v = ui::ClockText::parse(text, &parsed);
    QCOMPARE(parsed, ok);
    if (ok)
        QCOMPARE(v, seconds);
}

void TestPlayback::formatsClock()
{
    QCOMPARE(ui::ClockText::format(0), QString("0:00:00"));
    QCOMPARE(ui::ClockText::format(605.9), QString("0:10:05"));
    QCOMPARE(ui::ClockText::format(10800), QString("3:00:00"));
    QCOMPARE(ui::ClockText::format(-3), QString("0:00:00"));
}

void TestPlayback::buttonsDriveTheController()
{
    ui::SimulationController c;
    const app::Scenario s = uitest::loadShipped("baseline");
    QVERIFY(c.setScenario(s));
    PlaybackBar bar;
    bar.setScenario(s, c.duration());
    connect(&bar, &PlaybackBar::playRequested, &c, &ui::SimulationController::play);
    connect(&bar, &PlaybackBar::pauseRequested, &c, &ui::SimulationController::pause);
    connect(&bar, &PlaybackBar::stepRequested, &c, &ui::SimulationController::step);
    connect(&c, &ui::SimulationController::playingChanged, &bar, &PlaybackBar::setPlaying);
    connect(&c, &ui::SimulationController::updated, &bar, &PlaybackBar::setClock);
    auto *play = bar.findChild<QToolButton *>("playButton");
    auto *step = bar.findChild<QToolButton *>("stepButton");
    QVERIFY(play && step);
    QTest::mouseClick(step, Qt::LeftButton);
    QCOMPARE(c.now(), 1.0);
    QCOMPARE(bar.clockText(), QString("0:00:01 / 0:30:00"));
    QCOMPARE(bar.findChild<QLabel *>("simClock")->text(), bar.clockText());
    QTest::mouseClick(play, Qt::LeftButton);
    QVERIFY(c.isPlaying());
    QCOMPARE(play->text(), QString("Pause"));
    QTest::mouseClick(play, Qt::LeftButton);
    QVERIFY(!c.isPlaying());
    QCOMPARE(play->text(), QString("Play"));
}

void TestPlayback::runUntilRefusesBadInput()
{
    PlaybackBar bar;
    bar.setClock(100);
    QSignalSpy until(&bar, &PlaybackBar::runUntilRequested);
    auto *edit = bar.findChild<QLineEdit *>();
    QVERIFY(edit);
    edit->setText("later");
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(until.count(), 0);
    QVERIFY(edit->toolTip().contains("later"));
    edit->setText("0:01:00"); // behind the clock
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(until.count(), 0);
    edit->setText("0:10:00");
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(until.count(), 1);
    QCOMPARE(until.first().first().toDouble(), 600.0);
}

void TestPlayback::speedSnapsToPreset_data()
{
    QTest::addColumn<double>("asked");
    QTest::addColumn<double>("shown");
    QTest::newRow("exact") << 10.0 << 10.0;
    QTest::newRow("between") << 7.0 << 5.0;
    QTest::newRow("slow") << 0.12 << 0.1;
    QTest::newRow("max") << 0.0 << 0.0;
    QTest::newRow("huge") << 1e6 << 3600.0;
}

void TestPlayback::speedSnapsToPreset()
{
    QFETCH(double, asked);
    QFETCH(double, shown);
    PlaybackBar bar;
    bar.setSpeed(asked);
    QCOMPARE(bar.speed(), shown);
}

void TestPlayback::timelineShowsFaultsAndSeeks()
{
    const app::Scenario s = uitest::loadShipped("broker-failure");
    TimelineStrip strip;
    strip.resize(1000, strip.sizeHint().height());
    strip.setTimeline(s.duration_s, s.faults, s.narration);
    strip.setClock(300);
    QCOMPARE(int(strip.faults().size()), 2);
    // The two broker faults overlap (600–1200 and 900–1020): two lanes, so the strip is taller.
    TimelineStrip single;
    single.setTimeline(s.duration_s, {s.faults.front()}, {});
    QVERIFY(strip.sizeHint().height() > single.sizeHint().height());
    // Hovering a fault names it.
    const QString tip = strip.describeAt(QPointF(strip.xForTime(1000), 20));
    QVERIFY2(tip.contains("broker-0") && tip.contains("broker-1"), qPrintable(tip));
    QSignalSpy seek(&strip, &TimelineStrip::seekRequested);
    const double slack = s.duration_s / 500;
    QTest::mouseClick(&strip, Qt::LeftButton, {}, QPoint(int(strip.xForTime(100)), 10));
    QCOMPARE(seek.count(), 1); // behind the clock: the run goes back
    QVERIFY(qAbs(seek.takeFirst().first().toDouble() - 100) < slack);
    QTest::mouseClick(&strip, Qt::LeftButton, {}, QPoint(int(strip.xForTime(900)), 10));
    QCOMPARE(seek.count(), 1);
    QVERIFY(qAbs(seek.takeFirst().first().toDouble() - 900) < slack);

    // A drag shows where it would jump and jumps once, where it is let go.
    QTest::mousePress(&strip, Qt::LeftButton, {}, QPoint(int(strip.xForTime(1200)), 10));
    QMouseEvent move(QEvent::MouseMove, QPointF(strip.xForTime(600), 10),
                     strip.mapToGlobal(QPointF(strip.xForTime(600), 10)), Qt::NoButton, Qt::LeftButton,
                     Qt::NoModifier);
    QApplication::sendEvent(&strip, &move);
    QVERIFY(strip.scrubTime().has_value());
    QVERIFY(qAbs(*strip.scrubTime() - 600) < slack);
    QCOMPARE(seek.count(), 0);
    QTest::mouseRelease(&strip, Qt::LeftButton, {}, QPoint(int(strip.xForTime(450)), 10));
    QCOMPARE(seek.count(), 1);
    QVERIFY(qAbs(seek.takeFirst().first().toDouble() - 450) < slack);
    QVERIFY(!strip.scrubTime().has_value());
}

QTEST_MAIN(TestPlayback)
#include "tst_controller_playback.moc"
