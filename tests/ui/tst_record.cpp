// Recording a clip for slides: File ▸ Record… films the window over a span of simulated time at a
// chosen speed and frame rate, as WebM, MP4 or an animated GIF. Each clip is decoded again with
// ffprobe (an independent reader) and must have exactly the frames and the size asked for.
#include "LiveRunTestSupport.h"

#include "ClipRecorder.h"
#include "LiveRunBinder.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "RecordDialog.h"
#include "SimulationController.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace postoffice;
using ui::ClipRecorder;

namespace {

struct Probe
{
    int frames = -1;
    int width = -1;
    int height = -1;
    QString codec;
};

Probe probe(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("ffprobe"),
            {"-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
             "stream=codec_name,width,height,nb_read_frames", "-of", "default=noprint_wrappers=1", path});
    Probe r;
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return r;
    for (const QString &line : QString::fromUtf8(p.readAllStandardOutput()).split('\n')) {
        const QString value = line.section('=', 1);
        if (line.startsWith("codec_name="))
            r.codec = value;
        else if (line.startsWith("width="))
            r.width = value.toInt();
        else if (line.startsWith("height="))
            r.height = value.toInt();
        else if (line.startsWith("nb_read_frames="))
            r.frames = value.toInt();
    }
    return r;
}

} // namespace

class TestRecord : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void clipHasTheFramesAndSize_data();
    void clipHasTheFramesAndSize();
    void clipBehindTheClockRewinds();
    void refusesWhatItCannotRecord();
    void dialogShowsTheClipItWillMake();

private:
    std::unique_ptr<ui::LiveWindow> m_live;
    QTemporaryDir m_dir;
};

void TestRecord::initTestCase()
{
    QVERIFY2(!ClipRecorder::ffmpegProgram().isEmpty(),
             "ffmpeg is installed by make test (Debian package ffmpeg)");
    QVERIFY(!QStandardPaths::findExecutable("ffprobe").isEmpty());
    QVERIFY(m_dir.isValid());
}

void TestRecord::init()
{
    m_live = std::make_unique<ui::LiveWindow>();
    const QString error = uitest::showLive(*m_live, QStringLiteral("notification-outage"), QSize(1280, 720));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestRecord::cleanup()
{
    m_live.reset();
}

void TestRecord::clipHasTheFramesAndSize_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("codec");
    QTest::newRow("webm") << "outage.webm"
                          << "vp9";
    QTest::newRow("mp4") << "outage.mp4"
                         << "h264";
    QTest::newRow("gif") << "outage.GIF"
                         << "gif";
}

void TestRecord::clipHasTheFramesAndSize()
{
    QFETCH(QString, file);
    QFETCH(QString, codec);
    ui::SimulationController *c = m_live->binder()->controller();
    c->advanceTo(300);
    // 0:09:50 to 0:10:10 at 10× and 12 frames/s: the outage starts in a clip of 2 s, 24 frames.
    ClipRecorder::Options o;
    o.path = m_dir.filePath(file);
    o.from_s = 590;
    o.to_s = 610;
    o.speed = 10;
    o.fps = 12;
    QCOMPARE(ClipRecorder::frameCount(o), 24);
    QString error;
    QVERIFY2(m_live->binder()->recordClip(o, &error), qPrintable(error));
    QCOMPARE(c->now(), 610.0);
    QVERIFY(!c->isPlaying());
    const Probe p = probe(o.path);
    QCOMPARE(p.codec, codec);
    QCOMPARE(p.frames, 24);
    QCOMPARE(QSize(p.width, p.height), m_live->window()->size());
}

void TestRecord::clipBehindTheClockRewinds()
{
    ui::SimulationController *c = m_live->binder()->controller();
    c->advanceTo(1500);
    ClipRecorder::Options o;
    o.path = m_dir.filePath("back.mp4");
    o.from_s = 600;
    o.to_s = 605;
    o.speed = 1;
    o.fps = 2;
    QString error;
    QVERIFY2(m_live->binder()->recordClip(o, &error), qPrintable(error));
    QCOMPARE(c->now(), 605.0);
    QCOMPARE(probe(o.path).frames, 10);
}

void TestRecord::refusesWhatItCannotRecord()
{
    ClipRecorder::Options o;
    o.from_s = 0;
    o.to_s = 10;
    QString error;
    o.path = m_dir.filePath("clip.avi");
    QVERIFY(!m_live->binder()->recordClip(o, &error));
    QVERIFY2(error.contains("clip.avi") && error.contains(".webm"), qPrintable(error));
    o.path = m_dir.filePath("late.webm");
    o.from_s = 10790;
    o.to_s = 10900; // the run ends at 3:00:00
    QVERIFY(!m_live->binder()->recordClip(o, &error));
    QVERIFY2(error.contains("late.webm") && error.contains("10800"), qPrintable(error));
    // A folder that does not exist: ffmpeg's own words, with the file named.
    o.path = m_dir.filePath("no/such/folder/clip.webm");
    o.from_s = 0;
    o.to_s = 2;
    o.fps = 2;
    o.speed = 1;
    QVERIFY(!m_live->binder()->recordClip(o, &error));
    QVERIFY2(error.contains("clip.webm"), qPrintable(error));
    QVERIFY(!QFile::exists(o.path));
}

void TestRecord::dialogShowsTheClipItWillMake()
{
    ui::RecordDialog dialog(m_dir.filePath("slide.webm"), 600, 10800);
    auto *record = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    // From the clock, five minutes at 10×, 25 frames/s: 30 s, 750 frames.
    QCOMPARE(dialog.fromEdit()->text(), QStringLiteral("0:10:00"));
    QCOMPARE(dialog.toEdit()->text(), QStringLiteral("0:15:00"));
    QVERIFY2(dialog.summary()->text().contains("30.0 s (750 frames)"), qPrintable(dialog.summary()->text()));
    QVERIFY(record->isEnabled());
    dialog.fpsBox()->setValue(10);
    QVERIFY2(dialog.summary()->text().contains("30.0 s (300 frames)"), qPrintable(dialog.summary()->text()));
    dialog.pathEdit()->setText(m_dir.filePath("slide.mov"));
    QVERIFY(!record->isEnabled());
    QVERIFY2(dialog.summary()->text().contains(".gif"), qPrintable(dialog.summary()->text()));
    dialog.pathEdit()->setText(m_dir.filePath("slide.gif"));
    dialog.toEdit()->setText("0:05:00");
    QVERIFY(!record->isEnabled());
    QVERIFY2(dialog.summary()->text().contains("end after it starts"), qPrintable(dialog.summary()->text()));
    dialog.toEdit()->setText("3:10:00");
    QVERIFY(!record->isEnabled());
    dialog.toEdit()->setText("0:11:00");
    QVERIFY(record->isEnabled());
    const ClipRecorder::Options o = dialog.options();
    QCOMPARE(o.from_s, 600.0);
    QCOMPARE(o.to_s, 660.0);
    QCOMPARE(o.fps, 10);
    QCOMPARE(o.speed, 10.0);
}

QTEST_MAIN(TestRecord)
#include "tst_record.moc"
