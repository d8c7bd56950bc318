#include "Gui.h"

#include "LiveRunBinder.h"
#include "MainWindow.h"
#include "ScenarioLocator.h"

#include <QApplication>
#include <QIcon>
#include <QTextStream>

namespace postoffice::ui {

QString resolveScenario(const QString &scenarioPathOrName)
{
    return scenarioPathOrName.isEmpty() ? MainWindow::defaultScenario
                                        : app::ScenarioLocator::resolve(scenarioPathOrName);
}

int runGui(int &argc, char **argv, const QString &scenarioPathOrName)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PostOffice"));
    QApplication::setApplicationName(QStringLiteral("PostOffice"));
    QApplication::setApplicationDisplayName(QStringLiteral("PostOffice"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/postoffice.svg")));

    MainWindow window;
    QString error;
    if (!window.openFile(resolveScenario(scenarioPathOrName), &error)) {
        QTextStream(stderr) << error << '\n';
        return 2;
    }
    LiveRunBinder liveRun(&window); // playback, charts, faults, event log and topic browser
    window.show();
    return QApplication::exec();
}

} // namespace postoffice::ui
