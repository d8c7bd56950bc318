#include "ScenarioLocator.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace postoffice::app {

namespace {

const QString kSuffix = QStringLiteral(".json");
const QString kSchemaSuffix = QStringLiteral(".schema.json");

bool holdsScenarios(const QString &folder)
{
    return !folder.isEmpty() && QFileInfo(folder).isDir() &&
           !QDir(folder).entryList({u'*' + kSuffix}, QDir::Files).isEmpty();
}

QStringList candidateFolders()
{
    QStringList folders;
    if (QCoreApplication::instance())
        folders << QDir::cleanPath(QCoreApplication::applicationDirPath() + u'/' +
                                   ScenarioLocator::InstalledFolder);
#ifdef POSTOFFICE_SOURCE_SCENARIOS
    folders << QStringLiteral(POSTOFFICE_SOURCE_SCENARIOS);
#endif
    folders << ScenarioLocator::BuiltInFolder;
    return folders;
}

} // namespace

QString ScenarioLocator::shippedFolder()
{
    for (const QString &folder : candidateFolders())
        if (holdsScenarios(folder))
            return folder;
    return BuiltInFolder;
}

QString ScenarioLocator::shippedPath(const QString &name)
{
    return shippedFolder() + u'/' + name + kSuffix;
}

QStringList ScenarioLocator::shippedNames()
{
    QStringList names;
    for (const QString &file : QDir(shippedFolder()).entryList({u'*' + kSuffix}, QDir::Files, QDir::Name))
        if (!file.endsWith(kSchemaSuffix)) // the format's JSON Schema ships beside them
            names << file.chopped(kSuffix.size());
    return names;
}

bool ScenarioLocator::isShipped(const QString &path)
{
    if (path.startsWith(u':'))
        return true;
    // Canonical paths are empty for what does not exist: a missing folder matches nothing.
    const QString folder = QFileInfo(QFileInfo(path).absolutePath()).canonicalFilePath();
    const QStringList folders = candidateFolders();
    return !folder.isEmpty() &&
           std::any_of(folders.begin(), folders.end(), [&folder](const QString &shipped) {
               return QFileInfo(shipped).canonicalFilePath() == folder;
           });
}

QString ScenarioLocator::resolve(const QString &pathOrName)
{
    if (QFileInfo(pathOrName).isFile())
        return pathOrName;
    const QString name = pathOrName.endsWith(kSuffix) ? pathOrName.chopped(kSuffix.size()) : pathOrName;
    // A path that does not exist is reported as such, never quietly replaced by a shipped file.
    if (name.isEmpty() || name.contains(u'/') || name.contains(u'\\') ||
        name.endsWith(QStringLiteral(".schema")))
        return pathOrName;
    const QString shipped = shippedPath(name);
    return QFile::exists(shipped) ? shipped : pathOrName;
}

} // namespace postoffice::app
