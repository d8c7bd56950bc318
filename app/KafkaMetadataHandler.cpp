#include "KafkaMetadataHandler.h"

#include "ApiVersionsMessages.h"
#include "Cluster.h"
#include "FindCoordinatorMessages.h"
#include "InitProducerIdMessages.h"
#include "KafkaServer.h"
#include "KafkaTopicAdminHandler.h"
#include "ListOffsetsMessages.h"
#include "MetadataMessages.h"
#include "Partitioner.h"
#include "Simulation.h"
#include "WireReader.h"

#include <QHostAddress>

#include <algorithm>

namespace postoffice::app {

using broker::ErrorCode;

namespace {

// Kafka's answer to InitProducerId with a transactional.id: transactions are not simulated.
constexpr ErrorCode kTransactionalIdAuthorizationFailed = ErrorCode(53);
// Records read from the log per step while looking for a timestamp.
constexpr std::int32_t kFetchChunk = 2048;

} // namespace

KafkaMetadataHandler::KafkaMetadataHandler(Simulation &simulation, int architecture, KafkaServer &server,
                                           KafkaTopicAdminHandler &topics)
    : m_simulation(simulation), m_architecture(architecture), m_server(server), m_topics(topics)
{}

broker::Cluster *KafkaMetadataHandler::cluster()
{
    return m_simulation.externalCluster(m_architecture);
}

// --- ApiVersions, Metadata, FindCoordinator ------------------------------------------------------

bool KafkaMetadataHandler::apiVersions(const KafkaRequest &request, std::span<const std::uint8_t> body)
{
    broker::WireReader in(body);
    broker::ApiVersionsRequest req;
    if (!broker::decodeApiVersionsRequest(in, request.header.apiVersion, req))
        return false;
    broker::WireWriter w = request.startResponse();
    broker::encodeApiVersionsResponse(w, request.header.apiVersion, broker::supportedApiVersions());
    request.finishResponse(w);
    return true;
}

std::string KafkaMetadataHandler::advertisedHost(const KafkaRequest &request) const
{
    // Listening on every address: advertise the one this client reached us on.
    const QHostAddress a = m_server.address();
    if (a == QHostAddress::Any || a == QHostAddress::AnyIPv4 || a == QHostAddress::AnyIPv6)
        return request.localHost;
    return a.toString().toStdString();
}

std::int32_t KafkaMetadataHandler::coordinatorOf(const std::string &group)
{
    // Groups spread over the live brokers as Kafka spreads __consumer_offsets partitions; the
    // coordinator's state is shared, so a broker failure moves a group without losing it.
    const std::vector<std::int32_t> live = liveBrokers();
    if (live.empty())
        return -1;
    return live[std::size_t(broker::partitionForKey(group, std::int32_t(live.size())))];
}

std::vector<std::int32_t> KafkaMetadataHandler::liveBrokers()
{
    std::vector<std::int32_t> live;
    if (const broker::Cluster *c = m_simulation.cluster(m_architecture))
        for (std::int32_t b = 0; b < c->brokerCount(); ++b)
            if (c->isBrokerUp(b) && m_server.isListening(b))
                live.push_back(b);
    return live;
}

bool KafkaMetadataHandler::metadata(const KafkaRequest &request, std::span<const std::uint8_t> body)
{
    broker::WireReader in(body);
    broker::MetadataRequest req;
    if (!broker::decodeMetadataRequest(in, request.header.apiVersion, req))
        return false;
    broker::Cluster *c = cluster();
    broker::MetadataResponse resp;
    const std::string host = advertisedHost(request);
    const std::vector<std::int32_t> live = liveBrokers();
    for (std::int32_t b : live)
        resp.brokers.push_back({b, host, std::int32_t(m_server.port(b)), std::nullopt});
    resp.clusterId = "postoffice";
    // The lowest live broker plays the controller (KRaft would elect one; nothing here depends on it).
    resp.controllerId = live.empty() ? -1 : live.front();

    std::vector<std::string> names;
    if (req.topics) {
        for (const broker::MetadataRequestTopic &t : *req.topics)
            if (t.name)
                names.push_back(*t.name);
    } else {
        names = c->topicNames();
    }
    // v4+: the client says whether a missing topic may be created (allow.auto.create.topics);
    // before v4 the broker's auto.create.topics.enable alone decides.
    const bool mayCreate =
        m_topics.autoCreateTopics() && (request.header.apiVersion < 4 || req.allowAutoTopicCreation);
    for (const std::string &name : names) {
        broker::MetadataTopic topic;
        topic.name = name;
        if (!c->hasTopic(name)) {
            std::string why;
            if (!KafkaTopicAdminHandler::isValidTopicName(name))
                topic.errorCode = ErrorCode::InvalidTopicException;
            else if (!mayCreate || m_topics.createTopic(name, -1, -1, {}, false, &why) != ErrorCode::None)
                topic.errorCode = ErrorCode::UnknownTopicOrPartition;
        }
        if (topic.errorCode == ErrorCode::None) {
            const std::int32_t count = c->partitionCount(name);
            for (std::int32_t p = 0; p < count; ++p) {
                broker::MetadataPartition part;
                part.partitionIndex = p;
                part.leaderId = c->leader(name, p);
                part.leaderEpoch = c->leaderEpoch(name, p);
                part.replicaNodes = c->replicas(name, p);
                part.isrNodes = c->isr(name, p);
                for (std::int32_t r : part.replicaNodes)
                    if (!c->isBrokerUp(r))
                        part.offlineReplicas.push_back(r);
                if (part.leaderId < 0)
                    part.errorCode = ErrorCode::LeaderNotAvailable;
                topic.partitions.push_back(std::move(part));
            }
        }
        resp.topics.push_back(std::move(topic));
    }
    broker::WireWriter w = request.startResponse();
    broker::encodeMetadataResponse(w, request.header.apiVersion, resp);
    request.finishResponse(w);
    return true;
}

bool KafkaMetadataHandler::findCoordinator(const KafkaRequest &request, std::span<const std::uint8_t> body)
{
    broker::WireReader in(body);
    broker::FindCoordinatorRequest req;
    if (!broker::decodeFindCoordinatorRequest(in, request.header.apiVersion, req))
        return false;
    broker::FindCoordinatorResponse resp;
    const std::vector<std::int32_t> live = liveBrokers();
    if (req.keyType != 0) {
        // Transactions are not simulated: a clear, non-retriable answer.
        resp.errorCode = ErrorCode::InvalidRequest;
        resp.errorMessage = "transactions are not simulated by PostOffice";
    } else if (live.empty()) {
        resp.errorCode = ErrorCode::CoordinatorNotAvailable;
    } else {
        const std::int32_t b = coordinatorOf(req.key);
        resp.nodeId = b;
        resp.host = advertisedHost(request);
        resp.port = m_server.port(b);
    }
    broker::WireWriter w = request.startResponse();
    broker::encodeFindCoordinatorResponse(w, request.header.apiVersion, resp);
    request.finishResponse(w);
    return true;
}

bool KafkaMetadataHandler::initProducerId(const KafkaRequest &request, std::span<const std::uint8_t> body)
{
    broker::WireReader in(body);
    broker::InitProducerIdRequest req;
    if (!broker::decodeInitProducerIdRequest(in, request.header.apiVersion, req))
        return false;
    broker::InitProducerIdResponse resp;
    if (req.transactionalId) {
        resp.errorCode = kTransactionalIdAuthorizationFailed; // transactions are not simulated
    } else {
        resp.producerId = cluster()->initProducerId();
        resp.producerEpoch = 0;
    }
    broker::WireWriter w = request.startResponse();
    broker::encodeInitProducerIdResponse(w, request.header.apiVersion, resp);
    request.finishResponse(w);
    return true;
}

// --- ListOffsets ---------------------------------------------------------------------------------

bool KafkaMetadataHandler::listOffsets(const KafkaRequest &request, std::span<const std::uint8_t> body)
{
    broker::WireReader in(body);
    broker::ListOffsetsRequest req;
    if (!broker::decodeListOffsetsRequest(in, request.header.apiVersion, req))
        return false;
    broker::Cluster *c = cluster();
    broker::ListOffsetsResponse resp;
    for (const broker::ListOffsetsTopic &topic : req.topics) {
        broker::ListOffsetsTopicResponse &tr = resp.topics.emplace_back();
        tr.name = topic.name;
        const std::int32_t count = c->partitionCount(topic.name);
        for (const broker::ListOffsetsPartition &lp : topic.partitions) {
            broker::ListOffsetsPartitionResponse &pr = tr.partitions.emplace_back();
            pr.partitionIndex = lp.partitionIndex;
            if (lp.partitionIndex < 0 || lp.partitionIndex >= count) {
                pr.errorCode = ErrorCode::UnknownTopicOrPartition;
                continue;
            }
            const std::int32_t leader = c->leader(topic.name, lp.partitionIndex);
            if (leader != request.brokerId) {
                pr.errorCode = leader < 0 ? ErrorCode::LeaderNotAvailable : ErrorCode::NotLeaderOrFollower;
                continue;
            }
            pr.leaderEpoch = c->leaderEpoch(topic.name, lp.partitionIndex);
            if (lp.timestamp == -2) { // earliest
                pr.offset = c->logStartOffset(topic.name, lp.partitionIndex);
            } else if (lp.timestamp == -1) { // latest: what a read_uncommitted consumer can see
                pr.offset = c->highWatermark(topic.name, lp.partitionIndex);
            } else if (lp.timestamp < 0) {
                pr.errorCode = ErrorCode::UnsupportedVersion; // -3 (max timestamp) is ListOffsets v7+
                continue;
            } else {
                // The first record at or after the timestamp (Kafka's offsetsForTimes); none: -1.
                const std::int64_t hw = c->highWatermark(topic.name, lp.partitionIndex);
                std::int64_t offset = c->logStartOffset(topic.name, lp.partitionIndex);
                while (offset < hw) {
                    if (c->read(topic.name, lp.partitionIndex, offset, kFetchChunk, m_fetched) !=
                            ErrorCode::None ||
                        m_fetched.records.empty())
                        break;
                    const auto hit = std::find_if(
                        m_fetched.records.begin(), m_fetched.records.end(), [&](const broker::RecordView &r) {
                            return r.offset() < hw && r.timestampMs() >= lp.timestamp;
                        });
                    if (hit != m_fetched.records.end()) {
                        pr.offset = hit->offset();
                        pr.timestamp = hit->timestampMs();
                        break;
                    }
                    offset = m_fetched.records.back().offset() + 1;
                }
                continue;
            }
            pr.timestamp = -1;
        }
    }
    broker::WireWriter w = request.startResponse();
    broker::encodeListOffsetsResponse(w, request.header.apiVersion, resp);
    request.finishResponse(w);
    return true;
}

} // namespace postoffice::app
