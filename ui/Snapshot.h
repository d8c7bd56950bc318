#pragma once

// `postoffice snapshot SCENARIO --at S --png FILE [--size WxH] [--presenter] [--dark]`: runs the
// scenario headless to simulated time S and renders the whole main window — split view, charts
// filled, docks as a user sees them — to a PNG, for slides and for tests. `--presenter` renders
// presenter mode (large fonts, the latest narration as a caption), `--dark` the dark palette.

#include <QSize>
#include <QString>
#include <QStringList>

namespace postoffice::ui {

struct SnapshotOptions
{
    QString scenario;
    double at_s = 0.0;
    QString png;
    QSize size = QSize(1920, 1080);
    bool presenter = false;
    bool dark = false;
};

// Parses the arguments after "snapshot" (a leading "snapshot" is skipped). On bad input returns
// false with a message naming the argument and what was expected.
bool parseSnapshotArgs(const QStringList &args, SnapshotOptions *options, QString *error);

// Exit code: 0 written, 2 bad input (message on stderr), 1 anything else. Creates an offscreen
// QApplication if none exists.
int runSnapshot(const QStringList &args);

} // namespace postoffice::ui
