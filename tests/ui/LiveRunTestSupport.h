#pragma once

// Shared by the live-run UI suites: load a shipped scenario by name, list them all, open one in
// the main window as `postoffice gui` does.

#include "LiveWindow.h"
#include "MainWindow.h"
#include "ScenarioLoader.h"

#include <QDir>
#include <QStringList>
#include <QTest>

namespace postoffice::uitest {

inline QString shippedScenarioPath(const QString &name)
{
    return QStringLiteral(POSTOFFICE_SOURCE_DIR "/scenarios/") + name + QStringLiteral(".json");
}

inline QStringList shippedScenarioNames()
{
    QStringList names;
    const QDir dir(QStringLiteral(POSTOFFICE_SOURCE_DIR "/scenarios"));
    for (const QString &file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        if (!file.endsWith(QLatin1String(".schema.json")))
            names << file.chopped(5);
    return names;
}

// Fails the calling test (and returns an empty scenario) when the file does not load.
inline app::Scenario loadShipped(const QString &name)
{
    const app::ScenarioLoader::Result r = app::ScenarioLoader::load(shippedScenarioPath(name));
    if (!r.ok()) {
        QTest::qFail(qPrintable(r.messages().join(QLatin1Char('\n'))), __FILE__, __LINE__);
        return {};
    }
    return *r.scenario;
}

// Opens a shipped scenario in `live` at `size` and shows the window; empty on success, else
// what went wrong.
inline QString showLive(ui::LiveWindow &live, const QString &scenario, QSize size)
{
    QString error;
    if (!live.open(scenario, &error))
        return error;
    live.window()->resize(size);
    live.window()->show();
    if (!QTest::qWaitForWindowExposed(live.window()))
        return QStringLiteral("the window is not shown");
    return {};
}

} // namespace postoffice::uitest
