#include "KafkaTopicAdminHandler.h"

#include "Cluster.h"
#include "CreateTopicsMessages.h"
#include "DeleteTopicsMessages.h"
#include "DescribeConfigsMessages.h"
#include "KafkaConnection.h"
#include "Simulation.h"
#include "WireReader.h"

#include <algorithm>
#include <tuple>

namespace postoffice::app {

using broker::ErrorCode;

namespace {

// Kafka's error for DeleteTopics on a broker with delete.topic.enable=false.
constexpr ErrorCode kTopicDeletionDisabled = ErrorCode(73);

std::string boolText(bool b)
{
    return b ? "true" : "false";
}

} // namespace

KafkaTopicAdminHandler::KafkaTopicAdminHandler(Simulation &simulation, int architecture, Announce announce)
    : m_simulation(simulation), m_architecture(architecture), m_announce(std::move(announce))
{}

broker::Cluster *KafkaTopicAdminHandler::cluster()
{
    return m_simulation.externalCluster(m_architecture);
}

bool KafkaTopicAdminHandler::isValidTopicName(const std::string &name)
{
    // Kafka's Topic.validate: 1-249 characters of [a-zA-Z0-9._-], not "." or "..".
    if (name.empty() || name.size() > 249 || name == "." || name == "..")
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
               c == '_' || c == '-';
    });
}

ErrorCode KafkaTopicAdminHandler::createTopic(
    const std::string &name, std::int32_t partitions, std::int16_t replication,
    const std::vector<std::pair<std::string, std::optional<std::string>>> &configs, bool validateOnly,
    std::string *why)
{
    broker::Cluster *c = cluster();
    if (!isValidTopicName(name)) {
        *why = "topic names are 1-249 characters of a-z, A-Z, 0-9, '.', '_' and '-'";
        return ErrorCode::InvalidTopicException;
    }
    if (c->hasTopic(name)) {
        *why = "topic '" + name + "' already exists";
        return ErrorCode::TopicAlreadyExists;
    }
    broker::TopicConfig config;
    // The scenario's cluster-wide settings are the broker defaults of every topic.
    for (const auto &[key, value] : m_simulation.scenario().cluster.config) {
        broker::TopicConfig probe = config;
        if (probe.set(key.toStdString(), value.toStdString()) == ErrorCode::None)
            config = probe;
    }
    // num.partitions and default.replication.factor: Kafka's defaults (1 and 1).
    config.partitions = partitions < 0 ? 1 : partitions;
    config.replicationFactor = replication < 0 ? std::int16_t(1) : replication;
    for (const auto &[key, value] : configs) {
        if (!value)
            continue; // null: the default
        if (config.set(key, *value, why) != ErrorCode::None)
            return ErrorCode::InvalidConfig;
    }
    if (const ErrorCode e = config.validate(why); e != ErrorCode::None)
        return e;
    if (config.replicationFactor > c->brokerCount()) {
        *why = "replication factor " + std::to_string(config.replicationFactor) + " is larger than the " +
               std::to_string(c->brokerCount()) + " brokers";
        return ErrorCode::InvalidReplicationFactor;
    }
    if (validateOnly)
        return ErrorCode::None;
    const ErrorCode e = c->createTopic(name, config);
    if (e != ErrorCode::None)
        *why = broker::errorName(e);
    m_simulation.externalChangeDone(m_architecture);
    return e;
}

// --- CreateTopics, DeleteTopics, DescribeConfigs -------------------------------------------------

bool KafkaTopicAdminHandler::createTopics(const KafkaRequest &request, std::span<const std::uint8_t> body)
{
    broker::WireReader in(body);
    broker::CreateTopicsRequest req;
    if (!broker::decodeCreateTopicsRequest(in, request.header.apiVersion, req))
        return false;
    broker::CreateTopicsResponse resp;
    for (const broker::CreatableTopic &t : req.topics) {
        broker::CreatableTopicResult &r = resp.topics.emplace_back();
        r.name = t.name;
        std::string why;
        if (!t.assignments.empty()) {
            r.errorCode = ErrorCode::InvalidReplicaAssignment;
            why = "replica assignments are placed by the simulated cluster; give partitions and a "
                  "replication factor instead";
        } else {
            std::vector<std::pair<std::string, std::optional<std::string>>> configs;
            for (const broker::CreatableTopicConfig &cfg : t.configs)
                configs.emplace_back(cfg.name, cfg.value);
            r.errorCode =
                createTopic(t.name, t.numPartitions, t.replicationFactor, configs, req.validateOnly, &why);
        }
        if (r.errorCode != ErrorCode::None)
            r.errorMessage = why;
        else
            m_announce(QStringLiteral("topic %1 created by client %2")
                           .arg(QString::fromStdString(t.name),
                                QString::fromStdString(request.header.clientId.value_or(std::string()))));
    }
    broker::WireWriter w = request.startResponse();
    broker::encodeCreateTopicsResponse(w, request.header.apiVersion, resp);
    request.finishResponse(w);
    return true;
}

