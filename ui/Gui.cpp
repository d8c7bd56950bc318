#include "Gui.h"

#include "LiveWindow.h"
#include "MainWindow.h"
#include "ScenarioLocator.h"

#include <QApplication>
#include <QIcon>
#include <QTextStream>

namespace postoffice::ui {

QString resolveScenario(const QString &scenarioPathOrName)
{
    return scenarioPathOrName.isEmpty() ? MainWindow::defaultScenario()
                                        : app::ScenarioLocator::resolve(scenarioPathOrName);
}

int runGui(int &argc, char **argv, const QString &scenarioPathOrName)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PostOffice"));
    QApplication::setApplicationName(QStringLiteral("PostOffice"));
    QApplication::setApplicationDisplayName(QStringLiteral("PostOffice"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/postoffice.svg")));
    // Wayland and the task bar match the window to the installed launcher entry by this name.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.postoffice.PostOffice"));

    LiveWindow live;
    QString error;
    if (!live.open(scenarioPathOrName, &error)) {
        QTextStream(stderr) << error << '\n';
        return 2;
    }
    live.window()->show();
    return QApplication::exec();
}

} // namespace postoffice::ui
