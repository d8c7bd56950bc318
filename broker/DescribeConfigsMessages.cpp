#include "DescribeConfigsMessages.h"

namespace postoffice::broker {

// v0-v3 are classic (v3 adds documentation and config types); v4+ is flexible. v0-v2 handled.

bool decodeDescribeConfigsRequest(WireReader &in, std::int16_t version, DescribeConfigsRequest &out)
{
    out = DescribeConfigsRequest();
    const std::int32_t n = in.arrayLength();
    for (std::int32_t i = 0; i < n && in.ok(); ++i) {
        DescribeConfigsResource r;
        r.resourceType = in.int8();
        r.resourceName = in.string();
        const std::int32_t keys = in.arrayLength();
        if (keys >= 0) {
            r.configurationKeys.emplace();
            for (std::int32_t k = 0; k < keys && in.ok(); ++k)
                r.configurationKeys->push_back(in.string());
        }
        out.resources.push_back(std::move(r));
    }
    if (version >= 1)
        out.includeSynonyms = in.boolean();
    return in.ok();
}

void encodeDescribeConfigsRequest(WireWriter &out, std::int16_t version,
                                  const DescribeConfigsRequest &request)
{
    out.arrayLength(std::int32_t(request.resources.size()));
    for (const DescribeConfigsResource &r : request.resources) {
        out.int8(r.resourceType);
        out.string(r.resourceName);
        if (r.configurationKeys)
            out.stringArray(*r.configurationKeys, false);
        else
            out.arrayLength(-1);
    }
    if (version >= 1)
        out.boolean(request.includeSynonyms);
}

void encodeDescribeConfigsResponse(WireWriter &out, std::int16_t version,
                                   const DescribeConfigsResponse &response)
{
    out.int32(response.throttleTimeMs);
    out.arrayLength(std::int32_t(response.results.size()));
    for (const DescribeConfigsResult &r : response.results) {
        out.int16(std::int16_t(r.errorCode));
        out.nullableString(r.errorMessage);
        out.int8(r.resourceType);
        out.string(r.resourceName);
        out.arrayLength(std::int32_t(r.configs.size()));
        for (const DescribeConfigsEntry &c : r.configs) {
            out.string(c.name);
            out.nullableString(c.value);
            out.boolean(c.readOnly);
            if (version == 0)
                out.boolean(c.isDefault);
            else
                out.int8(c.configSource);
            out.boolean(c.isSensitive);
            if (version >= 1) {
                out.arrayLength(std::int32_t(c.synonyms.size()));
                for (const DescribeConfigsSynonym &s : c.synonyms) {
                    out.string(s.name);
                    out.nullableString(s.value);
                    out.int8(s.source);
                }
            }
        }
    }
}

bool decodeDescribeConfigsResponse(WireReader &in, std::int16_t version, DescribeConfigsResponse &out)
{
    out = DescribeConfigsResponse();
    out.throttleTimeMs = in.int32();
    const std::int32_t n = in.arrayLength();
    for (std::int32_t i = 0; i < n && in.ok(); ++i) {
        DescribeConfigsResult r;
        r.errorCode = ErrorCode(in.int16());
        r.errorMessage = in.nullableString();
        r.resourceType = in.int8();
        r.resourceName = in.string();
        const std::int32_t configs = in.arrayLength();
        for (std::int32_t j = 0; j < configs && in.ok(); ++j) {
            DescribeConfigsEntry c;
            c.name = in.string();
            c.value = in.nullableString();
            c.readOnly = in.boolean();
            if (version == 0)
                c.isDefault = in.boolean();
            else
                c.configSource = in.int8();
            c.isSensitive = in.boolean();
            if (version >= 1) {
                const std::int32_t synonyms = in.arrayLength();
                for (std::int32_t k = 0; k < synonyms && in.ok(); ++k) {
                    DescribeConfigsSynonym s;
                    s.name = in.string();
                    s.value = in.nullableString();
                    s.source = in.int8();
                    c.synonyms.push_back(std::move(s));
                }
            }
            r.configs.push_back(std::move(c));
        }
        out.results.push_back(std::move(r));
    }
    return in.ok();
}

} // namespace postoffice::broker
