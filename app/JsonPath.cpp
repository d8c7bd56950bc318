#include "JsonPath.h"

#include <algorithm>

namespace postoffice::app {

namespace {

bool isIdentifier(const QString &key)
{
    if (key.isEmpty() || key.front().isDigit())
        return false;
    return std::all_of(key.begin(), key.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_';
    });
}

} // namespace

QString JsonPath::member(const QString &path, const QString &key)
{
    if (isIdentifier(key))
        return path + u'.' + key;
    QString escaped = key;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
    return path + QStringLiteral("['") + escaped + QStringLiteral("']");
}

QString JsonPath::element(const QString &path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

} // namespace postoffice::app
