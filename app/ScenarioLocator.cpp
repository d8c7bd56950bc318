#include "ScenarioLocator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace postoffice::app {

namespace {

const QString kSuffix = QStringLiteral(".json");
const QString kSchemaSuffix = QStringLiteral(".schema.json");

} // namespace

QString ScenarioLocator::shippedPath(const QString &name)
{
    return ShippedFolder + u'/' + name + kSuffix;
}

QStringList ScenarioLocator::shippedNames()
{
    QStringList names;
    for (const QString &file : QDir(ShippedFolder).entryList({u'*' + kSuffix}, QDir::Files, QDir::Name))
        if (!file.endsWith(kSchemaSuffix)) // the format's JSON Schema ships beside them
            names << file.chopped(kSuffix.size());
    return names;
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
