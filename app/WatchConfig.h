#pragma once

// What `postoffice watch` (and File ▸ Connect to cluster…) needs to reach a real Kafka cluster:
// the bootstrap servers, the poll interval, group names to watch even when the cluster does not
// list them, and client properties passed through to librdkafka (security.protocol, sasl.*,
// ssl.*, ...), read from a java-properties file (`key=value`, `#` or `!` comments).
//
// Secrets (passwords, sasl.jaas.config, ssl.key.*, tokens, anything "secret") are handed to
// librdkafka and nowhere else: redacted() and describe() show their key names with "***", and
// that is all the run store, logs and stderr ever see.

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace postoffice::app {

class WatchConfig
{
public:
    QString bootstrap;       // bootstrap.servers: HOST:PORT[,HOST:PORT...]
    int intervalMs = 1000;   // time between two polls
    QStringList extraGroups; // groups to watch even when ListGroups does not show them (ACLs)
    std::vector<std::pair<QString, QString>> properties; // client properties in file order

    // Reads a java-properties file into `properties`. nullopt on success, else a message naming
    // the file and line.
    std::optional<QString> loadProperties(const QString &path);
    // nullopt when `bootstrap` is a list of HOST:PORT with ports 1..65535; else what is wrong.
    static std::optional<QString> bootstrapProblem(const QString &bootstrap);

    static bool isSecret(const QString &key);
    // Properties as they may be shown or stored: secrets' values replaced by "***".
    std::vector<std::pair<QString, QString>> redacted() const;
    // "key=value, key=***" for messages.
    QString describe() const;
};

} // namespace postoffice::app