bool KafkaTopicAdminHandler::deleteTopics(const KafkaRequest &request, std::span<const std::uint8_t> body)
{
    broker::WireReader in(body);
    broker::DeleteTopicsRequest req;
    if (!broker::decodeDeleteTopicsRequest(in, request.header.apiVersion, req))
        return false;
    // The simulated cluster keeps its topics for the whole run (the scenario's consumers and the
    // run's samples refer to them): the broker answers as one with delete.topic.enable=false.
    broker::Cluster *c = cluster();
    broker::DeleteTopicsResponse resp;
    for (const std::string &name : req.topicNames)
        resp.responses.push_back(
            {name, c->hasTopic(name) ? kTopicDeletionDisabled : ErrorCode::UnknownTopicOrPartition});
    broker::WireWriter w = request.startResponse();
    broker::encodeDeleteTopicsResponse(w, request.header.apiVersion, resp);
    request.finishResponse(w);
    return true;
}

bool KafkaTopicAdminHandler::describeConfigs(const KafkaRequest &request, std::span<const std::uint8_t> body)
{
    broker::WireReader in(body);
    broker::DescribeConfigsRequest req;
    if (!broker::decodeDescribeConfigsRequest(in, request.header.apiVersion, req))
        return false;
    const broker::Cluster *c = m_simulation.cluster(m_architecture);
    broker::DescribeConfigsResponse resp;
    const bool v0 = request.header.apiVersion == 0;
    for (const broker::DescribeConfigsResource &res : req.resources) {
        broker::DescribeConfigsResult &result = resp.results.emplace_back();
        result.resourceType = res.resourceType;
        result.resourceName = res.resourceName;
        std::vector<std::tuple<std::string, std::string, bool, bool>>
            entries; // name, value, default, readOnly
        if (res.resourceType == 2) {
            const broker::TopicConfig *config = c->topicConfig(res.resourceName);
            if (!config) {
                result.errorCode = ErrorCode::UnknownTopicOrPartition;
                result.errorMessage = "no topic '" + res.resourceName + "'";
                continue;
            }
            const broker::TopicConfig d;
            const auto num = [](auto v) { return std::to_string(v); };
            entries = {
                {"cleanup.policy", config->cleanupPolicy(), config->cleanupPolicy() == d.cleanupPolicy(),
                 false},
                {"delete.retention.ms", num(config->deleteRetentionMs),
                 config->deleteRetentionMs == d.deleteRetentionMs, false},
                {"max.message.bytes", num(config->maxMessageBytes),
                 config->maxMessageBytes == d.maxMessageBytes, false},
                {"min.insync.replicas", num(config->minInsyncReplicas),
                 config->minInsyncReplicas == d.minInsyncReplicas, false},
                {"retention.bytes", num(config->retentionBytes), config->retentionBytes == d.retentionBytes,
                 false},
                {"retention.ms", num(config->retentionMs), config->retentionMs == d.retentionMs, false},
                {"segment.bytes", num(config->segmentBytes), config->segmentBytes == d.segmentBytes, false},
                {"segment.ms", num(config->segmentMs), config->segmentMs == d.segmentMs, false},
                {"unclean.leader.election.enable", boolText(config->uncleanLeaderElectionEnable),
                 config->uncleanLeaderElectionEnable == d.uncleanLeaderElectionEnable, false},
            };
        } else if (res.resourceType == 4) {
            bool ok = false;
            const int id = QString::fromStdString(res.resourceName).toInt(&ok);
            if (!ok || id < 0 || id >= c->brokerCount()) {
                result.errorCode = ErrorCode::InvalidRequest;
                result.errorMessage = "no broker '" + res.resourceName + "'";
                continue;
            }
            const broker::ClusterConfig &cc = c->config();
            entries = {
                {"auto.create.topics.enable", boolText(m_autoCreate), m_autoCreate, true},
                {"broker.id", std::to_string(id), false, true},
                {"default.replication.factor", "1", true, true},
                {"delete.topic.enable", "false", false, true},
                {"log.cleaner.enable", boolText(cc.logCleanerEnable), cc.logCleanerEnable, true},
                {"log.retention.check.interval.ms", std::to_string(cc.logRetentionCheckIntervalMs),
                 cc.logRetentionCheckIntervalMs == 300000, true},
                {"num.partitions", "1", true, true},
                {"replica.lag.time.max.ms", std::to_string(cc.replicaLagTimeMaxMs),
                 cc.replicaLagTimeMaxMs == 30000, true},
                {"socket.request.max.bytes", std::to_string(KafkaConnection::kMaxRequestBytes), true, true},
            };
        } else {
            result.errorCode = ErrorCode::InvalidRequest;
            result.errorMessage = "only topic (2) and broker (4) configs are described";
            continue;
        }
        for (const auto &[name, value, isDefault, readOnly] : entries) {
            if (res.configurationKeys &&
                std::find(res.configurationKeys->begin(), res.configurationKeys->end(), name) ==
                    res.configurationKeys->end())
                continue;
            broker::DescribeConfigsEntry e;
            e.name = name;
            e.value = value;
            e.readOnly = readOnly;
            e.isDefault = v0 && isDefault;
            e.configSource =
                std::int8_t(isDefault ? broker::ConfigSource::DefaultConfig
                                      : (res.resourceType == 2 ? broker::ConfigSource::DynamicTopicConfig
                                                               : broker::ConfigSource::StaticBrokerConfig));
            result.configs.push_back(std::move(e));
        }
    }
    broker::WireWriter w = request.startResponse();
    broker::encodeDescribeConfigsResponse(w, request.header.apiVersion, resp);
    request.finishResponse(w);
    return true;
}

} // namespace postoffice::app
