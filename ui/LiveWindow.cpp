#include "LiveWindow.h"

#include "Gui.h"
#include "LiveRunBinder.h"
#include "MainWindow.h"

namespace postoffice::ui {

LiveWindow::LiveWindow() : m_window(std::make_unique<MainWindow>()) {}

LiveWindow::~LiveWindow() = default;

bool LiveWindow::open(const QString &scenarioPathOrName, QString *error)
{
    if (!m_window->openFile(resolveScenario(scenarioPathOrName), error))
        return false;
    if (!m_binder)
        m_binder = std::make_unique<LiveRunBinder>(m_window.get());
    return true;
}

} // namespace postoffice::ui
