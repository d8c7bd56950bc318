#include "WireGroupConsumerProtocol.h"

namespace postoffice::broker {

namespace {

std::vector<WireGroupTopicPartitions> readTopicPartitions(WireReader &in)
{
    std::vector<WireGroupTopicPartitions> out;
    const std::int32_t n = in.arrayLength();
    for (std::int32_t i = 0; i < n && in.ok(); ++i) {
        WireGroupTopicPartitions tp;
        tp.topic = in.string();
        const std::int32_t parts = in.arrayLength();
        for (std::int32_t p = 0; p < parts && in.ok(); ++p)
            tp.partitions.push_back(in.int32());
        out.push_back(std::move(tp));
    }
    return out;
}

void writeTopicPartitions(WireWriter &out, const std::vector<WireGroupTopicPartitions> &list)
{
    out.arrayLength(std::int32_t(list.size()));
    for (const WireGroupTopicPartitions &tp : list) {
        out.string(tp.topic);
        out.arrayLength(std::int32_t(tp.partitions.size()));
        for (std::int32_t p : tp.partitions)
            out.int32(p);
    }
}

std::optional<std::vector<std::uint8_t>> readUserData(WireReader &in)
{
    const auto b = in.nullableBytes();
    if (!b)
        return std::nullopt;
    return std::vector<std::uint8_t>(b->begin(), b->end());
}

void writeUserData(WireWriter &out, const std::optional<std::vector<std::uint8_t>> &userData)
{
    if (userData)
        out.bytes(*userData);
    else
        out.nullableBytes(std::nullopt);
}

} // namespace

bool WireGroupConsumerProtocol::decodeSubscription(std::span<const std::uint8_t> bytes,
                                                   WireGroupSubscription &out)
{
    WireReader in(bytes);
    out = {};
    out.version = in.int16();
    if (out.version < 0)
        return false;
    const std::int32_t n = in.arrayLength();
    for (std::int32_t i = 0; i < n && in.ok(); ++i)
        out.topics.push_back(in.string());
    out.userData = readUserData(in);
    // Kafka's consumers of old versions may end the payload right after the user data.
    if (out.version >= 1 && in.ok() && !in.atEnd())
        out.ownedPartitions = readTopicPartitions(in);
    if (out.version >= 2 && in.ok() && !in.atEnd())
        out.generationId = in.int32();
    if (out.version >= 3 && in.ok() && !in.atEnd())
        out.rackId = in.nullableString();
    return in.ok();
}

std::vector<std::uint8_t> WireGroupConsumerProtocol::encodeSubscription(const WireGroupSubscription &s)
{
    WireWriter out;
    out.int16(s.version);
    out.arrayLength(std::int32_t(s.topics.size()));
    for (const std::string &t : s.topics)
        out.string(t);
    writeUserData(out, s.userData);
    if (s.version >= 1)
        writeTopicPartitions(out, s.ownedPartitions);
    if (s.version >= 2)
        out.int32(s.generationId);
    if (s.version >= 3)
        out.nullableString(s.rackId);
    return std::move(out.buffer());
}

bool WireGroupConsumerProtocol::decodeAssignment(std::span<const std::uint8_t> bytes,
                                                 WireGroupAssignment &out)
{
    WireReader in(bytes);
    out = {};
    out.version = in.int16();
    if (out.version < 0)
        return false;
    out.assignedPartitions = readTopicPartitions(in);
    // The user data is optional in practice: some clients end the payload after the partitions.
    if (in.ok() && !in.atEnd())
        out.userData = readUserData(in);
    return in.ok();
}

std::vector<std::uint8_t> WireGroupConsumerProtocol::encodeAssignment(const WireGroupAssignment &a)
{
    WireWriter out;
    out.int16(a.version);
    writeTopicPartitions(out, a.assignedPartitions);
    writeUserData(out, a.userData);
    return std::move(out.buffer());
}

} // namespace postoffice::broker
