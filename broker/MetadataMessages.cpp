#include "MetadataMessages.h"

namespace postoffice::broker {

namespace {
constexpr ApiKey kKey = ApiKey::Metadata;
}

bool decodeMetadataRequest(WireReader &in, std::int16_t version, MetadataRequest &out)
{
    const bool flex = isFlexible(kKey, version);
    const std::int32_t n = in.arrayLength(flex);
    out.topics.reset();
    if (n >= 0 && !(version == 0 && n == 0)) {
        out.topics.emplace();
        out.topics->reserve(std::size_t(n));
        for (std::int32_t i = 0; i < n && in.ok(); ++i) {
            MetadataRequestTopic t;
            if (version >= 10)
                t.topicId = in.uuid();
            if (version >= 10)
                t.name = in.nullableString(flex);
            else
                t.name = in.string(flex);
            in.taggedFields(flex);
            out.topics->push_back(std::move(t));
        }
    }
    if (version >= 4)
        out.allowAutoTopicCreation = in.boolean();
    if (version >= 8 && version <= 10)
        out.includeClusterAuthorizedOperations = in.boolean();
    if (version >= 8)
        out.includeTopicAuthorizedOperations = in.boolean();
    in.taggedFields(flex);
    return in.ok();
}

void encodeMetadataRequest(WireWriter &out, std::int16_t version, const MetadataRequest &request)
{
    const bool flex = isFlexible(kKey, version);
    if (!request.topics) {
        out.arrayLength(version == 0 ? 0 : -1, flex);
    } else {
        out.arrayLength(std::int32_t(request.topics->size()), flex);
        for (const MetadataRequestTopic &t : *request.topics) {
            if (version >= 10) {
                out.uuid(t.topicId);
                out.nullableString(t.name, flex);
            } else {
                out.string(t.name.value_or(std::string()), flex);
            }
            out.taggedFields(flex);
        }
    }
    if (version >= 4)
        out.boolean(request.allowAutoTopicCreation);
    if (version >= 8 && version <= 10)
        out.boolean(request.includeClusterAuthorizedOperations);
    if (version >= 8)
        out.boolean(request.includeTopicAuthorizedOperations);
    out.taggedFields(flex);
}

void encodeMetadataResponse(WireWriter &out, std::int16_t version, const MetadataResponse &response)
{
    const bool flex = isFlexible(kKey, version);
    if (version >= 3)
        out.int32(response.throttleTimeMs);
    out.arrayLength(std::int32_t(response.brokers.size()), flex);
    for (const MetadataBroker &b : response.brokers) {
        out.int32(b.nodeId);
        out.string(b.host, flex);
        out.int32(b.port);
        if (version >= 1)
            out.nullableString(b.rack, flex);
        out.taggedFields(flex);
    }
    if (version >= 2)
        out.nullableString(response.clusterId, flex);
    if (version >= 1)
        out.int32(response.controllerId);
    out.arrayLength(std::int32_t(response.topics.size()), flex);
    for (const MetadataTopic &t : response.topics) {
        out.int16(std::int16_t(t.errorCode));
        if (version >= 12)
            out.nullableString(t.name, flex);
        else
            out.string(t.name.value_or(std::string()), flex);
        if (version >= 10)
            out.uuid(t.topicId);
        if (version >= 1)
            out.boolean(t.isInternal);
        out.arrayLength(std::int32_t(t.partitions.size()), flex);
        for (const MetadataPartition &p : t.partitions) {
            out.int16(std::int16_t(p.errorCode));
            out.int32(p.partitionIndex);
            out.int32(p.leaderId);
            if (version >= 7)
                out.int32(p.leaderEpoch);
            out.int32Array(p.replicaNodes, flex);
            out.int32Array(p.isrNodes, flex);
            if (version >= 5)
                out.int32Array(p.offlineReplicas, flex);
            out.taggedFields(flex);
        }
        if (version >= 8)
            out.int32(t.topicAuthorizedOperations);
        out.taggedFields(flex);
    }
    if (version >= 8 && version <= 10)
        out.int32(response.clusterAuthorizedOperations);
    out.taggedFields(flex);
}

bool decodeMetadataResponse(WireReader &in, std::int16_t version, MetadataResponse &out)
{
    const bool flex = isFlexible(kKey, version);
    out = MetadataResponse();
    if (version >= 3)
        out.throttleTimeMs = in.int32();
    const std::int32_t brokers = in.arrayLength(flex);
    for (std::int32_t i = 0; i < brokers && in.ok(); ++i) {
        MetadataBroker b;
        b.nodeId = in.int32();
        b.host = in.string(flex);
        b.port = in.int32();
        if (version >= 1)
            b.rack = in.nullableString(flex);
        in.taggedFields(flex);
        out.brokers.push_back(std::move(b));
    }
    if (version >= 2)
        out.clusterId = in.nullableString(flex);
    if (version >= 1)
        out.controllerId = in.int32();
    const std::int32_t topics = in.arrayLength(flex);
    for (std::int32_t i = 0; i < topics && in.ok(); ++i) {
        MetadataTopic t;
        t.errorCode = ErrorCode(in.int16());
        if (version >= 12)
            t.name = in.nullableString(flex);
        else
            t.name = in.string(flex);
        if (version >= 10)
            t.topicId = in.uuid();
        if (version >= 1)
            t.isInternal = in.boolean();
        const std::int32_t partitions = in.arrayLength(flex);
        for (std::int32_t j = 0; j < partitions && in.ok(); ++j) {
            MetadataPartition p;
            p.errorCode = ErrorCode(in.int16());
            p.partitionIndex = in.int32();
            p.leaderId = in.int32();
            if (version >= 7)
                p.leaderEpoch = in.int32();
            p.replicaNodes = in.int32Array(flex);
            p.isrNodes = in.int32Array(flex);
            if (version >= 5)
                p.offlineReplicas = in.int32Array(flex);
            in.taggedFields(flex);
            t.partitions.push_back(std::move(p));
        }
        if (version >= 8)
            t.topicAuthorizedOperations = in.int32();
        in.taggedFields(flex);
        out.topics.push_back(std::move(t));
    }
    if (version >= 8 && version <= 10)
        out.clusterAuthorizedOperations = in.int32();
    in.taggedFields(flex);
    return in.ok();
}

} // namespace postoffice::broker
