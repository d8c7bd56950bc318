#pragma once

// Reads a scenario's `faults`: what goes wrong, where and when (a service down, a broker down, a
// network cut between two nodes, a traffic spike...), with the fields of each kind. A fault
// names nodes and an architecture, so the nodes and architectures must be read first; its target
// is judged by ScenarioArchitectureCheck only after the fault's own fields were read, so that a
// broken field is reported before any rule it would have fed.

#include "Scenario.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QString>

namespace postoffice::app {

struct ScenarioReaderState;

class ScenarioFaultReader
{
public:
    explicit ScenarioFaultReader(ScenarioReaderState &state) : m_state(state) {}

    void read(const QJsonArray &faults, const QString &path);

private:
    void readFault(const QJsonValue &value, const QString &path, FaultSpec &fault);

    ScenarioReaderState &m_state;
};

} // namespace postoffice::app
