#pragma once

#include <cstdint>

namespace postoffice::broker {

// Kafka's protocol error codes (the numeric values are Kafka's, so a trainer can look them up).
// Every broker call reports failure through one of these; nothing in the core throws or aborts.
enum class ErrorCode : std::int16_t {
    None = 0,
    OffsetOutOfRange = 1,
    CorruptMessage = 2,
    UnknownTopicOrPartition = 3,
    LeaderNotAvailable = 5,
    NotLeaderOrFollower = 6,
    RequestTimedOut = 7,
    MessageTooLarge = 10,
    InvalidTopicException = 17,
    NotEnoughReplicas = 19,
    NotEnoughReplicasAfterAppend = 20,
    IllegalGeneration = 22,
    InconsistentGroupProtocol = 23,
    InvalidGroupId = 24,
    UnknownMemberId = 25,
    InvalidSessionTimeout = 26,
    RebalanceInProgress = 27,
    InvalidCommitOffsetSize = 28,
    InvalidTimestamp = 32,
    TopicAlreadyExists = 36,
    InvalidPartitions = 37,
    InvalidReplicationFactor = 38,
    InvalidReplicaAssignment = 39,
    InvalidConfig = 40,
    InvalidRequest = 42,
    OutOfOrderSequenceNumber = 45,
    DuplicateSequenceNumber = 46,
    InvalidProducerEpoch = 47,
    InvalidRecord = 87,
    UnknownProducerId = 59,
    GroupIdNotFound = 69,
    FencedInstanceId = 82,
    UnstableOffsetCommit = 88,
};

// Kafka's spelling, e.g. "UNKNOWN_TOPIC_OR_PARTITION"; "UNKNOWN_SERVER_ERROR" for values not listed.
const char *errorName(ErrorCode code);

// Whether Kafka's producer retries a request that failed with this error (RetriableException).
bool isRetriable(ErrorCode code);

} // namespace postoffice::broker
