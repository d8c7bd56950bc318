#pragma once

// Reads the keys of one JSON object of a scenario with type and range checks, remembering which
// keys it read so that the rest can be reported (a key of another kind) or kept (an unknown key).
// It also knows the object's JSON path, so that every message names the exact place. A reader
// makes one per object it walks; problems go to the file's ScenarioReaderIssues.

#include "ScenarioReaderRules.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace postoffice::app {

class ScenarioReaderIssues;

class ScenarioFieldReader
{
public:
    enum class Need { Optional, Required };

    ScenarioFieldReader(ScenarioReaderIssues &issues, const QJsonObject &object, QString path)
        : m_issues(issues), m_object(object), m_path(std::move(path))
    {}

    // An element (or member) that must be an object, such as one node of `nodes`: reported as
    // "expected <what>, got ..." otherwise.
    static std::optional<QJsonObject> objectAt(ScenarioReaderIssues &issues, const QJsonValue &value,
                                               const QString &path, const QString &what);

    const QString &path() const { return m_path; }
    QString at(const QString &key) const;
    bool has(const QString &key) const { return m_object.contains(key); }

    // The raw value, marked as read; a missing required key is reported with `expected`.
    std::optional<QJsonValue> take(const QString &key, Need need, const QString &expected);
    std::optional<double> number(const QString &key, Need need, const ScenarioReaderRules::Number &rule);
    std::optional<qint64> integer(const QString &key, Need need, qint64 min, qint64 max, const QString &text);
    std::optional<QString> string(const QString &key, Need need, bool allowEmpty = false);
    std::optional<QString> choice(const QString &key, Need need, const QStringList &choices);
    // A choice mapped to the enum whose values are listed in the same order as `names`.
    template<class Enum>
    std::optional<Enum> enumeration(const QString &key, Need need, const QStringList &names)
    {
        if (auto v = choice(key, need, names))
            return static_cast<Enum>(names.indexOf(*v));
        return std::nullopt;
    }
    std::optional<bool> boolean(const QString &key, Need need);
    std::optional<QJsonObject> object(const QString &key, Need need);
    std::optional<QJsonArray> array(const QString &key, Need need);

    // The keys not read: those that another kind of the family uses are errors; unknown ones are
    // warnings and come back to be kept in `extra`. `kind` may be empty for families without
    // kinds; `noun` names the family in messages ("edges", "nodes").
    QJsonObject leftovers(const QString &family, const QString &kind, const QString &noun);

private:
    void expected(const QString &key, const QString &what, const QJsonValue &got);
    // The value when `is` says it has the type `what` names; reported otherwise.
    std::optional<QJsonValue> typed(const QString &key, Need need, const QString &what,
                                    bool (QJsonValue::*is)() const);

    ScenarioReaderIssues &m_issues;
    QJsonObject m_object;
    QString m_path;
    QSet<QString> m_used;
};

} // namespace postoffice::app
