#pragma once

// Reads the Kafka side of a scenario: the `cluster` object and the Kafka config maps that the
// cluster and each topic carry. A config map is checked against ScenarioKeys' table of the
// settings PostOffice implements, so a setting it would silently ignore is an error instead.

#include "Scenario.h"
#include "ScenarioKeys.h"

#include <QJsonObject>
#include <QString>

#include <map>
#include <vector>

namespace postoffice::app {

struct ScenarioReaderState;

class ScenarioClusterReader
{
public:
    explicit ScenarioClusterReader(ScenarioReaderState &state) : m_state(state) {}

    void read(const QJsonObject &object, const QString &path, ClusterSpec &cluster);
    // Each setting of `object` against `table`, into `out` as text ("all", "2", "true").
    void readConfig(const QJsonObject &object, const QString &path,
                    const std::vector<ScenarioKeys::ConfigKey> &table, std::map<QString, QString> &out);

private:
    ScenarioReaderState &m_state;
};

} // namespace postoffice::app
