#include "CreateTopicsMessages.h"

namespace postoffice::broker {

// v0-v4 are classic; v5+ (flexible) adds results' configs and is not handled.

bool decodeCreateTopicsRequest(WireReader &in, std::int16_t version, CreateTopicsRequest &out)
{
    out = CreateTopicsRequest();
    const std::int32_t topics = in.arrayLength();
    for (std::int32_t i = 0; i < topics && in.ok(); ++i) {
        CreatableTopic t;
        t.name = in.string();
        t.numPartitions = in.int32();
        t.replicationFactor = in.int16();
        const std::int32_t assignments = in.arrayLength();
        for (std::int32_t j = 0; j < assignments && in.ok(); ++j) {
            CreatableReplicaAssignment a;
            a.partitionIndex = in.int32();
            a.brokerIds = in.int32Array(false);
            t.assignments.push_back(std::move(a));
        }
        const std::int32_t configs = in.arrayLength();
        for (std::int32_t j = 0; j < configs && in.ok(); ++j) {
            CreatableTopicConfig c;
            c.name = in.string();
            c.value = in.nullableString();
            t.configs.push_back(std::move(c));
        }
        out.topics.push_back(std::move(t));
    }
    out.timeoutMs = in.int32();
    if (version >= 1)
        out.validateOnly = in.boolean();
    return in.ok();
}

void encodeCreateTopicsRequest(WireWriter &out, std::int16_t version, const CreateTopicsRequest &request)
{
    out.arrayLength(std::int32_t(request.topics.size()));
    for (const CreatableTopic &t : request.topics) {
        out.string(t.name);
        out.int32(t.numPartitions);
        out.int16(t.replicationFactor);
        out.arrayLength(std::int32_t(t.assignments.size()));
        for (const CreatableReplicaAssignment &a : t.assignments) {
            out.int32(a.partitionIndex);
            out.int32Array(a.brokerIds, false);
        }
        out.arrayLength(std::int32_t(t.configs.size()));
        for (const CreatableTopicConfig &c : t.configs) {
            out.string(c.name);
            out.nullableString(c.value);
        }
    }
    out.int32(request.timeoutMs);
    if (version >= 1)
        out.boolean(request.validateOnly);
}

void encodeCreateTopicsResponse(WireWriter &out, std::int16_t version, const CreateTopicsResponse &response)
{
    if (version >= 2)
        out.int32(response.throttleTimeMs);
    out.arrayLength(std::int32_t(response.topics.size()));
    for (const CreatableTopicResult &t : response.topics) {
        out.string(t.name);
        out.int16(std::int16_t(t.errorCode));
        if (version >= 1)
            out.nullableString(t.errorMessage);
    }
}

bool decodeCreateTopicsResponse(WireReader &in, std::int16_t version, CreateTopicsResponse &out)
{
    out = CreateTopicsResponse();
    if (version >= 2)
        out.throttleTimeMs = in.int32();
    const std::int32_t topics = in.arrayLength();
    for (std::int32_t i = 0; i < topics && in.ok(); ++i) {
        CreatableTopicResult t;
        t.name = in.string();
        t.errorCode = ErrorCode(in.int16());
        if (version >= 1)
            t.errorMessage = in.nullableString();
        out.topics.push_back(std::move(t));
    }
    return in.ok();
}

} // namespace postoffice::broker
