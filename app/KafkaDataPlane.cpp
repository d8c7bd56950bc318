#include "KafkaDataPlane.h"

#include "Cluster.h"
#include "KafkaConnection.h"
#include "ProduceMessages.h"
#include "Simulation.h"
#include "TopicConfig.h"
#include "WireReader.h"

#include <algorithm>

namespace postoffice::app {

using broker::ErrorCode;

namespace {

// Kafka error codes clients know that the broker core has no use for.
constexpr ErrorCode kTransactionalIdAuthorizationFailed = ErrorCode(53);
constexpr ErrorCode kFetchSessionIdNotFound = ErrorCode(70);

// What one record adds to a batch beyond its key, value and headers (length, attributes, deltas,
// varint sizes): used to keep a Fetch response within max.bytes without encoding twice.
constexpr std::size_t kRecordOverhead = 24;
constexpr std::size_t kBatchOverhead = 61;
// Records read from the log per step while filling a Fetch response.
constexpr std::int32_t kFetchChunk = 2048;

// An upper bound of a Fetch response body's size without its records: every field around them (at
// most 84 bytes per partition, 8 per topic besides its name, 16 for the response's own). With the
// records' estimate, the frame is allocated once; growing it by doubling copied megabytes again.
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

struct KafkaDataPlane::ParkedFetch
{
    KafkaRequest request;
    broker::FetchRequest fetch;
    qint64 deadlineMs = 0; // wall clock (the client's fetch.wait.max.ms)
};

KafkaDataPlane::KafkaDataPlane(Simulation &simulation, int architecture, ProducerSeen producerSeen)
    : m_simulation(simulation), m_architecture(architecture), m_producerSeen(std::move(producerSeen))
{
    m_wall.start();
}

KafkaDataPlane::~KafkaDataPlane() = default;

broker::Cluster *KafkaDataPlane::cluster()
{
    return m_simulation.externalCluster(m_architecture);
}

// --- Produce -----------------------------------------------------------------------------------

bool KafkaDataPlane::produce(const KafkaRequest &request, std::span<const std::uint8_t> body)
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
        KafkaRequest request;
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
        broker::WireWriter w = pending->request.startResponse();
        broker::encodeProduceResponse(w, version, pending->response);
        pending->request.finishResponse(w);
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
            m_producerSeen(clientId, QString::fromStdString(topic.name));
        const broker::TopicConfig *config = c->topicConfig(topic.name);
        const std::int32_t maxMessageBytes = config ? config->maxMessageBytes : -1;
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
            // max.message.bytes holds each batch as it travels, checked before anything in it is
            // read or decompressed (Kafka's RecordTooLargeException): a batch that would inflate
            // to megabytes costs nothing to refuse.
            if (const std::size_t batchBytes = broker::largestBatchBytes(*data.records);
                maxMessageBytes >= 0 && batchBytes > std::size_t(maxMessageBytes)) {
                fail(ErrorCode::MessageTooLarge, "a record batch of " + std::to_string(batchBytes) +
                                                     " bytes is larger than the topic's max.message.bytes (" +
                                                     std::to_string(maxMessageBytes) + ")");
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
        serviceParked();
    }
    return true;
}

// --- Fetch -------------------------------------------------------------------------------------

std::size_t KafkaDataPlane::planFetch(const KafkaRequest &request, const broker::FetchRequest &fetch,
                                      broker::FetchResponse &out, bool *anyError)
{
    broker::Cluster *c = cluster();
    std::size_t estimate = 0;
    const std::size_t maxBytes = std::size_t(std::max(0, fetch.maxBytes));
    out.topics.clear();
    out.topics.reserve(fetch.topics.size());
    m_plan.clear();
    for (const broker::FetchTopic &topic : fetch.topics) {
        broker::FetchTopicResponse &tr = out.topics.emplace_back();
        tr.topic = topic.topic;
        tr.partitions.reserve(topic.partitions.size());
        const std::int32_t count = c->partitionCount(topic.topic);
        for (const broker::FetchPartition &fp : topic.partitions) {
            broker::FetchPartitionData &pd = tr.partitions.emplace_back();
            PartitionRead &plan = m_plan.emplace_back();
            pd.partitionIndex = fp.partition;
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
            if (fp.fetchOffset == pd.highWatermark)
                continue;
            plan.handle = handle;
            plan.fetchOffset = fp.fetchOffset;
            plan.highWatermark = pd.highWatermark;
            plan.partitionLimit = std::size_t(std::max(0, fp.partitionMaxBytes));
            // Room for what this partition will return, so that the frame is allocated once: the
            // first record's size stands for the others.
            if (c->fetch(handle, fp.fetchOffset, 1, m_fetched) == ErrorCode::None &&
                !m_fetched.records.empty()) {
                const std::size_t each = m_fetched.records.front().sizeInBytes() + kRecordOverhead;
                const std::size_t records = std::size_t(pd.highWatermark - fp.fetchOffset);
                const std::size_t available = records * each + (records / kFetchChunk + 1) * kBatchOverhead;
                estimate += std::min({available, plan.partitionLimit + each + kBatchOverhead,
                                      maxBytes - std::min(estimate, maxBytes) + each + kBatchOverhead,
                                      std::size_t(64) << 20});
            }
        }
    }
    return estimate;
}

std::size_t KafkaDataPlane::writePartitionRecords(const PartitionRead &plan, std::size_t total,
                                                  std::size_t maxBytes, broker::WireWriter &out)
{
    if (!plan.handle.valid() || total >= maxBytes)
        return 0;
    broker::Cluster *c = cluster();
    // KIP-74: a partition's first record is returned even over the limits, if the response holds
    // nothing yet, so that a record larger than the limits can never stall a consumer.
    std::size_t partitionBytes = 0;
    std::int64_t offset = plan.fetchOffset;
    bool full = false;
    while (!full && offset < plan.highWatermark) {
        if (c->fetch(plan.handle, offset, kFetchChunk, m_fetched) != ErrorCode::None ||
            m_fetched.records.empty())
            break;
        // The batch is the first `count` records read, encoded straight from the log into the frame.
        std::size_t count = 0;
        std::size_t runBytes = kBatchOverhead;
        for (const broker::RecordView &r : m_fetched.records) {
            const std::size_t size = r.sizeInBytes() + kRecordOverhead;
            const bool first = total == 0 && partitionBytes == 0 && count == 0;
            if (!first && (partitionBytes + runBytes + size > plan.partitionLimit ||
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
        const std::size_t before = out.size();
        broker::encodeRecordBatch(out, run.front().offset(), run);
        partitionBytes += out.size() - before;
        offset = run.back().offset() + 1;
    }
    return partitionBytes;
}

broker::WireWriter KafkaDataPlane::encodeFetch(const KafkaRequest &request, const broker::FetchRequest &fetch,
                                               bool *anyError, std::size_t *recordBytes)
{
    broker::FetchResponse resp;
    const std::size_t estimate = planFetch(request, fetch, resp, anyError);
    broker::WireWriter w = request.startResponse(fetchBodyBound(resp) + estimate);
    const std::size_t maxBytes = std::size_t(std::max(0, fetch.maxBytes));
    std::size_t total = 0;
    std::size_t next = 0; // partitions come in the order they were planned
    // No records is an empty records field, never a null one: Kafka sends empty MemoryRecords,
    // and librdkafka refuses a size of -1.
    broker::encodeFetchResponseInPlace(
        w, request.header.apiVersion, resp, [&](std::size_t, std::size_t, broker::WireWriter &out) {
            total += writePartitionRecords(m_plan[next++], total, maxBytes, out);
        });
    *recordBytes = total;
    return w;
}

bool KafkaDataPlane::fetch(const KafkaRequest &request, std::span<const std::uint8_t> body)
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
        broker::WireWriter w = request.startResponse();
        broker::encodeFetchResponse(w, request.header.apiVersion, resp);
        request.finishResponse(w);
        return true;
    }
    bool anyError = false;
    std::size_t bytes = 0;
    broker::WireWriter w = encodeFetch(request, req, &anyError, &bytes);
    if (anyError || bytes >= std::size_t(std::max(1, req.minBytes)) || req.maxWaitMs <= 0) {
        request.finishResponse(w);
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

void KafkaDataPlane::answerFetch(const KafkaRequest &request, const broker::FetchRequest &fetch)
{
    bool anyError = false;
    std::size_t bytes = 0;
    broker::WireWriter w = encodeFetch(request, fetch, &anyError, &bytes);
    request.finishResponse(w);
}

bool KafkaDataPlane::fetchReady(const ParkedFetch &parked)
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

void KafkaDataPlane::serviceParked()
{
    const qint64 now = m_wall.elapsed();
    for (auto it = m_parked.begin(); it != m_parked.end();) {
        ParkedFetch &p = **it;
        if (!p.request.connection || !p.request.connection->isOpen()) {
            it = m_parked.erase(it);
            continue;
        }
        if (now >= p.deadlineMs || fetchReady(p)) {
            std::unique_ptr<ParkedFetch> done = std::move(*it);
            it = m_parked.erase(it);
            answerFetch(done->request, done->fetch);
            continue;
        }
        ++it;
    }
}

void KafkaDataPlane::connectionClosed(KafkaConnection &connection)
{
    m_parked.remove_if([&](const std::unique_ptr<ParkedFetch> &p) {
        return !p->request.connection || p->request.connection == &connection;
    });
}

} // namespace postoffice::app
