#pragma once

#include "ErrorCode.h"
#include "WireGroup.h"
#include "WireGroupContext.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace postoffice::broker {

struct WireCommittedOffset
{
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t offset = -1;
    std::int32_t leaderEpoch = -1;
    std::string metadata;
    std::int64_t commitTimestampMs = 0;
};

// The committed offsets of every group (Kafka keeps them in __consumer_offsets; here in memory), and
// the two requests that reach them: OffsetCommit (api key 8), which only the current generation's
// members may use, or a standalone consumer (generation -1) while nobody uses the group; and
// OffsetFetch (9), which answers -1 for a partition without a commit.
class WireGroupOffsets
{
public:
    WireGroupOffsets(WireGroupContext &context, WireGroupMap &groups);

    // Kafka answers UNKNOWN_TOPIC_OR_PARTITION to a commit for a partition the cluster lacks; the
    // server knows the topics and may pass the check here (None = accept). Unset: all accepted.
    void setCommitValidator(std::function<ErrorCode(const std::string &topic, std::int32_t partition)> check);

    void offsetCommit(std::int16_t version, std::span<const std::uint8_t> body, WireGroupReply reply);
    void offsetFetch(std::int16_t version, std::span<const std::uint8_t> body, WireGroupReply reply);

    // Whether the group ever stored an offset (then it is kept even without members).
    bool holdsOffsets(const std::string &groupId) const;
    std::vector<WireCommittedOffset> committed(const std::string &groupId) const; // by topic, partition
    std::optional<std::int64_t> committed(const std::string &groupId, const std::string &topic,
                                          std::int32_t partition) const;

private:
    struct Committed
    {
        std::int64_t offset = -1;
        std::int32_t leaderEpoch = -1;
        std::string metadata;
        std::int64_t timestampMs = 0;
    };
    using GroupOffsets = std::map<std::pair<std::string, std::int32_t>, Committed>;

    // Whether (and why not) the request's member may commit now; may create a standalone group.
    ErrorCode commitError(const std::string &groupId, std::int32_t generationId, const std::string &memberId,
                          const std::optional<std::string> &instanceId, WireGroup *&group);
    const Committed *find(const std::string &groupId, const std::string &topic, std::int32_t partition) const;

    WireGroupContext &m_context;
    WireGroupMap &m_groups;
    std::map<std::string, GroupOffsets> m_offsets; // by group id
    std::function<ErrorCode(const std::string &, std::int32_t)> m_commitValidator;
};

} // namespace postoffice::broker
