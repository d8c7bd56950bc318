#pragma once

// What QJsonDocument hides about a JSON text: a key written twice in one object (QJsonDocument
// keeps the last value without a word, so a hand-edited scenario with "workers" twice would
// silently run with one of them) and the order in which an object's keys were written (QJsonObject
// sorts them; a scenario's architectures are shown in the order its author listed them).
//
// The scan walks the raw bytes once, after QJsonDocument has accepted them: it only needs to tell
// strings from structure and to decode keys exactly as QJsonDocument does (escapes, \uXXXX with
// surrogate pairs, UTF-8), so it is small and cannot disagree with the real parser about where a
// value starts. On bytes that are not valid JSON it never reads out of bounds and always ends; its
// answer is then meaningless, which is why callers parse with QJsonDocument first.

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace postoffice::app {

class JsonKeyScan
{
public:
    struct Duplicate
    {
        QString path;         // JSONPath of the repeated member, such as $.nodes[1].workers
        QString key;          // the key as decoded
        qsizetype offset = 0; // byte offset of the repeated key's opening quote
        qsizetype first = 0;  // byte offset of its first occurrence in the same object
    };

    static JsonKeyScan scan(const QByteArray &json);

    // In file order; the repeats of one key in one object after the first each count once.
    const std::vector<Duplicate> &duplicates() const { return m_duplicates; }
    // The keys of the object at `objectPath` ("$", "$.architectures") in the order written, each
    // once; empty when there is no such object.
    QStringList keys(const QString &objectPath) const { return m_keys.value(objectPath); }

private:
    std::vector<Duplicate> m_duplicates;
    QHash<QString, QStringList> m_keys;
};

} // namespace postoffice::app
