#pragma once

// Writes a Scenario as "postoffice.scenario/1" JSON in its canonical form: the keys that define
// a node, edge or fault are always written; optional keys only when they differ from their
// default (Scenario.h), and only the keys the element's kind uses. Unknown keys kept by the
// loader in `extra` are written back, so loading and saving a file changes nothing but layout.

#include "Scenario.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace postoffice::app {

class ScenarioWriter
{
public:
    static QJsonObject toJson(const Scenario &scenario);
    static QByteArray toBytes(const Scenario &scenario); // indented UTF-8 JSON

    // Atomic (QSaveFile): a failed save leaves the previous file intact.
    static bool save(const Scenario &scenario, const QString &path, QString *errorString = nullptr);
};

} // namespace postoffice::app
