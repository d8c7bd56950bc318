#include "KafkaRequestRouter.h"

#include "ApiVersionsMessages.h"
#include "Cluster.h"
#include "CreateTopicsMessages.h"
#include "DeleteTopicsMessages.h"
#include "DescribeConfigsMessages.h"
#include "FindCoordinatorMessages.h"
#include "InitProducerIdMessages.h"
#include "KafkaApi.h"
#include "KafkaConnection.h"
#include "KafkaServer.h"
#include "ListGroupsMessages.h"
#include "ListOffsetsMessages.h"
#include "MetadataMessages.h"
#include "Partitioner.h"
#include "ProduceMessages.h"
#include "Simulation.h"
#include "WireGroupCoordinator.h"
#include "WireReader.h"

#include <QHostAddress>

#include <algorithm>
#include <cmath>

namespace postoffice::app {

using broker::ApiKey;
using broker::ErrorCode;

namespace {

// Kafka error codes clients know that the broker core has no use for.
constexpr ErrorCode kTransactionalIdAuthorizationFailed = ErrorCode(53);
constexpr ErrorCode kTopicDeletionDisabled = ErrorCode(73);
constexpr ErrorCode kFetchSessionIdNotFound = ErrorCode(70);

// What one record adds to a batch beyond its key, value and headers (length, attributes, deltas,
// varint sizes): used to keep a Fetch response within max.bytes without encoding twice.
constexpr std::size_t kRecordOverhead = 24;
constexpr std::size_t kBatchOverhead = 61;
// Records read from the log per step while filling a Fetch response.
constexpr std::int32_t kFetchChunk = 2048;

bool isGroupApi(std::int16_t key)
{
    switch (ApiKey(key)) {
    case ApiKey::OffsetCommit:
    case ApiKey::OffsetFetch:
    case ApiKey::JoinGroup:
    case ApiKey::Heartbeat:
    case ApiKey::LeaveGroup:
    case ApiKey::SyncGroup:
    case ApiKey::DescribeGroups:
    case ApiKey::ListGroups:
        return true;
    default:
        return false;
    }
}

QString apiLabel(const broker::RequestHeader &h)
{
    return QStringLiteral("%1 v%2").arg(QString::fromLatin1(broker::apiName(h.apiKey))).arg(h.apiVersion);
}

std::string boolText(bool b)
{
    return b ? "true" : "false";
}

} // namespace

struct KafkaRequestRouter::Request
{
    QPointer<KafkaConnection> connection;
    quint64 slot = 0;
    broker::RequestHeader header;
    std::string clientHost;
    std::string localHost;
    std::int32_t brokerId = -1;
};

struct KafkaRequestRouter::ParkedFetch
{
    Request request;
    broker::FetchRequest fetch;
    qint64 deadlineMs = 0; // wall clock (the client's fetch.wait.max.ms)
};

std::int64_t KafkaRequestRouter::SimulationClock::nowMs() const
{
    return std::int64_t(std::floor(m_simulation.now() * 1000.0 + 1e-6));
}

KafkaRequestRouter::KafkaRequestRouter(Simulation &simulation, int architecture, KafkaServer &server)
    : m_simulation(simulation), m_architecture(architecture), m_server(server), m_clock(simulation),
      m_groups(std::make_unique<broker::WireGroupCoordinator>(m_clock))
{
    m_wall.start();
    m_groups->setListener([this](const broker::WireGroupEvent &e) {
        if (e.kind != broker::WireGroupEvent::Kind::OffsetsCommitted)
            emit groupEvent(QString::fromStdString(e.text));
    });
    // Kafka answers UNKNOWN_TOPIC_OR_PARTITION to a commit for a partition that does not exist.
    m_groups->setCommitValidator([this](const std::string &topic, std::int32_t partition) {
        const broker::Cluster *c = m_simulation.cluster(m_architecture);
        const std::int32_t count = c ? c->partitionCount(topic) : -1;
        return partition >= 0 && partition < count ? ErrorCode::None : ErrorCode::UnknownTopicOrPartition;
    });
}

KafkaRequestRouter::~KafkaRequestRouter() = default;

broker::Cluster *KafkaRequestRouter::cluster()
{
    return m_simulation.externalCluster(m_architecture);
}

broker::WireWriter KafkaRequestRouter::startResponse(const Request &request, std::size_t bodyBytes)
{
    const std::size_t prefix = 4 + broker::responseHeaderSize(request.header);
    broker::WireWriter w(prefix + std::max<std::size_t>(bodyBytes, 252));
    w.buffer().resize(prefix);
    return w;
}

void KafkaRequestRouter::finishResponse(const Request &request, broker::WireWriter &writer)
{
    broker::patchResponseFrame(request.header, writer.buffer());
    if (request.connection)
        request.connection->complete(request.slot, std::move(writer.buffer()));
}

void KafkaRequestRouter::answerBody(const Request &request, const std::vector<std::uint8_t> &body)
{
    if (request.connection)
        request.connection->complete(request.slot, broker::responseFrame(request.header, body));
}

bool KafkaRequestRouter::handle(KafkaConnection &connection, std::span<const std::uint8_t> frame,
                                std::string &clientId, const std::string &clientHost, QString *why)
{
    broker::WireReader in(frame);
    const auto header = broker::readRequestHeader(in);
    if (!header) {
        *why = QStringLiteral("malformed request header: connection closed");
        return false;
    }
    if (header->clientId)
        clientId = *header->clientId;
    const std::span<const std::uint8_t> body = frame.subspan(in.position());
    if (!broker::isSupported(header->apiKey, header->apiVersion)) {
        if (header->apiKey == std::int16_t(ApiKey::ApiVersions)) {
            // KIP-511: a client newer than this broker asks first with its newest version; the v0
            // answer lists what is served, and it retries with one of those.
            Request request{&connection, connection.reserveSlot(), *header, clientHost,
                            {},          connection.brokerId()};
            broker::WireWriter w = startResponse(request);
            broker::encodeApiVersionsUnsupported(w);
            finishResponse(request, w);
            return true;
        }
        const auto range = broker::supportedRange(header->apiKey);
        *why = range ? QStringLiteral("%1 is not served (versions %2-%3 are): connection closed")
                           .arg(apiLabel(*header))
                           .arg(range->minVersion)
                           .arg(range->maxVersion)
                     : QStringLiteral("unknown API key %1: connection closed").arg(header->apiKey);
        return false;
    }
    Request request{&connection, connection.reserveSlot(), *header,
                    clientHost,  connection.localHost(),   connection.brokerId()};

    if (isGroupApi(header->apiKey)) {
        // Kafka: every broker lists only the groups it coordinates, and a client asks them all and
        // puts the answers together; one shared coordinator answering on each port would list a
        // group once per broker. The coordinator answers ListGroups at once, so `this` is alive.
        const bool list = ApiKey(header->apiKey) == ApiKey::ListGroups;
        const bool handled = m_groups->handle(
            header->apiKey, header->apiVersion, body, clientId, clientHost,
            [this, request, list](std::vector<std::uint8_t> responseBody) {
                answerBody(request, list ? groupsCoordinatedBy(request.brokerId, request.header.apiVersion,
                                                               responseBody)
                                         : responseBody);
            });
        if (!handled)
            *why = QStringLiteral("%1 is not served: connection closed").arg(apiLabel(*header));
        return handled;
    }

    bool ok = false;
    switch (ApiKey(header->apiKey)) {
    case ApiKey::ApiVersions:
        ok = apiVersions(request, body);
        break;
    case ApiKey::Metadata:
        ok = metadata(request, body);
        break;
    case ApiKey::Produce:
        ok = produce(request, body);
        break;
    case ApiKey::Fetch:
        ok = fetch(request, body);
        break;
    case ApiKey::ListOffsets:
        ok = listOffsets(request, body);
        break;
    case ApiKey::FindCoordinator:
        ok = findCoordinator(request, body);
        break;
    case ApiKey::InitProducerId:
        ok = initProducerId(request, body);
        break;
    case ApiKey::CreateTopics:
        ok = createTopics(request, body);
        break;
    case ApiKey::DeleteTopics:
        ok = deleteTopics(request, body);
        break;
    case ApiKey::DescribeConfigs:
        ok = describeConfigs(request, body);
        break;
    default:
        *why = QStringLiteral("%1 is not served: connection closed").arg(apiLabel(*header));
        return false;
    }
    if (!ok)
        *why = QStringLiteral("malformed %1 request: connection closed").arg(apiLabel(*header));
    return ok;
}

// --- ApiVersions, Metadata, FindCoordinator ------------------------------------------------------

bool KafkaRequestRouter::apiVersions(const Request &request, std::span<const std::uint8_t> body)
{
    broker::WireReader in(body);
    broker::ApiVersionsRequest req;
    if (!broker::decodeApiVersionsRequest(in, request.header.apiVersion, req))
        return false;
    broker::WireWriter w = startResponse(request);
    broker::encodeApiVersionsResponse(w, request.header.apiVersion, broker::supportedApiVersions());
    finishResponse(request, w);
    return true;
}

std::string KafkaRequestRouter::advertisedHost(const Request &request) const
{
    // Listening on every address: advertise the one this client reached us on.
    const QHostAddress a = m_server.address();
    if (a == QHostAddress::Any || a == QHostAddress::AnyIPv4 || a == QHostAddress::AnyIPv6)
        return request.localHost;
    return a.toString().toStdString();
}

std::int32_t KafkaRequestRouter::coordinatorOf(const std::string &group)
{
    // Groups spread over the live brokers as Kafka spreads __consumer_offsets partitions; the
    // coordinator's state is shared, so a broker failure moves a group without losing it.
    const std::vector<std::int32_t> live = liveBrokers();
    if (live.empty())
        return -1;
    return live[std::size_t(broker::partitionForKey(group, std::int32_t(live.size())))];
}

std::vector<std::uint8_t> KafkaRequestRouter::groupsCoordinatedBy(std::int32_t brokerId, std::int16_t version,
                                                                  const std::vector<std::uint8_t> &body)
{
    broker::WireReader in(body);
    broker::ListGroupsResponse listed;
    if (!broker::decodeListGroupsResponse(in, version, listed))
        return body;
    std::erase_if(listed.groups,
                  [&](const broker::ListedGroup &g) { return coordinatorOf(g.groupId) != brokerId; });
    broker::WireWriter out;
    broker::encodeListGroupsResponse(out, version, listed);
    return std::move(out.buffer());
}

std::vector<std::int32_t> KafkaRequestRouter::liveBrokers()
{
    std::vector<std::int32_t> live;
    if (const broker::Cluster *c = m_simulation.cluster(m_architecture))
        for (std::int32_t b = 0; b < c->brokerCount(); ++b)
            if (c->isBrokerUp(b) && m_server.isListening(b))
                live.push_back(b);
    return live;
}

bool KafkaRequestRouter::isValidTopicName(const std::string &name) const
{
    // Kafka's Topic.validate: 1-249 characters of [a-zA-Z0-9._-], not "." or "..".
    if (name.empty() || name.size() > 249 || name == "." || name == "..")
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
               c == '_' || c == '-';
    });
}

