#include "ScenarioFieldReader.h"

#include "JsonPath.h"
#include "ScenarioKeys.h"
#include "ScenarioReaderIssues.h"
#include "ScenarioReaderText.h"

#include <cmath>

namespace postoffice::app {

using Text = ScenarioReaderText;

std::optional<QJsonObject> ScenarioFieldReader::objectAt(ScenarioReaderIssues &issues,
                                                         const QJsonValue &value, const QString &path,
                                                         const QString &what)
{
    if (value.isObject())
        return value.toObject();
    issues.error(path, QStringLiteral("expected ") + what + QStringLiteral(", got ") + Text::describe(value));
    return std::nullopt;
}

QString ScenarioFieldReader::at(const QString &key) const
{
    return JsonPath::member(m_path, key);
}

void ScenarioFieldReader::expected(const QString &key, const QString &what, const QJsonValue &got)
{
    m_issues.error(at(key),
                   QStringLiteral("expected ") + what + QStringLiteral(", got ") + Text::describe(got));
}

std::optional<QJsonValue> ScenarioFieldReader::take(const QString &key, Need need,
                                                    const QString &expectedWhat)
{
    m_used.insert(key);
    auto it = m_object.constFind(key);
    if (it == m_object.constEnd()) {
        if (need == Need::Required)
            m_issues.error(at(key),
                           QStringLiteral("required key is missing (expected ") + expectedWhat + u')');
        return std::nullopt;
    }
    return it.value();
}

std::optional<double> ScenarioFieldReader::number(const QString &key, Need need,
                                                  const ScenarioReaderRules::Number &rule)
{
    const QString text = QString::fromLatin1(rule.text);
    auto v = take(key, need, text);
    if (!v)
        return std::nullopt;
    if (!v->isDouble() || !rule.accepts(v->toDouble())) {
        expected(key, text, *v);
        return std::nullopt;
    }
    return v->toDouble();
}

std::optional<qint64> ScenarioFieldReader::integer(const QString &key, Need need, qint64 min, qint64 max,
                                                   const QString &text)
{
    auto v = take(key, need, text);
    if (!v)
        return std::nullopt;
    const double d = v->toDouble();
    if (!v->isDouble() || !std::isfinite(d) || std::floor(d) != d || d < double(min)) {
        expected(key, text, *v);
        return std::nullopt;
    }
    if (d > double(max)) {
        expected(key, text + QStringLiteral(" no greater than ") + QString::number(max), *v);
        return std::nullopt;
    }
    return qint64(d);
}

std::optional<QString> ScenarioFieldReader::string(const QString &key, Need need, bool allowEmpty)
{
    const QString text = allowEmpty ? QStringLiteral("a string") : QStringLiteral("a non-empty string");
    auto v = take(key, need, text);
    if (!v)
        return std::nullopt;
    if (!v->isString() || (!allowEmpty && v->toString().isEmpty())) {
        expected(key, text, *v);
        return std::nullopt;
    }
    return v->toString();
}

std::optional<QString> ScenarioFieldReader::choice(const QString &key, Need need, const QStringList &choices)
{
    // The list of choices is only spelled out when a message needs it.
    auto v = take(key, need, has(key) ? QString() : Text::oneOf(choices));
    if (!v)
        return std::nullopt;
    if (!v->isString() || !choices.contains(v->toString())) {
        expected(key, Text::oneOf(choices), *v);
        return std::nullopt;
    }
    return v->toString();
}

std::optional<QJsonValue> ScenarioFieldReader::typed(const QString &key, Need need, const QString &what,
                                                     bool (QJsonValue::*is)() const)
{
    auto v = take(key, need, what);
    if (!v)
        return std::nullopt;
    if (!((*v).*is)()) {
        expected(key, what, *v);
        return std::nullopt;
    }
    return v;
}

std::optional<bool> ScenarioFieldReader::boolean(const QString &key, Need need)
{
    if (auto v = typed(key, need, QStringLiteral("true or false"), &QJsonValue::isBool))
        return v->toBool();
    return std::nullopt;
}

std::optional<QJsonObject> ScenarioFieldReader::object(const QString &key, Need need)
{
    if (auto v = typed(key, need, QStringLiteral("an object"), &QJsonValue::isObject))
        return v->toObject();
    return std::nullopt;
}

std::optional<QJsonArray> ScenarioFieldReader::array(const QString &key, Need need)
{
    if (auto v = typed(key, need, QStringLiteral("an array"), &QJsonValue::isArray))
        return v->toArray();
    return std::nullopt;
}

QJsonObject ScenarioFieldReader::leftovers(const QString &family, const QString &kind, const QString &noun)
{
    const QStringList allowed = ScenarioKeys::keys(kind.isEmpty() ? family : family + u'.' + kind);
    const QStringList familyKeys = ScenarioKeys::familyKeys(family);
    QJsonObject extra;
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        const QString &key = it.key();
        if (m_used.contains(key) || allowed.contains(key))
            continue;
        if (familyKeys.contains(key)) {
            QStringList owners;
            for (const QString &context : ScenarioKeys::contexts()) {
                if (context.startsWith(family + u'.') && ScenarioKeys::keys(context).contains(key))
                    owners << context.mid(family.size() + 1);
            }
            m_issues.error(at(key), QStringLiteral("not used by ") + kind + u' ' + noun +
                                        QStringLiteral(", only by ") + owners.join(QStringLiteral(" or ")) +
                                        u' ' + noun);
            continue;
        }
        m_issues.warning(at(key), QStringLiteral("unknown key, kept as is") + Text::suggestion(key, allowed));
        extra.insert(key, it.value());
    }
    return extra;
}

} // namespace postoffice::app
