#include "WireReader.h"

namespace postoffice::broker {

std::optional<std::string> WireReader::stringOfLength(std::int64_t length)
{
    if (length < 0 || !m_ok)
        return std::nullopt;
    const auto s = take(std::size_t(length));
    if (!m_ok)
        return std::nullopt;
    return std::string(reinterpret_cast<const char *>(s.data()), s.size());
}

std::string WireReader::string()
{
    const std::int16_t length = int16();
    if (length < -1) {
        fail();
        return {};
    }
    return stringOfLength(length).value_or(std::string());
}

std::optional<std::string> WireReader::nullableString()
{
    const std::int16_t length = int16();
    if (length < -1)
        fail();
    return stringOfLength(length);
}

std::string WireReader::compactString()
{
    // Compact lengths are N+1; 0 stands for null.
    const std::int64_t length = std::int64_t(uvarint()) - 1;
    return stringOfLength(length).value_or(std::string());
}

std::optional<std::string> WireReader::compactNullableString()
{
    const std::int64_t length = std::int64_t(uvarint()) - 1;
    return stringOfLength(length);
}

std::span<const std::uint8_t> WireReader::bytes()
{
    const std::int32_t length = int32();
    if (length < -1) {
        fail();
        return {};
    }
    if (length < 0)
        return {};
    return take(std::size_t(length));
}

std::optional<std::span<const std::uint8_t>> WireReader::nullableBytes()
{
    const std::int32_t length = int32();
    if (length < -1)
        fail();
    if (length < 0 || !m_ok)
        return std::nullopt;
    const auto s = take(std::size_t(length));
    if (!m_ok)
        return std::nullopt;
    return s;
}

std::span<const std::uint8_t> WireReader::compactBytes()
{
    const std::int64_t length = std::int64_t(uvarint()) - 1;
    if (length < 0)
        return {};
    return take(std::size_t(length));
}

std::optional<std::span<const std::uint8_t>> WireReader::compactNullableBytes()
{
    const std::int64_t length = std::int64_t(uvarint()) - 1;
    if (length < 0 || !m_ok)
        return std::nullopt;
    const auto s = take(std::size_t(length));
    if (!m_ok)
        return std::nullopt;
    return s;
}

std::int32_t WireReader::arrayLength()
{
    const std::int32_t n = int32();
    if (!m_ok)
        return 0;
    if (n < -1 || (n > 0 && std::size_t(n) > remaining())) {
        fail();
        return 0;
    }
    return n;
}

std::int32_t WireReader::compactArrayLength()
{
    const std::uint32_t raw = uvarint();
    if (!m_ok)
        return 0;
    const std::int64_t n = std::int64_t(raw) - 1;
    if (n > 0 && std::size_t(n) > remaining()) {
        fail();
        return 0;
    }
    return std::int32_t(n);
}

std::array<std::uint8_t, 16> WireReader::uuid()
{
    std::array<std::uint8_t, 16> id{};
    const auto s = take(16);
    if (m_ok)
        std::memcpy(id.data(), s.data(), 16);
    return id;
}

std::vector<std::int32_t> WireReader::int32Array(bool compact)
{
    std::vector<std::int32_t> out;
    const std::int32_t n = arrayLength(compact);
    if (n > 0)
        out.reserve(std::size_t(n));
    for (std::int32_t i = 0; i < n && m_ok; ++i)
        out.push_back(int32());
    return out;
}

std::vector<std::string> WireReader::stringArray(bool compact)
{
    std::vector<std::string> out;
    const std::int32_t n = arrayLength(compact);
    if (n > 0)
        out.reserve(std::size_t(n));
    for (std::int32_t i = 0; i < n && m_ok; ++i)
        out.push_back(string(compact));
    return out;
}

void WireReader::skipTaggedFields()
{
    const std::uint32_t count = uvarint();
    for (std::uint32_t i = 0; i < count && m_ok; ++i) {
        uvarint(); // tag
        const std::uint32_t size = uvarint();
        take(size);
    }
}

} // namespace postoffice::broker
