#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace postoffice::broker {

// Appends Kafka's wire primitives, big-endian, to a byte buffer it owns (take it with buffer()).
// The mirror of WireReader: every reader has a writer of the same name.
class WireWriter
{
public:
    WireWriter() = default;
    explicit WireWriter(std::size_t reserveBytes) { m_buf.reserve(reserveBytes); }

    void int8(std::int8_t v) { m_buf.push_back(std::uint8_t(v)); }
    void int16(std::int16_t v) { fixed<2>(std::uint16_t(v)); }
    void int32(std::int32_t v) { fixed<4>(std::uint32_t(v)); }
    void int64(std::int64_t v) { fixed<8>(std::uint64_t(v)); }
    void uint32(std::uint32_t v) { fixed<4>(v); }
    void boolean(bool v) { int8(v ? 1 : 0); }

    void uvarint(std::uint32_t v)
    {
        std::uint8_t tmp[5];
        std::size_t n = 0;
        while (v >= 0x80) {
            tmp[n++] = std::uint8_t(v | 0x80);
            v >>= 7;
        }
        tmp[n++] = std::uint8_t(v);
        small(tmp, n);
    }
    void varint(std::int32_t v) { uvarint((std::uint32_t(v) << 1) ^ std::uint32_t(v >> 31)); }
    void varlong(std::int64_t v)
    {
        std::uint64_t u = (std::uint64_t(v) << 1) ^ std::uint64_t(v >> 63);
        std::uint8_t tmp[10];
        std::size_t n = 0;
        while (u >= 0x80) {
            tmp[n++] = std::uint8_t(u | 0x80);
            u >>= 7;
        }
        tmp[n++] = std::uint8_t(u);
        small(tmp, n);
    }
    // Bytes a varint/varlong takes, for sizes computed ahead of writing.
    static std::size_t varintSize(std::int32_t v)
    {
        std::uint32_t u = (std::uint32_t(v) << 1) ^ std::uint32_t(v >> 31);
        std::size_t n = 1;
        while (u >= 0x80) {
            u >>= 7;
            ++n;
        }
        return n;
    }
    static std::size_t varlongSize(std::int64_t v)
    {
        std::uint64_t u = (std::uint64_t(v) << 1) ^ std::uint64_t(v >> 63);
        std::size_t n = 1;
        while (u >= 0x80) {
            u >>= 7;
            ++n;
        }
        return n;
    }

    void string(std::string_view s);
    void nullableString(std::optional<std::string_view> s);
    void compactString(std::string_view s);
    void compactNullableString(std::optional<std::string_view> s);

    void bytes(std::span<const std::uint8_t> b);
    void bytes(std::string_view b) { bytes(asBytes(b)); }
    void nullableBytes(std::optional<std::span<const std::uint8_t>> b);
    void nullableBytes(std::optional<std::string_view> b);
    void nullableBytes(std::nullopt_t) { int32(-1); }
    void compactBytes(std::span<const std::uint8_t> b);
    void compactBytes(std::string_view b) { compactBytes(asBytes(b)); }
    void compactNullableBytes(std::optional<std::span<const std::uint8_t>> b);
    void compactNullableBytes(std::optional<std::string_view> b);
    void compactNullableBytes(std::nullopt_t) { uvarint(0); }

    void arrayLength(std::int32_t n) { int32(n); }
    // -1 = null, written as 0.
    void compactArrayLength(std::int32_t n) { uvarint(std::uint32_t(n + 1)); }
    // The same fields in the encoding a message version uses: classic, or compact when flexible.
    void string(std::string_view s, bool compact) { compact ? compactString(s) : string(s); }
    void nullableString(std::optional<std::string_view> s, bool compact)
    {
        compact ? compactNullableString(s) : nullableString(s);
    }
    void bytes(std::span<const std::uint8_t> b, bool compact) { compact ? compactBytes(b) : bytes(b); }
    void nullableBytes(std::optional<std::span<const std::uint8_t>> b, bool compact)
    {
        compact ? compactNullableBytes(b) : nullableBytes(b);
    }
    void arrayLength(std::int32_t n, bool compact) { compact ? compactArrayLength(n) : arrayLength(n); }
    void taggedFields(bool flexible)
    {
        if (flexible)
            emptyTaggedFields();
    }
    void int32Array(std::span<const std::int32_t> values, bool compact)
    {
        arrayLength(std::int32_t(values.size()), compact);
        for (const std::int32_t v : values)
            int32(v);
    }
    template<typename Strings> void stringArray(const Strings &values, bool compact)
    {
        arrayLength(std::int32_t(values.size()), compact);
        for (const auto &v : values)
            string(std::string_view(v), compact);
    }

    void uuid(const std::array<std::uint8_t, 16> &id) { small(id.data(), id.size()); }
    void emptyTaggedFields() { m_buf.push_back(0); }

    // Appends bytes as they are (an encoded record batch, a nested message). Inserted, not resized
    // and then copied over: resize() would first zero every byte about to be overwritten.
    void raw(const void *data, std::size_t n)
    {
        const auto *bytes = static_cast<const std::uint8_t *>(data);
        m_buf.insert(m_buf.end(), bytes, bytes + n);
    }
    void raw(std::span<const std::uint8_t> b) { raw(b.data(), b.size()); }

    // A placeholder for a size (or CRC) written once the bytes after it are known.
    std::size_t reserveInt32()
    {
        const std::size_t at = m_buf.size();
        m_buf.resize(at + 4);
        return at;
    }
    void patchInt32(std::size_t at, std::int32_t v)
    {
        const std::uint32_t u = std::uint32_t(v);
        m_buf[at] = std::uint8_t(u >> 24);
        m_buf[at + 1] = std::uint8_t(u >> 16);
        m_buf[at + 2] = std::uint8_t(u >> 8);
        m_buf[at + 3] = std::uint8_t(u);
    }

    std::vector<std::uint8_t> &buffer() { return m_buf; }
    const std::vector<std::uint8_t> &buffer() const { return m_buf; }
    std::size_t size() const { return m_buf.size(); }

    static std::span<const std::uint8_t> asBytes(std::string_view s)
    {
        return {reinterpret_cast<const std::uint8_t *>(s.data()), s.size()};
    }

private:
    template<std::size_t N, typename T> void fixed(T v)
    {
        std::uint8_t tmp[N];
        for (std::size_t i = 0; i < N; ++i)
            tmp[i] = std::uint8_t(v >> (8 * (N - 1 - i)));
        small(tmp, N);
    }
    // A few bytes (a number, a varint): grown and stored, which compilers reduce to plain stores.
    void small(const std::uint8_t *bytes, std::size_t n)
    {
        const std::size_t at = m_buf.size();
        m_buf.resize(at + n);
        std::memcpy(m_buf.data() + at, bytes, n);
    }

    std::vector<std::uint8_t> m_buf;
};

} // namespace postoffice::broker
