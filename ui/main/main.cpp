// The executable only wires the libraries: headless commands go to app (QCoreApplication), the
// GUI and snapshots to ui (QApplication). Without a display, plain `postoffice` (what `make run`
// starts) runs the default scenario headless instead of failing to open a window.
#include "Cli.h"

#include "Gui.h"
#include "Snapshot.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

using postoffice::app::Cli;

namespace {

int runHeadless(int &argc, char **argv, const QStringList &arguments)
{
    QCoreApplication app(argc, argv);
    return Cli().exec(arguments);
}

} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const QString command = arguments.value(1);
    // Names the default run database's folder (QStandardPaths::AppDataLocation).
    QCoreApplication::setApplicationName(QStringLiteral("postoffice"));

    if (Cli::isHeadlessCommand(command))
        return runHeadless(argc, argv, arguments);

    if (command.isEmpty() && !Cli::hasDisplay()) {
        std::fprintf(stderr,
                     "postoffice: no display (DISPLAY and WAYLAND_DISPLAY are unset); running the default "
                     "scenario '%s' headless instead.\n",
                     qPrintable(Cli::DefaultScenario));
        return runHeadless(argc, argv, {arguments.value(0), QStringLiteral("run"), Cli::DefaultScenario});
    }

    if (command == QLatin1String("snapshot"))
        return postoffice::ui::runSnapshot(arguments.mid(1)); // renders offscreen: needs no display
    if (command.isEmpty() || command == QLatin1String("gui")) {
        if (!Cli::hasDisplay()) {
            std::fprintf(stderr, "postoffice gui: no display (DISPLAY and WAYLAND_DISPLAY are unset); try "
                                 "'postoffice run SCENARIO'.\n");
            return Cli::Failure;
        }
        return postoffice::ui::runGui(argc, argv, arguments.value(2));
    }
    return runHeadless(argc, argv, arguments); // unknown command: the CLI explains
}