ErrorCode KafkaRequestRouter::createTopic(
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

bool KafkaRequestRouter::metadata(const Request &request, std::span<const std::uint8_t> body)
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
    const bool mayCreate = m_autoCreate && (request.header.apiVersion < 4 || req.allowAutoTopicCreation);
    for (const std::string &name : names) {
        broker::MetadataTopic topic;
        topic.name = name;
        if (!c->hasTopic(name)) {
            std::string why;
            if (!isValidTopicName(name))
                topic.errorCode = ErrorCode::InvalidTopicException;
            else if (!mayCreate || createTopic(name, -1, -1, {}, false, &why) != ErrorCode::None)
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
    broker::WireWriter w = startResponse(request);
    broker::encodeMetadataResponse(w, request.header.apiVersion, resp);
    finishResponse(request, w);
    return true;
}

bool KafkaRequestRouter::findCoordinator(const Request &request, std::span<const std::uint8_t> body)
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
    broker::WireWriter w = startResponse(request);
    broker::encodeFindCoordinatorResponse(w, request.header.apiVersion, resp);
    finishResponse(request, w);
    return true;
}

bool KafkaRequestRouter::initProducerId(const Request &request, std::span<const std::uint8_t> body)
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
    broker::WireWriter w = startResponse(request);
    broker::encodeInitProducerIdResponse(w, request.header.apiVersion, resp);
    finishResponse(request, w);
    return true;
}

