#pragma once

#include <cstdint>
#include <optional>

namespace postoffice::broker {

// When a group's join phase (PreparingRebalance) ends, as Kafka's DelayedJoin and InitialDelayedJoin
// decide it. A group that had members waits until every member rejoined, or rebalance.timeout.ms
// (the longest of its members') at most. The first rebalance of an empty group instead waits
// group.initial.rebalance.delay.ms even when everyone is there, so that the members of a starting
// application join one generation instead of rebalancing once per member; each newcomer during the
// delay buys one more delay, never beyond the rebalance timeout.
class WireGroupJoinPhase
{
public:
    void startRebalance(std::int64_t nowMs, std::int32_t rebalanceTimeoutMs);
    void startInitialDelay(std::int64_t nowMs, std::int64_t delayMs, std::int32_t rebalanceTimeoutMs);
    // A member joined while the group was still forming its first generation.
    void memberAdded() { m_memberAdded = true; }
    // At the deadline: true when the delay was extended (a member arrived during it), false when the
    // phase must end now.
    bool extendAtDeadline(std::int64_t nowMs, std::int64_t delayMs);
    void end();

    std::optional<std::int64_t> deadlineMs() const { return m_deadlineMs; }
    // While the initial delay runs, the phase does not end early when every member is in.
    bool inInitialDelay() const { return m_initialDelay; }

private:
    std::optional<std::int64_t> m_deadlineMs;
    bool m_initialDelay = false;
    std::int64_t m_delayMs = 0;     // the delay now running
    std::int64_t m_remainingMs = 0; // what is left of the rebalance timeout after it
    bool m_memberAdded = false;
};

} // namespace postoffice::broker
