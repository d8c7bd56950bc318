#include "WireWriter.h"

namespace postoffice::broker {

void WireWriter::string(std::string_view s)
{
    // STRING lengths are int16; Kafka refuses longer strings, so do we: cut at the limit rather
    // than write a length that lies.
    const std::size_t n = s.size() > 0x7fff ? 0x7fff : s.size();
    int16(std::int16_t(n));
    raw(s.data(), n);
}

void WireWriter::nullableString(std::optional<std::string_view> s)
{
    if (!s) {
        int16(-1);
        return;
    }
    string(*s);
}

void WireWriter::compactString(std::string_view s)
{
    uvarint(std::uint32_t(s.size() + 1));
    raw(s.data(), s.size());
}

void WireWriter::compactNullableString(std::optional<std::string_view> s)
{
    if (!s) {
        uvarint(0);
        return;
    }
    compactString(*s);
}

void WireWriter::bytes(std::span<const std::uint8_t> b)
{
    int32(std::int32_t(b.size()));
    raw(b);
}

void WireWriter::nullableBytes(std::optional<std::span<const std::uint8_t>> b)
{
    if (!b) {
        int32(-1);
        return;
    }
    bytes(*b);
}

void WireWriter::nullableBytes(std::optional<std::string_view> b)
{
    if (!b) {
        int32(-1);
        return;
    }
    bytes(asBytes(*b));
}

void WireWriter::compactBytes(std::span<const std::uint8_t> b)
{
    uvarint(std::uint32_t(b.size() + 1));
    raw(b);
}

void WireWriter::compactNullableBytes(std::optional<std::span<const std::uint8_t>> b)
{
    if (!b) {
        uvarint(0);
        return;
    }
    compactBytes(*b);
}

void WireWriter::compactNullableBytes(std::optional<std::string_view> b)
{
    if (!b) {
        uvarint(0);
        return;
    }
    compactBytes(asBytes(*b));
}

} // namespace postoffice::broker
