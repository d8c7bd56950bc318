#pragma once

// A scenario's consumer group lives in the engine until a Kafka client joins it
// (ScenarioGroupBridge), but admin tools see it as on a real cluster all along: ListGroups lists
// it, DescribeGroups describes it (its state, protocol, simulated members and their partitions)
// and OffsetFetch answers its committed offsets — so `kafka-consumer-groups --describe`, a Kafka
// UI or `postoffice watch` pointed at `serve` show the scenario's groups and their lag. And as
// Kafka refuses a commit from outside a group that has members (UNKNOWN_MEMBER_ID), a consumer
// that assigns itself partitions under a scenario group's id cannot commit there either.
//
// The coordinator answers first; its answers are completed here for the scenario's groups it
// does not hold (a group it holds is the coordinator's to describe).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace postoffice::app {

class ScenarioGroupBridge;
class Simulation;
struct GroupRuntime;

class ScenarioGroupListing
{
public:
    ScenarioGroupListing(Simulation &simulation, int architecture, const ScenarioGroupBridge &shared);

    // Each takes the coordinator's response body (at `version`) and returns it completed; a body
    // that does not decode is returned as it is.
    std::vector<std::uint8_t> listGroups(std::int16_t version, const std::vector<std::uint8_t> &answer) const;
    std::vector<std::uint8_t> describeGroups(std::int16_t version,
                                             const std::vector<std::uint8_t> &answer) const;
    std::vector<std::uint8_t> offsetFetch(std::int16_t version, std::span<const std::uint8_t> request,
                                          const std::vector<std::uint8_t> &answer) const;
    std::vector<std::uint8_t> offsetCommit(std::int16_t version, std::span<const std::uint8_t> request,
                                           const std::vector<std::uint8_t> &answer) const;

private:
    // The scenario's group `groupId` while only the engine holds it; null otherwise.
    const GroupRuntime *engineGroup(const std::string &groupId) const;
    const std::string &topicOf(const std::string &groupId) const;

    Simulation &m_simulation;
    int m_architecture;
    const ScenarioGroupBridge &m_shared;
};

} // namespace postoffice::app
