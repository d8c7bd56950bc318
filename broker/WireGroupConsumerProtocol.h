#pragma once

#include "WireReader.h"
#include "WireWriter.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker {

// The "consumer" protocol's payloads that Kafka consumers put in JoinGroup metadata and SyncGroup
// assignments (Kafka's ConsumerProtocolSubscription.json / ConsumerProtocolAssignment.json, versions
// 0-3, each prefixed by its int16 version). The coordinator treats them as opaque bytes; these are
// read only to show members' subscriptions and partitions in the GUI and the event log. As Kafka's
// own reader does, a newer version is read with the newest layout known (fields are only appended).
struct WireGroupTopicPartitions
{
    std::string topic;
    std::vector<std::int32_t> partitions;
    bool operator==(const WireGroupTopicPartitions &) const = default;
};

struct WireGroupSubscription
{
    std::int16_t version = 0;
    std::vector<std::string> topics;
    std::optional<std::vector<std::uint8_t>> userData;
    std::vector<WireGroupTopicPartitions> ownedPartitions; // v1+
    std::int32_t generationId = -1;                        // v2+
    std::optional<std::string> rackId;                     // v3+
    bool operator==(const WireGroupSubscription &) const = default;
};

struct WireGroupAssignment
{
    std::int16_t version = 0;
    std::vector<WireGroupTopicPartitions> assignedPartitions;
    std::optional<std::vector<std::uint8_t>> userData;
    bool operator==(const WireGroupAssignment &) const = default;
};

class WireGroupConsumerProtocol
{
public:
    static bool decodeSubscription(std::span<const std::uint8_t> bytes, WireGroupSubscription &out);
    static std::vector<std::uint8_t> encodeSubscription(const WireGroupSubscription &subscription);
    static bool decodeAssignment(std::span<const std::uint8_t> bytes, WireGroupAssignment &out);
    static std::vector<std::uint8_t> encodeAssignment(const WireGroupAssignment &assignment);
};

} // namespace postoffice::broker
