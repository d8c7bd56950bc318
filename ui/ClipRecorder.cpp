#include "ClipRecorder.h"

#include "ChartsPanel.h"
#include "LiveRunBinder.h"
#include "MessageAnimator.h"
#include "SimulationController.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPixmap>
#include <QProcess>
#include <QStandardPaths>
#include <QWidget>

#include <cmath>

namespace postoffice::ui {

namespace {

QStringList encoderArguments(ClipRecorder::Format format)
{
    switch (format) {
    case ClipRecorder::Format::WebM:
        // Constant quality; the realtime deadline keeps a 2-core machine encoding about as fast
        // as it renders.
        return {"-c:v",     "libvpx-vp9", "-b:v", "0",       "-crf", "34",       "-deadline",
                "realtime", "-cpu-used",  "8",    "-row-mt", "1",    "-pix_fmt", "yuv420p"};
    case ClipRecorder::Format::Mp4:
        // yuv420p and faststart: what presentation software and browsers play.
        return {"-c:v", "libx264",  "-preset", "veryfast",  "-crf",
                "20",   "-pix_fmt", "yuv420p", "-movflags", "+faststart"};
    case ClipRecorder::Format::Gif:
        // One palette for the whole clip, made from it: a GIF has 256 colours.
        return {"-filter_complex",
                "[0:v]split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=bayer", "-loop",
                "0"};
    }
    return {};
}

} // namespace

ClipRecorder::ClipRecorder(QWidget *window, LiveRunBinder *binder, QObject *parent)
    : QObject(parent), m_window(window), m_binder(binder)
{}

bool ClipRecorder::formatFor(const QString &path, Format *format)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("webm"))
        *format = Format::WebM;
    else if (suffix == QLatin1String("mp4"))
        *format = Format::Mp4;
    else if (suffix == QLatin1String("gif"))
        *format = Format::Gif;
    else
        return false;
    return true;
}

int ClipRecorder::frameCount(const Options &o)
{
    if (!(o.speed > 0) || o.fps <= 0 || !(o.to_s > o.from_s))
        return 1;
    return std::max(1, int(std::lround((o.to_s - o.from_s) / o.speed * o.fps)));
}

QString ClipRecorder::ffmpegProgram()
{
    return QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
}

bool ClipRecorder::fail(const QString &why)
{
    m_error = why;
    return false;
}

bool ClipRecorder::record(const Options &o)
{
    m_error.clear();
    m_cancelled = m_cancelRequested = false;
    Format format;
    if (!formatFor(o.path, &format))
        return fail(tr("%1: a clip is a .webm, .mp4 or .gif file").arg(o.path));
    SimulationController *controller = m_binder->controller();
    if (!(o.to_s > o.from_s) || o.from_s < 0 || o.to_s > controller->duration() + 1e-9)
        return fail(tr("%1: the span %2 s – %3 s is not inside the run (0 – %4 s)")
                        .arg(o.path)
                        .arg(o.from_s)
                        .arg(o.to_s)
                        .arg(controller->duration()));
    if (o.fps < 1 || o.fps > 60 || !(o.speed > 0))
        return fail(tr("%1: the frame rate is 1 to 60 frames/s and the speed above 0").arg(o.path));
    const QString ffmpeg = ffmpegProgram();
    if (ffmpeg.isEmpty())
        return fail(
            tr("Cannot record %1: the ffmpeg program is not installed (Debian package ffmpeg)").arg(o.path));

    controller->pause();
    controller->seek(o.from_s);
    const QImage first = m_window->grab().toImage();
    m_frameSize = QSize(first.width() & ~1, first.height() & ~1);
    if (m_frameSize.isEmpty())
        return fail(tr("Cannot record %1: the window has no size").arg(o.path));

    QProcess encoder;
    QStringList args = {
        "-hide_banner", "-loglevel",
        "error",        "-y",
        "-f",           "rawvideo",
        "-pix_fmt",     "bgra",
        "-s",           QStringLiteral("%1x%2").arg(m_frameSize.width()).arg(m_frameSize.height()),
        "-r",           QString::number(o.fps),
        "-i",           "-"};
    args << encoderArguments(format) << QStringLiteral("-r") << QString::number(o.fps) << o.path;
    encoder.start(ffmpeg, args);
    if (!encoder.waitForStarted())
        return fail(tr("Cannot record %1: ffmpeg does not start (%2)").arg(o.path, encoder.errorString()));

    // Narration pauses would stop the clip; the animation is driven frame by frame.
    const bool autoPause = controller->autoPause();
    controller->setAutoPause(false);
    MessageAnimator *animator = m_binder->animator();
    const int frames = frameCount(o);
    bool ok = true;
    for (int k = 0; k < frames && ok; ++k) {
        if (k > 0) {
            controller->advanceTo(std::min(o.to_s, o.from_s + k * o.speed / o.fps));
            animator->advance(1.0 / o.fps);
        }
        m_binder->refreshViews();
        m_binder->charts()->flush();
        QImage frame = m_window->grab().toImage().convertToFormat(QImage::Format_ARGB32);
        if (frame.size() != m_frameSize)
            frame = frame.copy(QRect(QPoint(0, 0), m_frameSize));
        // ARGB32 is B, G, R, A in memory on the little-endian machines Debian runs on.
        const QByteArray bytes(reinterpret_cast<const char *>(frame.constBits()), frame.sizeInBytes());
        if (encoder.write(bytes) != bytes.size() || !encoder.waitForBytesWritten(30000)) {
            ok = fail(tr("Cannot record %1: ffmpeg stopped taking frames (%2)")
                          .arg(o.path, QString::fromLocal8Bit(encoder.readAllStandardError()).trimmed()));
            break;
        }
        emit progress(k + 1, frames);
        QApplication::processEvents(); // a click on Cancel lands here
        if (m_cancelRequested) {
            m_cancelled = true;
            ok = false;
        }
    }
    // Each frame stands for 1 / fps of video: the last one's interval ends at the span's end.
    if (ok)
        controller->advanceTo(o.to_s);
    controller->setAutoPause(autoPause);
    encoder.closeWriteChannel();
    if (!encoder.waitForFinished(120000))
        encoder.kill();
    if (ok && (encoder.exitStatus() != QProcess::NormalExit || encoder.exitCode() != 0))
        ok = fail(tr("Cannot record %1: ffmpeg failed: %2")
                      .arg(o.path, QString::fromLocal8Bit(encoder.readAllStandardError()).trimmed()));
    if (!ok)
        QFile::remove(o.path);
    return ok;
}

} // namespace postoffice::ui
