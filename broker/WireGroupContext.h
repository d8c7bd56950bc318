#pragma once

#include "ErrorCode.h"
#include "WireWriter.h"

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace postoffice::broker {

// The coordinator's broker settings (Kafka's names in the comments).
struct WireGroupConfig
{
    // group.initial.rebalance.delay.ms: how long the first rebalance of an empty group waits for more
    // members, extended by each newcomer up to the rebalance timeout (Kafka's default 3000).
    std::int64_t initialRebalanceDelayMs = 3000;
    // group.min.session.timeout.ms / group.max.session.timeout.ms: a JoinGroup outside gets
    // INVALID_SESSION_TIMEOUT.
    std::int32_t minSessionTimeoutMs = 6000;
    std::int32_t maxSessionTimeoutMs = 1800000;
    // offset.metadata.max.bytes: longer commit metadata gets OFFSET_METADATA_TOO_LARGE.
    std::int32_t maxOffsetMetadataBytes = 4096;
    // Kafka's NewMemberJoinTimeoutMs (not configurable there): a member that joined during a
    // rebalance and never saw it complete is dropped after this long.
    std::int64_t newMemberJoinTimeoutMs = 300000;
};

// One thing worth a line in the event log. `text` is that line, ready to show.
struct WireGroupEvent
{
    enum class Kind {
        MemberJoined,       // a member entered the group (a new JoinGroup)
        MemberLeft,         // LeaveGroup
        MemberExpired,      // session.timeout.ms without heartbeat, or not back within rebalance.timeout.ms
        MemberFenced,       // a newer instance with the same group.instance.id replaced it
        RebalanceStarted,   // the group went to PreparingRebalance
        RebalanceCompleted, // the join phase ended: new generation, leader chosen
        GroupStable,        // the leader's assignment was handed out
        OffsetsCommitted,   // an OffsetCommit stored offsets (one event per request)
    };
    Kind kind = Kind::MemberJoined;
    std::int64_t timeMs = 0;
    std::string groupId;
    std::string memberId; // "" for group-wide events
    std::string clientId;
    std::int32_t generation = 0;
    std::int32_t memberCount = 0;
    std::string text;
};

// Where a response body goes (the server frames it and writes it to the client's socket).
using WireGroupReply = std::function<void(std::vector<std::uint8_t> responseBody)>;

// A request whose answer waits (JoinGroup until the join phase ends, SyncGroup until the leader's
// assignment): the version to answer at, and where to.
struct WireGroupPendingReply
{
    std::int16_t version = 0;
    WireGroupReply reply;
};

// What all the groups of one coordinator share: the settings, the time of the request or deadline
// being handled, the counter behind member ids, and the queue of replies and events. Replies and
// events wait in the queue while a request changes the state, and flush() delivers them once the
// state is consistent, so that a callback may call the coordinator again (a client answering at once)
// or query it, and sees the request's whole effect.
class WireGroupContext
{
public:
    explicit WireGroupContext(WireGroupConfig config);

    const WireGroupConfig &config() const { return m_config; }

    std::int64_t nowMs() const { return m_nowMs; }
    // Time only moves forward: a deadline handled late does not take it back.
    void moveTo(std::int64_t nowMs);

    // Kafka appends a random UUID to the prefix; a counter keeps runs reproducible and the ids as
    // unique.
    std::string newMemberId(const std::string &prefix);

    // Queues `response` encoded at `version` by `encode` (one of the group messages' encoders).
    template<typename Response, typename Encode>
    void send(const WireGroupReply &reply, std::int16_t version, const Response &response, Encode encode)
    {
        WireWriter out;
        encode(out, version, response);
        m_outbox.emplace_back(reply, std::move(out.buffer()));
    }
    // The error answers a waiting JoinGroup or SyncGroup gets when it cannot be served.
    void sendJoinError(const WireGroupPendingReply &to, ErrorCode error, const std::string &memberId);
    void sendSyncError(const WireGroupPendingReply &to, ErrorCode error);

    // Queues an event, stamped with the current time.
    void report(WireGroupEvent event);
    void setListener(std::function<void(const WireGroupEvent &)> listener);

    // Delivers the queued events, then the queued replies, until both queues are empty.
    void flush();

private:
    WireGroupConfig m_config;
    std::int64_t m_nowMs = 0;
    std::uint64_t m_memberCounter = 0;
    std::function<void(const WireGroupEvent &)> m_listener;
    std::vector<std::pair<WireGroupReply, std::vector<std::uint8_t>>> m_outbox;
    std::vector<WireGroupEvent> m_events;
    bool m_flushing = false;
};

} // namespace postoffice::broker
