#pragma once

// The vocabulary of the scenario format in one place: which keys each JSON object accepts (per
// kind, so that a key of the wrong kind is reported rather than ignored), the lower-case names of
// the enums, and the Kafka config names a topic or the cluster accepts. The loader, the writer
// and the schema test all read these tables, so the three cannot drift apart.

#include "Scenario.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace postoffice::app {

class ScenarioKeys
{
public:
    // A context is "family" or "family.kind", e.g. "root", "node.service", "edge.call",
    // "traffic.ramp", "fault.slow", "config.topic". keys() of a context with a kind includes the
    // keys common to the family.
    static const QStringList &contexts();
    static QStringList keys(const QString &context);
    static QStringList familyKeys(const QString &family); // union over every kind of the family

    // Enum names, indexed by the enum's value.
    static const QStringList &nodeKinds();
    static const QStringList &edgeKinds();
    static const QStringList &trafficPatterns();
    static const QStringList &serviceTimeDists();
    static const QStringList &streamOperations();
    static const QStringList &faultKinds();

    static const QStringList &acksValues();
    static const QStringList &assignors();
    static const QStringList &offsetResets();
    static const QStringList &triggers();

    template<class Enum> static QString name(Enum value, const QStringList &names)
    {
        return names.value(static_cast<int>(value));
    }

    // Kafka config entries a topic ("config.topic") or the cluster ("config.cluster") accepts, as
    // the broker core implements them (broker/TopicConfig). The cluster's entries are defaults for
    // every topic and use the same topic-level names. Values are stored as text in the Scenario
    // and typed in the file.
    enum class ConfigType { Integer, Boolean, Choice };
    struct ConfigKey
    {
        QString name;
        ConfigType type = ConfigType::Integer;
        qint64 minimum = 0;               // Integer
        qint64 maximum = qint64(1) << 53; // Integer: beyond this a JSON number is not exact
        QStringList choices;              // Choice
    };
    static const std::vector<ConfigKey> &topicConfigKeys();
    static const std::vector<ConfigKey> &clusterConfigKeys();
    static std::optional<ConfigKey> configKey(const std::vector<ConfigKey> &table, const QString &name);

private:
    static QStringList computeKeys(const QString &context);
};

} // namespace postoffice::app