// --- Produce -----------------------------------------------------------------------------------

bool KafkaRequestRouter::produce(const Request &request, std::span<const std::uint8_t> body)
{
    broker::WireReader in(body);
    broker::ProduceRequest req;
    if (!broker::decodeProduceRequest(in, request.header.apiVersion, req))
        return false;
    broker::Cluster *c = cluster();

    // Partition responses are filled as the cluster acknowledges; the response goes out when the
    // last one is in (acks=all may wait for the followers).
    struct Pending
    {
        broker::ProduceResponse response;
        std::size_t waiting = 1; // released once every partition was submitted
        Request request;
        bool respond = true;
    };
    auto pending = std::make_shared<Pending>();
    pending->request = request;
    pending->respond = req.acks != 0; // acks=0: Kafka sends no response at all
    const std::int16_t version = request.header.apiVersion;
    // No `this`: a request waiting for acks=all may complete after the server is gone (the GUI stops
    // accepting clients while the run goes on); the connection's QPointer is null then.
    auto finishOne = [pending, version] {
        if (--pending->waiting > 0 || !pending->respond)
            return;
        broker::WireWriter w = startResponse(pending->request);
        broker::encodeProduceResponse(w, version, pending->response);
        finishResponse(pending->request, w);
    };
    if (!pending->respond && request.connection)
        request.connection->complete(request.slot, {});

    const bool acksValid = req.acks == 0 || req.acks == 1 || req.acks == -1;
    pending->response.topics.reserve(req.topics.size());
    const QString clientId = QString::fromStdString(request.header.clientId.value_or(std::string()));
    bool appended = false;
    for (const broker::ProduceTopicData &topic : req.topics) {
        pending->response.topics.push_back({topic.name, {}});
        const std::size_t ti = pending->response.topics.size() - 1;
        pending->response.topics[ti].partitions.resize(topic.partitions.size());
        if (c->hasTopic(topic.name) &&
            m_producersSeen.emplace(request.header.clientId.value_or(std::string()), topic.name).second)
            emit producerSeen(clientId, QString::fromStdString(topic.name));
        for (std::size_t pi = 0; pi < topic.partitions.size(); ++pi) {
            const broker::ProducePartitionData &data = topic.partitions[pi];
            broker::ProducePartitionResponse &out = pending->response.topics[ti].partitions[pi];
            out.index = data.index;
            const auto fail = [&](ErrorCode e, std::string message = {}) {
                out.errorCode = e;
                if (!message.empty())
                    out.errorMessage = std::move(message);
            };
            if (req.transactionalId) {
                fail(kTransactionalIdAuthorizationFailed, "transactions are not simulated by PostOffice");
                continue;
            }
            if (!acksValid) {
                fail(ErrorCode::InvalidRequiredAcks);
                continue;
            }
            const std::int32_t count = c->partitionCount(topic.name);
            if (data.index < 0 || data.index >= count) {
                fail(ErrorCode::UnknownTopicOrPartition);
                continue;
            }
            const std::int32_t leader = c->leader(topic.name, data.index);
            if (leader != request.brokerId) {
                fail(leader < 0 ? ErrorCode::LeaderNotAvailable : ErrorCode::NotLeaderOrFollower);
                continue;
            }
            if (!data.records) {
                fail(ErrorCode::CorruptMessage, "null records");
                continue;
            }
            const ErrorCode decoded =
                broker::decodeRecordBatches(*data.records, m_refs, broker::PartialBatch::Reject);
            if (decoded != ErrorCode::None) {
                fail(decoded);
                continue;
            }
            // Kafka: a v3+ produce carries exactly one record batch per partition.
            if (m_refs.batches.size() != 1) {
                fail(ErrorCode::InvalidRecord, "expected exactly one record batch per partition");
                continue;
            }
            const broker::BatchInfo &batch = m_refs.batches.front();
            if (batch.transactional || batch.control) {
                fail(kTransactionalIdAuthorizationFailed, "transactions are not simulated by PostOffice");
                continue;
            }
            broker::ProduceOptions options;
            options.acks = req.acks == 0 ? broker::Acks::None
                                         : (req.acks == 1 ? broker::Acks::Leader : broker::Acks::All);
            options.timeoutMs = req.timeoutMs;
            options.producerId = batch.producerId;
            options.baseSequence = batch.producerId >= 0 ? batch.baseSequence : -1;
            ++pending->waiting;
            const std::string &topicName = topic.name;
            c->produce(topicName, data.index, m_refs.batchRecords(batch), options,
                       [pending, ti, pi, finishOne, c, topicName](const broker::ProduceResult &r) {
                           broker::ProducePartitionResponse &o = pending->response.topics[ti].partitions[pi];
                           o.errorCode = r.error;
                           o.baseOffset = r.baseOffset;
                           o.logStartOffset = c->logStartOffset(topicName, o.index);
                           finishOne();
                       });
            appended = true;
        }
    }
    finishOne(); // every partition submitted
    if (appended) {
        m_simulation.externalChangeDone(m_architecture);
        serviceParked(false);
    }
    return true;
}

