#include "ScenarioClusterReader.h"

#include "JsonPath.h"
#include "ScenarioFieldReader.h"
#include "ScenarioReaderIssues.h"
#include "ScenarioReaderState.h"
#include "ScenarioReaderText.h"

#include <QStringList>

#include <cmath>

namespace postoffice::app {

using Need = ScenarioFieldReader::Need;
using Rules = ScenarioReaderRules;
using Text = ScenarioReaderText;

void ScenarioClusterReader::read(const QJsonObject &object, const QString &path, ClusterSpec &c)
{
    ScenarioFieldReader f(m_state.issues, object, path);
    // A broken broker count must not make every broker_id and replication_factor wrong too.
    m_state.references.setBrokersKnown(false);
    if (auto v = f.integer(QStringLiteral("brokers"), Need::Optional, 1, Rules::MaxBrokers,
                           QStringLiteral("a positive integer"))) {
        c.brokers = int(*v);
        m_state.references.setBrokersKnown(true);
    } else {
        m_state.references.setBrokersKnown(!f.has(QStringLiteral("brokers")));
    }
    if (auto v = f.number(QStringLiteral("network_latency_ms"), Need::Optional, Rules::NonNegative))
        c.network_latency_ms = *v;
    if (auto v = f.number(QStringLiteral("replica_fetch_delay_ms"), Need::Optional, Rules::NonNegative))
        c.replica_fetch_delay_ms = *v;
    if (auto v = f.number(QStringLiteral("replica_lag_time_max_ms"), Need::Optional, Rules::Positive))
        c.replica_lag_time_max_ms = *v;
    if (auto v = f.object(QStringLiteral("config"), Need::Optional))
        readConfig(*v, f.at(QStringLiteral("config")), ScenarioKeys::clusterConfigKeys(), c.config);
    c.extra = f.leftovers(QStringLiteral("cluster"), QString(), QString());
}

void ScenarioClusterReader::readConfig(const QJsonObject &object, const QString &path,
                                       const std::vector<ScenarioKeys::ConfigKey> &table,
                                       std::map<QString, QString> &out)
{
    QStringList known;
    for (const auto &k : table)
        known << k.name;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString at = JsonPath::member(path, it.key());
        const auto key = ScenarioKeys::configKey(table, it.key());
        if (!key) {
            const QString hint = Text::suggestion(it.key(), known);
            m_state.issues.error(at, QStringLiteral("unknown Kafka config ") + Text::quoted(it.key()) +
                                         (hint.isEmpty() ? QStringLiteral(" (known here: ") +
                                                               known.join(QStringLiteral(", ")) + u')'
                                                         : hint));
            continue;
        }
        const QJsonValue v = it.value();
        switch (key->type) {
        case ScenarioKeys::ConfigType::Integer: {
            const double d = v.toDouble();
            if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d || d < double(key->minimum) ||
                d > double(key->maximum)) {
                m_state.issues.error(at, QStringLiteral("expected an integer from ") +
                                             QString::number(key->minimum) + QStringLiteral(" to ") +
                                             QString::number(key->maximum) + QStringLiteral(", got ") +
                                             Text::describe(v));
                continue;
            }
            out[it.key()] = QString::number(qint64(d));
            break;
        }
        case ScenarioKeys::ConfigType::Boolean:
            if (!v.isBool()) {
                m_state.issues.error(at, QStringLiteral("expected true or false, got ") + Text::describe(v));
                continue;
            }
            out[it.key()] = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
            break;
        case ScenarioKeys::ConfigType::Choice:
            if (!v.isString() || !key->choices.contains(v.toString())) {
                m_state.issues.error(at, QStringLiteral("expected ") + Text::oneOf(key->choices) +
                                             QStringLiteral(", got ") + Text::describe(v));
                continue;
            }
            out[it.key()] = v.toString();
            break;
        }
    }
}

} // namespace postoffice::app
