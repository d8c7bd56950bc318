#pragma once

// Reads a scenario's `architectures`: each one a named list of edges (call, publish, subscribe)
// over the shared nodes, with the fields of its kind (a call's timeout, retries and circuit
// breaker; a publish's acks; a subscribe's consumer group). The nodes must be read first: each
// edge's ends are resolved through ScenarioReferenceCheck and judged by ScenarioArchitectureCheck.

#include "Scenario.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace postoffice::app {

struct ScenarioReaderState;

class ScenarioEdgeReader
{
public:
    explicit ScenarioEdgeReader(ScenarioReaderState &state) : m_state(state) {}

    void readArchitectures(const QJsonObject &object, const QString &path);

private:
    void readEdge(const QJsonValue &value, const QString &path, EdgeSpec &edge);
    void readCircuitBreaker(const QJsonObject &object, const QString &path, CircuitBreakerSpec &spec);

    ScenarioReaderState &m_state;
};

} // namespace postoffice::app