// --- Fetch -------------------------------------------------------------------------------------

std::size_t KafkaRequestRouter::readFetch(const Request &request, const broker::FetchRequest &fetch,
                                          broker::FetchResponse &out, bool *anyError)
{
    broker::Cluster *c = cluster();
    std::size_t total = 0;
    const std::size_t maxBytes = std::size_t(std::max(0, fetch.maxBytes));
    out.topics.clear();
    out.topics.reserve(fetch.topics.size());
    for (const broker::FetchTopic &topic : fetch.topics) {
        broker::FetchTopicResponse &tr = out.topics.emplace_back();
        tr.topic = topic.topic;
        tr.partitions.reserve(topic.partitions.size());
        const std::int32_t count = c->partitionCount(topic.topic);
        for (const broker::FetchPartition &fp : topic.partitions) {
            broker::FetchPartitionData &pd = tr.partitions.emplace_back();
            pd.partitionIndex = fp.partition;
            // No records is an empty records field, never a null one: Kafka sends empty
            // MemoryRecords, and librdkafka refuses a size of -1.
            pd.records.emplace();
            if (fp.partition < 0 || fp.partition >= count) {
                pd.errorCode = ErrorCode::UnknownTopicOrPartition;
                *anyError = true;
                continue;
            }
            const broker::PartitionHandle handle = c->partitionHandle(topic.topic, fp.partition);
            const std::int32_t leader = c->leader(handle);
            if (leader != request.brokerId) {
                pd.errorCode = leader < 0 ? ErrorCode::LeaderNotAvailable : ErrorCode::NotLeaderOrFollower;
                *anyError = true;
                continue;
            }
            const std::int32_t epoch = c->leaderEpoch(topic.topic, fp.partition);
            if (fp.currentLeaderEpoch >= 0 && fp.currentLeaderEpoch != epoch) {
                // KIP-320: a client that knows an older leader must refresh its metadata first.
                pd.errorCode = fp.currentLeaderEpoch < epoch ? ErrorCode::FencedLeaderEpoch
                                                             : ErrorCode::UnknownLeaderEpoch;
                *anyError = true;
                continue;
            }
            pd.highWatermark = c->highWatermark(handle);
            pd.lastStableOffset = pd.highWatermark; // no transactions: everything below HW is stable
            pd.logStartOffset = c->logStartOffset(handle);
            if (fp.fetchOffset < pd.logStartOffset || fp.fetchOffset > pd.highWatermark) {
                pd.errorCode = ErrorCode::OffsetOutOfRange;
                *anyError = true;
                continue;
            }
            if (fp.fetchOffset == pd.highWatermark || total >= maxBytes)
                continue;
            // KIP-74: a partition's first record is returned even over the limits, if the response
            // holds nothing yet, so that a record larger than the limits can never stall a consumer.
            const std::size_t partitionLimit = std::size_t(std::max(0, fp.partitionMaxBytes));
            broker::WireWriter records;
            // Room for what this partition will return, at once: the batches are appended without
            // the buffer moving. The first record's size stands for the others.
            if (c->fetch(handle, fp.fetchOffset, 1, m_fetched) == ErrorCode::None &&
                !m_fetched.records.empty()) {
                const std::size_t each = m_fetched.records.front().sizeInBytes() + kRecordOverhead;
                const std::size_t available =
                    std::size_t(pd.highWatermark - fp.fetchOffset) * each + kBatchOverhead;
                records.buffer().reserve(
                    std::min({available, partitionLimit + each + kBatchOverhead,
                              maxBytes - total + each + kBatchOverhead, std::size_t(64) << 20}));
            }
            std::size_t partitionBytes = 0;
            std::int64_t offset = fp.fetchOffset;
            bool full = false;
            while (!full && offset < pd.highWatermark) {
                if (c->fetch(handle, offset, kFetchChunk, m_fetched) != ErrorCode::None ||
                    m_fetched.records.empty())
                    break;
                // The batch is the first `count` records read, encoded straight from the log.
                std::size_t count = 0;
                std::size_t runBytes = kBatchOverhead;
                for (const broker::RecordView &r : m_fetched.records) {
                    const std::size_t size = r.sizeInBytes() + kRecordOverhead;
                    const bool first = total == 0 && partitionBytes == 0 && count == 0;
                    if (!first && (partitionBytes + runBytes + size > partitionLimit ||
                                   total + partitionBytes + runBytes + size > maxBytes)) {
                        full = true;
                        break;
                    }
                    ++count;
                    runBytes += size;
                }
                if (count == 0)
                    break;
                const std::span<const broker::RecordView> run(m_fetched.records.data(), count);
                const std::size_t before = records.size();
                broker::encodeRecordBatch(records, run.front().offset(), run);
                partitionBytes += records.size() - before;
                offset = run.back().offset() + 1;
            }
            total += records.size();
            pd.records = std::move(records.buffer());
        }
    }
    return total;
}

