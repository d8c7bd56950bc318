#pragma once

// JSONPath text for messages about a scenario file ($.nodes[3].workers), shared by the loader and
// the raw-byte key scan so that both name a place the same way. Dot notation where the key allows
// it, ['...'] otherwise (Kafka config names contain dots).

#include <QString>

namespace postoffice::app {

class JsonPath
{
public:
    static inline const QString Root = QStringLiteral("$");

    static QString member(const QString &path, const QString &key);
    static QString element(const QString &path, qsizetype index);
};

} // namespace postoffice::app
