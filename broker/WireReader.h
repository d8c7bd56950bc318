#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace postoffice::broker {

// Bounds-checked big-endian reader over the bytes of one Kafka frame (or a record batch).
// Bytes come from the network, so nothing here trusts them: a read past the end, a negative or
// lying length or an over-long varint marks the reader failed; it never throws and never reads out
// of bounds. After a failure ok() stays false and every read returns zero/empty, so a decoder can
// read a whole message and check ok() once at the end.
class WireReader
{
public:
    explicit WireReader(std::span<const std::uint8_t> bytes) : m_data(bytes.data()), m_size(bytes.size()) {}

    bool ok() const { return m_ok; }
    void fail()
    {
        m_ok = false;
        m_pos = m_size;
    }
    std::size_t position() const { return m_pos; }
    std::size_t remaining() const { return m_size - m_pos; }
    bool atEnd() const { return m_pos == m_size; }

    std::int8_t int8() { return std::int8_t(fixed<std::uint8_t, 1>()); }
    std::int16_t int16() { return std::int16_t(fixed<std::uint16_t, 2>()); }
    std::int32_t int32() { return std::int32_t(fixed<std::uint32_t, 4>()); }
    std::int64_t int64() { return std::int64_t(fixed<std::uint64_t, 8>()); }
    std::uint32_t uint32() { return fixed<std::uint32_t, 4>(); }
    bool boolean() { return int8() != 0; }

    // Unsigned varint of at most 5 bytes (Kafka's ByteUtils.readUnsignedVarint).
    std::uint32_t uvarint()
    {
        std::uint32_t value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (m_pos >= m_size) {
                fail();
                return 0;
            }
            const std::uint8_t b = m_data[m_pos++];
            value |= std::uint32_t(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
                return value;
        }
        fail();
        return 0;
    }
    // Zigzag varint (int32, at most 5 bytes) and varlong (int64, at most 10 bytes).
    std::int32_t varint()
    {
        const std::uint32_t raw = uvarint();
        return std::int32_t((raw >> 1) ^ (~(raw & 1) + 1));
    }
    std::int64_t varlong()
    {
        std::uint64_t value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (m_pos >= m_size) {
                fail();
                return 0;
            }
            const std::uint8_t b = m_data[m_pos++];
            value |= std::uint64_t(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
                return std::int64_t((value >> 1) ^ (~(value & 1) + 1));
        }
        fail();
        return 0;
    }

    // STRING: int16 length + UTF-8 bytes. A -1 length in a non-nullable string reads as "" (some
    // clients send null where the schema says non-null; Kafka would refuse, we shrug).
    std::string string();
    std::optional<std::string> nullableString();
    std::string compactString();
    std::optional<std::string> compactNullableString();

    // BYTES: int32 length + bytes, returned as a view into the frame (valid as long as the frame).
    std::span<const std::uint8_t> bytes();
    std::optional<std::span<const std::uint8_t>> nullableBytes();
    std::span<const std::uint8_t> compactBytes();
    std::optional<std::span<const std::uint8_t>> compactNullableBytes();

    // Array element counts. -1 = null. A count larger than the bytes left (every element takes at
    // least one byte) or below -1 fails the reader and returns 0, so a lying count can never make a
    // decoder reserve gigabytes.
    std::int32_t arrayLength();
    std::int32_t compactArrayLength();

    std::array<std::uint8_t, 16> uuid();

    // The same fields in the encoding a message version uses: classic, or compact when the version
    // is flexible (KIP-482). Message decoders call these with isFlexible(key, version).
    std::string string(bool compact) { return compact ? compactString() : string(); }
    std::optional<std::string> nullableString(bool compact)
    {
        return compact ? compactNullableString() : nullableString();
    }
    std::span<const std::uint8_t> bytes(bool compact) { return compact ? compactBytes() : bytes(); }
    std::optional<std::span<const std::uint8_t>> nullableBytes(bool compact)
    {
        return compact ? compactNullableBytes() : nullableBytes();
    }
    std::int32_t arrayLength(bool compact) { return compact ? compactArrayLength() : arrayLength(); }
    // Tagged fields exist only in flexible versions.
    void taggedFields(bool flexible)
    {
        if (flexible)
            skipTaggedFields();
    }
    // []int32 and []string; a null array reads as empty.
    std::vector<std::int32_t> int32Array(bool compact);
    std::vector<std::string> stringArray(bool compact);

    // KIP-482 tagged fields: uvarint count, then (uvarint tag, uvarint size, bytes) each; skipped.
    void skipTaggedFields();

    // The next n bytes as a view (empty and failed when fewer are left).
    std::span<const std::uint8_t> take(std::size_t n)
    {
        if (!m_ok || n > m_size - m_pos) {
            fail();
            return {};
        }
        const std::uint8_t *p = m_data + m_pos;
        m_pos += n;
        return {p, n};
    }

private:
    template<typename T, std::size_t N> T fixed()
    {
        if (!m_ok || m_size - m_pos < N) {
            fail();
            return 0;
        }
        T v = 0;
        for (std::size_t i = 0; i < N; ++i)
            v = T((v << 8) | T(m_data[m_pos + i]));
        m_pos += N;
        return v;
    }
    std::optional<std::string> stringOfLength(std::int64_t length);

    const std::uint8_t *m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
    bool m_ok = true;
};

} // namespace postoffice::broker