namespace {
// An upper bound of a Fetch response body's size: its record bytes plus every field around them
// (at most 84 bytes per partition, 8 per topic besides its name, 16 for the response's own).
// The frame is then allocated once; growing it by doubling copied megabytes of records again.
std::size_t fetchBodyBound(const broker::FetchResponse &response)
{
    std::size_t bytes = 16;
    for (const broker::FetchTopicResponse &t : response.topics) {
        bytes += 8 + t.topic.size();
        for (const broker::FetchPartitionData &p : t.partitions)
            bytes += 84 + (p.records ? p.records->size() : 0);
    }
    return bytes;
}
} // namespace

bool KafkaRequestRouter::fetch(const Request &request, std::span<const std::uint8_t> body)
{
    broker::WireReader in(body);
    broker::FetchRequest req;
    if (!broker::decodeFetchRequest(in, request.header.apiVersion, req))
        return false;
    if (req.sessionId != 0 || req.sessionEpoch > 0) {
        // KIP-227: this broker creates no fetch sessions (it answers session id 0 to a request for
        // one, so clients send full requests); an incremental fetch names a session it never made.
        broker::FetchResponse resp;
        resp.errorCode = kFetchSessionIdNotFound;
        broker::WireWriter w = startResponse(request);
        broker::encodeFetchResponse(w, request.header.apiVersion, resp);
        finishResponse(request, w);
        return true;
    }
    broker::FetchResponse resp;
    bool anyError = false;
    const std::size_t bytes = readFetch(request, req, resp, &anyError);
    if (anyError || bytes >= std::size_t(std::max(1, req.minBytes)) || req.maxWaitMs <= 0) {
        broker::WireWriter w = startResponse(request, fetchBodyBound(resp));
        broker::encodeFetchResponse(w, request.header.apiVersion, resp);
        finishResponse(request, w);
        return true;
    }
    // fetch.min.bytes not reached: wait up to fetch.wait.max.ms (wall time, the client's clock)
    // for records, answered by serviceParked() when a high watermark moves or the wait ends.
    auto parked = std::make_unique<ParkedFetch>();
    parked->request = request;
    parked->fetch = std::move(req);
    parked->deadlineMs = m_wall.elapsed() + parked->fetch.maxWaitMs;
    m_parked.push_back(std::move(parked));
    return true;
}

