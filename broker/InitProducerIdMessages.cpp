#include "InitProducerIdMessages.h"

namespace postoffice::broker {

namespace {
constexpr ApiKey kKey = ApiKey::InitProducerId;
}

// v2 (flexible) is encoded too: the same fields; v3+ adds the producer id/epoch to resume.

bool decodeInitProducerIdRequest(WireReader &in, std::int16_t version, InitProducerIdRequest &out)
{
    const bool flex = isFlexible(kKey, version);
    out = InitProducerIdRequest();
    out.transactionalId = in.nullableString(flex);
    out.transactionTimeoutMs = in.int32();
    in.taggedFields(flex);
    return in.ok();
}

void encodeInitProducerIdRequest(WireWriter &out, std::int16_t version, const InitProducerIdRequest &request)
{
    const bool flex = isFlexible(kKey, version);
    out.nullableString(request.transactionalId, flex);
    out.int32(request.transactionTimeoutMs);
    out.taggedFields(flex);
}

void encodeInitProducerIdResponse(WireWriter &out, std::int16_t version,
                                  const InitProducerIdResponse &response)
{
    const bool flex = isFlexible(kKey, version);
    out.int32(response.throttleTimeMs);
    out.int16(std::int16_t(response.errorCode));
    out.int64(response.producerId);
    out.int16(response.producerEpoch);
    out.taggedFields(flex);
}

bool decodeInitProducerIdResponse(WireReader &in, std::int16_t version, InitProducerIdResponse &out)
{
    const bool flex = isFlexible(kKey, version);
    out = InitProducerIdResponse();
    out.throttleTimeMs = in.int32();
    out.errorCode = ErrorCode(in.int16());
    out.producerId = in.int64();
    out.producerEpoch = in.int16();
    in.taggedFields(flex);
    return in.ok();
}

} // namespace postoffice::broker
