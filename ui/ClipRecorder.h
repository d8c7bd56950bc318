#pragma once

// File ▸ Record…: films the main window while the run plays a span of simulated time, and
// writes it as a WebM (VP9), MP4 (H.264) or animated GIF for slides. Frames are made, not
// captured live: the run is brought to the span's start (rewinding if need be), then for every
// frame the simulation advances by speed / fps simulated seconds, the message animation by
// 1 / fps seconds, the views are refreshed and the window is grabbed — so a clip is smooth and
// exactly as long as asked, however slow the machine. Encoding is Debian's `ffmpeg` program,
// fed raw frames on its standard input.

#include <QObject>
#include <QSize>
#include <QString>

class QWidget;

namespace postoffice::ui {

class LiveRunBinder;

class ClipRecorder : public QObject
{
    Q_OBJECT
public:
    enum class Format { WebM, Mp4, Gif };
    struct Options
    {
        QString path;
        double from_s = 0.0; // simulated time of the first frame
        double to_s = 60.0;  // simulated time the clip ends at
        int fps = 25;
        double speed = 10.0; // simulated seconds per second of video
    };

    ClipRecorder(QWidget *window, LiveRunBinder *binder, QObject *parent = nullptr);

    // The format a file name asks for (.webm, .mp4, .gif, any case); false if none.
    static bool formatFor(const QString &path, Format *format);
    // Frames a clip of these options has: (to − from) / speed × fps, rounded, at least 1.
    static int frameCount(const Options &options);
    // The ffmpeg program, or empty when it is not installed.
    static QString ffmpegProgram();

    // Records the clip; the run is left paused at its end. False with errorString() naming the
    // file and the problem (or a cancel, see wasCancelled()); a partial file is removed.
    bool record(const Options &options);
    QString errorString() const { return m_error; }
    bool wasCancelled() const { return m_cancelled; }
    // Size of the frames written (the window's, rounded down to even numbers for the codecs).
    QSize frameSize() const { return m_frameSize; }

public slots:
    void cancel() { m_cancelRequested = true; }

signals:
    void progress(int frame, int frames);

private:
    bool fail(const QString &why);

    QWidget *m_window;
    LiveRunBinder *m_binder;
    QString m_error;
    QSize m_frameSize;
    bool m_cancelRequested = false;
    bool m_cancelled = false;
};

} // namespace postoffice::ui