void KafkaRequestRouter::answerFetch(const Request &request, const broker::FetchRequest &fetch)
{
    broker::FetchResponse resp;
    bool anyError = false;
    readFetch(request, fetch, resp, &anyError);
    broker::WireWriter w = startResponse(request, fetchBodyBound(resp));
    broker::encodeFetchResponse(w, request.header.apiVersion, resp);
    finishResponse(request, w);
}

bool KafkaRequestRouter::fetchReady(const ParkedFetch &parked)
{
    // Something to return (a high watermark past a fetch offset) or an error to report (the
    // leader moved, the topic went away).
    const broker::Cluster *c = m_simulation.cluster(m_architecture);
    for (const broker::FetchTopic &topic : parked.fetch.topics)
        for (const broker::FetchPartition &fp : topic.partitions) {
            const broker::PartitionHandle handle = c->partitionHandle(topic.topic, fp.partition);
            if (!handle.valid() || c->leader(handle) != parked.request.brokerId ||
                c->highWatermark(handle) > fp.fetchOffset)
                return true;
        }
    return false;
}

void KafkaRequestRouter::serviceParked(bool expireOnly)
{
    const qint64 now = m_wall.elapsed();
    for (auto it = m_parked.begin(); it != m_parked.end();) {
        ParkedFetch &p = **it;
        if (!p.request.connection || !p.request.connection->isOpen()) {
            it = m_parked.erase(it);
            continue;
        }
        if (now >= p.deadlineMs || (!expireOnly && fetchReady(p))) {
            std::unique_ptr<ParkedFetch> done = std::move(*it);
            it = m_parked.erase(it);
            answerFetch(done->request, done->fetch);
            continue;
        }
        ++it;
    }
}

