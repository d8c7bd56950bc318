#include "KafkaRequestRouter.h"

#include "ApiVersionsMessages.h"
#include "Cluster.h"
#include "KafkaApi.h"
#include "KafkaConnection.h"
#include "KafkaDataPlane.h"
#include "KafkaMetadataHandler.h"
#include "KafkaRequest.h"
#include "KafkaTopicAdminHandler.h"
#include "ListGroupsMessages.h"
#include "ScenarioGroupBridge.h"
#include "ScenarioGroupListing.h"
#include "Simulation.h"
#include "WireGroupCoordinator.h"
#include "WireReader.h"

#include <cmath>

namespace postoffice::app {

using broker::ApiKey;
using broker::ErrorCode;

namespace {

QString apiLabel(const broker::RequestHeader &h)
{
    return QStringLiteral("%1 v%2").arg(QString::fromLatin1(broker::apiName(h.apiKey))).arg(h.apiVersion);
}

} // namespace

std::int64_t KafkaRequestRouter::SimulationClock::nowMs() const
{
    return std::int64_t(std::floor(m_simulation.now() * 1000.0 + 1e-6));
}

KafkaRequestRouter::KafkaRequestRouter(Simulation &simulation, int architecture, KafkaServer &server)
    : m_simulation(simulation), m_architecture(architecture), m_server(server), m_clock(simulation),
      m_groups(std::make_unique<broker::WireGroupCoordinator>(m_clock)),
      m_shared(std::make_unique<ScenarioGroupBridge>(simulation, architecture, *m_groups, m_clock)),
      m_listing(std::make_unique<ScenarioGroupListing>(simulation, architecture, *m_shared)),
      m_topics(std::make_unique<KafkaTopicAdminHandler>(
          simulation, architecture, [this](const QString &text) { emit groupEvent(text); })),
      m_metadata(std::make_unique<KafkaMetadataHandler>(simulation, architecture, server, *m_topics)),
      m_data(std::make_unique<KafkaDataPlane>(
          simulation, architecture,
          [this](const QString &clientId, const QString &topic) { emit producerSeen(clientId, topic); }))
{
    m_groups->setListener([this](const broker::WireGroupEvent &e) {
        if (e.kind != broker::WireGroupEvent::Kind::OffsetsCommitted)
            emit groupEvent(QString::fromStdString(e.text));
    });
    m_shared->setListener([this](const QString &text) { emit groupEvent(text); });
    // Kafka answers UNKNOWN_TOPIC_OR_PARTITION to a commit for a partition that does not exist.
    m_groups->setCommitValidator([this](const std::string &topic, std::int32_t partition) {
        const broker::Cluster *c = m_simulation.cluster(m_architecture);
        const std::int32_t count = c ? c->partitionCount(topic) : -1;
        return partition >= 0 && partition < count ? ErrorCode::None : ErrorCode::UnknownTopicOrPartition;
    });
}

KafkaRequestRouter::~KafkaRequestRouter() = default;

bool KafkaRequestRouter::autoCreateTopics() const
{
    return m_topics->autoCreateTopics();
}

void KafkaRequestRouter::setAutoCreateTopics(bool on)
{
    m_topics->setAutoCreateTopics(on);
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
            const KafkaRequest request{&connection, connection.reserveSlot(), *header, clientHost,
                                       {},          connection.brokerId()};
            broker::WireWriter w = request.startResponse();
            broker::encodeApiVersionsUnsupported(w);
            request.finishResponse(w);
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
    const KafkaRequest request{&connection, connection.reserveSlot(), *header,
                               clientHost,  connection.localHost(),   connection.brokerId()};

    if (broker::isGroupApi(header->apiKey)) {
        const ApiKey key = ApiKey(header->apiKey);
        if (key == ApiKey::JoinGroup)
            m_shared->onJoinGroup(header->apiVersion, body);
        std::vector<std::uint8_t> asked; // the request, for answers completed after it is gone
        if (key == ApiKey::OffsetFetch || key == ApiKey::OffsetCommit)
            asked.assign(body.begin(), body.end());
        const bool handled = m_groups->handle(
            header->apiKey, header->apiVersion, body, clientId, clientHost,
            [this, request, key, asked = std::move(asked)](std::vector<std::uint8_t> answer) {
                request.answerBody(completeGroupAnswer(request, key, asked, answer));
            });
        if (!handled)
            *why = QStringLiteral("%1 is not served: connection closed").arg(apiLabel(*header));
        return handled;
    }

    bool ok = false;
    switch (ApiKey(header->apiKey)) {
    case ApiKey::ApiVersions:
        ok = m_metadata->apiVersions(request, body);
        break;
    case ApiKey::Metadata:
        ok = m_metadata->metadata(request, body);
        break;
    case ApiKey::Produce:
        ok = m_data->produce(request, body);
        break;
    case ApiKey::Fetch:
        ok = m_data->fetch(request, body);
        break;
    case ApiKey::ListOffsets:
        ok = m_metadata->listOffsets(request, body);
        break;
    case ApiKey::FindCoordinator:
        ok = m_metadata->findCoordinator(request, body);
        break;
    case ApiKey::InitProducerId:
        ok = m_metadata->initProducerId(request, body);
        break;
    case ApiKey::CreateTopics:
        ok = m_topics->createTopics(request, body);
        break;
    case ApiKey::DeleteTopics:
        ok = m_topics->deleteTopics(request, body);
        break;
    case ApiKey::DescribeConfigs:
        ok = m_topics->describeConfigs(request, body);
        break;
    default:
        *why = QStringLiteral("%1 is not served: connection closed").arg(apiLabel(*header));
        return false;
    }
    if (!ok)
        *why = QStringLiteral("malformed %1 request: connection closed").arg(apiLabel(*header));
    return ok;
}

// --- ListGroups per broker ----------------------------------------------------------------------

std::vector<std::uint8_t> KafkaRequestRouter::completeGroupAnswer(const KafkaRequest &request, ApiKey key,
                                                                  std::span<const std::uint8_t> asked,
                                                                  const std::vector<std::uint8_t> &answer)
{
    const std::int16_t version = request.header.apiVersion;
    switch (key) {
    case ApiKey::ListGroups:
        // Kafka: every broker lists only the groups it coordinates, and a client asks them all and
        // puts the answers together; one shared coordinator answering on each port would list a
        // group once per broker.
        return groupsCoordinatedBy(request.brokerId, version, m_listing->listGroups(version, answer));
    case ApiKey::DescribeGroups:
        return m_listing->describeGroups(version, answer);
    case ApiKey::OffsetFetch:
        return m_listing->offsetFetch(version, asked, answer);
    case ApiKey::OffsetCommit:
        return m_listing->offsetCommit(version, asked, answer);
    default:
        return answer;
    }
}

std::vector<std::uint8_t> KafkaRequestRouter::groupsCoordinatedBy(std::int32_t brokerId, std::int16_t version,
                                                                  const std::vector<std::uint8_t> &body)
{
    broker::WireReader in(body);
    broker::ListGroupsResponse listed;
    if (!broker::decodeListGroupsResponse(in, version, listed))
        return body;
    std::erase_if(listed.groups, [&](const broker::ListedGroup &g) {
        return m_metadata->coordinatorOf(g.groupId) != brokerId;
    });
    broker::WireWriter out;
    broker::encodeListGroupsResponse(out, version, listed);
    return std::move(out.buffer());
}

// --- time ------------------------------------------------------------------------------------------

void KafkaRequestRouter::advance()
{
    const std::int64_t now = m_clock.nowMs();
    if (const auto due = m_groups->nextDeadlineMs(); due && *due <= now)
        m_groups->advance(now);
    m_shared->advance();
    m_data->serviceParked();
}

void KafkaRequestRouter::stop()
{
    m_shared->release();
}

void KafkaRequestRouter::connectionClosed(KafkaConnection &connection)
{
    m_data->connectionClosed(connection);
}

} // namespace postoffice::app
