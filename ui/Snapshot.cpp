#include "Snapshot.h"

#include "ChartsPanel.h"
#include "EventLogPanel.h"
#include "LiveRunBinder.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "MessageAnimator.h"
#include "PresenterMode.h"
#include "ScenarioDocument.h"
#include "SimulationController.h"

#include <QApplication>
#include <QImage>
#include <QPixmap>
#include <QRegularExpression>
#include <QTextStream>

#include <memory>

namespace postoffice::ui {

namespace {

int writeSnapshot(const SnapshotOptions &o)
{
    QTextStream err(stderr);
    LiveWindow live;
    QString error;
    if (!live.open(o.scenario, &error)) {
        err << error << '\n';
        return 2;
    }
    MainWindow &window = *live.window();
    LiveRunBinder &binder = *live.binder();
    if (!binder.controller()->errorString().isEmpty()) {
        err << o.scenario << ": " << binder.controller()->errorString() << '\n';
        return 2;
    }
    // Always the palette asked for, whatever the user's saved setting: snapshots go on slides.
    window.setDarkTheme(o.dark);
    window.resize(o.size);
    window.show();
    if (o.presenter) {
        binder.presenter()->setEnabled(true);
        // Full screen means the offscreen screen's size; the slide wants the size asked for.
        window.setWindowState(Qt::WindowNoState);
        window.resize(o.size);
    }
    QApplication::processEvents();
    window.fitAll();
    SimulationController *controller = binder.controller();
    // Presenter mode pauses once at each narration step that asks for it; a snapshot goes on to S.
    const qsizetype stops = window.currentDocument()->scenario().narration.size();
    for (qsizetype i = 0; i <= stops && (i == 0 || controller->now() < o.at_s); ++i)
        controller->advanceTo(o.at_s);
    // Half a second of animation after the last tick, so messages sit mid-edge, not at the start.
    binder.animator()->advance(MessageAnimator::travelSeconds / 2);
    binder.refreshViews();
    binder.charts()->flush();
    QApplication::processEvents();
    binder.eventLog()->fitRows();
    const QPixmap shot = window.grab();
    QImage image = shot.toImage();
    if (image.size() != o.size) {
        // The window would not shrink to the size asked for (its docks' minimum sizes): say so,
        // since the picture is then squeezed and its text smaller than on such a screen.
        err << "snapshot: the window needs " << shot.width() << "x" << shot.height()
            << "; the picture is scaled to " << o.size.width() << "x" << o.size.height() << '\n';
        image = image.scaled(o.size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    }
    if (!image.save(o.png, "PNG")) {
        err << o.png << ": cannot write the PNG\n";
        return 1;
    }
    return 0;
}

} // namespace

bool parseSnapshotArgs(const QStringList &argsIn, SnapshotOptions *o, QString *error)
{
    QStringList args = argsIn;
    if (!args.isEmpty() && args.first() == QLatin1String("snapshot"))
        args.removeFirst();
    bool haveAt = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--at") || a == QLatin1String("--png") || a == QLatin1String("--size")) {
            if (!hasValue) {
                *error = QStringLiteral("snapshot: %1 needs a value").arg(a);
                return false;
            }
            const QString v = args[++i];
            if (a == QLatin1String("--at")) {
                bool ok = false;
                o->at_s = v.toDouble(&ok);
                if (!ok || o->at_s < 0) {
                    *error =
                        QStringLiteral("snapshot: --at expects simulated seconds >= 0, got \"%1\"").arg(v);
                    return false;
                }
                haveAt = true;
            } else if (a == QLatin1String("--png")) {
                o->png = v;
            } else {
                static const QRegularExpression size(QStringLiteral("^(\\d+)x(\\d+)$"));
                const QRegularExpressionMatch m = size.match(v);
                const int w = m.hasMatch() ? m.captured(1).toInt() : 0;
                const int h = m.hasMatch() ? m.captured(2).toInt() : 0;
                if (w < 320 || h < 240 || w > 7680 || h > 4320) {
                    *error = QStringLiteral(
                                 "snapshot: --size expects WxH between 320x240 and 7680x4320, got \"%1\"")
                                 .arg(v);
                    return false;
                }
                o->size = QSize(w, h);
            }
        } else if (a == QLatin1String("--presenter")) {
            o->presenter = true;
        } else if (a == QLatin1String("--dark")) {
            o->dark = true;
        } else if (a.startsWith(QLatin1String("--"))) {
            *error = QStringLiteral("snapshot: unknown option %1").arg(a);
            return false;
        } else if (o->scenario.isEmpty()) {
            o->scenario = a;
        } else {
            *error = QStringLiteral("snapshot: unexpected argument \"%1\"").arg(a);
            return false;
        }
    }
    if (o->scenario.isEmpty() || !haveAt || o->png.isEmpty()) {
        *error = QStringLiteral("usage: postoffice snapshot SCENARIO --at S --png FILE [--size WxH] "
                                "[--presenter] [--dark]");
        return false;
    }
    return true;
}

int runSnapshot(const QStringList &args)
{
    SnapshotOptions options;
    QString error;
    if (!parseSnapshotArgs(args, &options, &error)) {
        QTextStream(stderr) << error << '\n';
        return 2;
    }
    // Headless by default: a snapshot must work over ssh and in CI.
    std::unique_ptr<QApplication> app;
    if (!QCoreApplication::instance()) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "postoffice";
        static char *argv[] = {name, nullptr};
        app = std::make_unique<QApplication>(argc, argv);
    } else if (!qobject_cast<QApplication *>(QCoreApplication::instance())) {
        QTextStream(stderr) << "snapshot: needs a QApplication, the running one is headless\n";
        return 1;
    }
    return writeSnapshot(options);
}

} // namespace postoffice::ui