// --- ListOffsets ---------------------------------------------------------------------------------

bool KafkaRequestRouter::listOffsets(const Request &request, std::span<const std::uint8_t> body)
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
    broker::WireWriter w = startResponse(request);
    broker::encodeListOffsetsResponse(w, request.header.apiVersion, resp);
    finishResponse(request, w);
    return true;
}

// --- CreateTopics, DeleteTopics, DescribeConfigs -------------------------------------------------

bool KafkaRequestRouter::createTopics(const Request &request, std::span<const std::uint8_t> body)
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
            emit groupEvent(
                QStringLiteral("topic %1 created by client %2")
                    .arg(QString::fromStdString(t.name),
                         QString::fromStdString(request.header.clientId.value_or(std::string()))));
    }
    broker::WireWriter w = startResponse(request);
    broker::encodeCreateTopicsResponse(w, request.header.apiVersion, resp);
    finishResponse(request, w);
    return true;
}

bool KafkaRequestRouter::deleteTopics(const Request &request, std::span<const std::uint8_t> body)
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
    broker::WireWriter w = startResponse(request);
    broker::encodeDeleteTopicsResponse(w, request.header.apiVersion, resp);
    finishResponse(request, w);
    return true;
}

bool KafkaRequestRouter::describeConfigs(const Request &request, std::span<const std::uint8_t> body)
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
    broker::WireWriter w = startResponse(request);
    broker::encodeDescribeConfigsResponse(w, request.header.apiVersion, resp);
    finishResponse(request, w);
    return true;
}

// --- time ------------------------------------------------------------------------------------------

void KafkaRequestRouter::advance()
{
    const std::int64_t now = m_clock.nowMs();
    if (const auto due = m_groups->nextDeadlineMs(); due && *due <= now)
        m_groups->advance(now);
    serviceParked(false);
}

void KafkaRequestRouter::connectionClosed(KafkaConnection &connection)
{
    m_parked.remove_if([&](const std::unique_ptr<ParkedFetch> &p) {
        return !p->request.connection || p->request.connection == &connection;
    });
}

} // namespace postoffice::app
