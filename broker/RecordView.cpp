#include "RecordView.h"

namespace postoffice::broker {

namespace {
std::uint32_t readU32(const char *p)
{
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}
} // namespace

std::vector<Header> RecordView::headers() const
{
    // Encoding written by LogSegment: uint32 count, then per header uint32 key length, key,
    // uint32 value length, value.
    std::vector<Header> out;
    const std::uint32_t total = std::uint32_t(field(2));
    if (total == 0)
        return out;
    const char *p = m_blob + kPrefixBytes + keyBytes() + valueBytes();
    const std::uint32_t count = readU32(p);
    p += 4;
    out.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        Header h;
        const std::uint32_t kl = readU32(p);
        h.key.assign(p + 4, kl);
        p += 4 + kl;
        const std::uint32_t vl = readU32(p);
        h.value.assign(p + 4, vl);
        p += 4 + vl;
        out.push_back(std::move(h));
    }
    return out;
}

Record RecordView::toRecord() const
{
    Record r;
    if (auto k = key())
        r.key = std::string(*k);
    if (auto v = value())
        r.value = std::string(*v);
    r.timestampMs = m_timestampMs;
    r.headers = headers();
    return r;
}

} // namespace postoffice::broker
