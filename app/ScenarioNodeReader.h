#pragma once

// Reads a scenario's `nodes` array, each node with the fields of its kind (a producer's traffic,
// a service's workers and service time, a topic's partitions and config, a broker's id), and
// registers every node with ScenarioReferenceCheck so that edges and faults can name it.
// A node whose kind cannot be read keeps its id but no kind fields: which keys belong to it is
// then unknown, and guessing would only produce wrong messages.

#include "Scenario.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace postoffice::app {

class ScenarioClusterReader;
class ScenarioFieldReader;
struct ScenarioReaderState;

class ScenarioNodeReader
{
public:
    // The state's scenario receives the nodes; its cluster must be read already (brokers bound
    // topics). `config` reads the topics' Kafka config.
    ScenarioNodeReader(ScenarioReaderState &state, ScenarioClusterReader &config)
        : m_state(state), m_config(config)
    {}

    void read(const QJsonArray &nodes, const QString &path);

private:
    // Returns whether the node's kind could be read (then its kind-specific fields were checked).
    bool readNode(const QJsonValue &value, const QString &path, NodeSpec &node);
    void readKindFields(ScenarioFieldReader &f, NodeSpec &node);
    void readTraffic(const QJsonObject &object, const QString &path, TrafficSpec &traffic);
    void readServiceTime(const QJsonObject &object, const QString &path, ServiceTimeSpec &spec);
    void readStock(const QJsonObject &object, const QString &path, StockSpec &stock);

    ScenarioReaderState &m_state;
    ScenarioClusterReader &m_config;
};

} // namespace postoffice::app
