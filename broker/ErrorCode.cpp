#include "ErrorCode.h"

namespace postoffice::broker {

const char *errorName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None:
        return "NONE";
    case ErrorCode::OffsetOutOfRange:
        return "OFFSET_OUT_OF_RANGE";
    case ErrorCode::CorruptMessage:
        return "CORRUPT_MESSAGE";
    case ErrorCode::UnknownTopicOrPartition:
        return "UNKNOWN_TOPIC_OR_PARTITION";
    case ErrorCode::LeaderNotAvailable:
        return "LEADER_NOT_AVAILABLE";
    case ErrorCode::NotLeaderOrFollower:
        return "NOT_LEADER_OR_FOLLOWER";
    case ErrorCode::RequestTimedOut:
        return "REQUEST_TIMED_OUT";
    case ErrorCode::MessageTooLarge:
        return "MESSAGE_TOO_LARGE";
    case ErrorCode::InvalidTopicException:
        return "INVALID_TOPIC_EXCEPTION";
    case ErrorCode::NotEnoughReplicas:
        return "NOT_ENOUGH_REPLICAS";
    case ErrorCode::NotEnoughReplicasAfterAppend:
        return "NOT_ENOUGH_REPLICAS_AFTER_APPEND";
    case ErrorCode::IllegalGeneration:
        return "ILLEGAL_GENERATION";
    case ErrorCode::InconsistentGroupProtocol:
        return "INCONSISTENT_GROUP_PROTOCOL";
    case ErrorCode::InvalidGroupId:
        return "INVALID_GROUP_ID";
    case ErrorCode::UnknownMemberId:
        return "UNKNOWN_MEMBER_ID";
    case ErrorCode::InvalidSessionTimeout:
        return "INVALID_SESSION_TIMEOUT";
    case ErrorCode::RebalanceInProgress:
        return "REBALANCE_IN_PROGRESS";
    case ErrorCode::InvalidCommitOffsetSize:
        return "INVALID_COMMIT_OFFSET_SIZE";
    case ErrorCode::InvalidTimestamp:
        return "INVALID_TIMESTAMP";
    case ErrorCode::TopicAlreadyExists:
        return "TOPIC_ALREADY_EXISTS";
    case ErrorCode::InvalidPartitions:
        return "INVALID_PARTITIONS";
    case ErrorCode::InvalidReplicationFactor:
        return "INVALID_REPLICATION_FACTOR";
    case ErrorCode::InvalidReplicaAssignment:
        return "INVALID_REPLICA_ASSIGNMENT";
    case ErrorCode::InvalidConfig:
        return "INVALID_CONFIG";
    case ErrorCode::InvalidRequest:
        return "INVALID_REQUEST";
    case ErrorCode::OutOfOrderSequenceNumber:
        return "OUT_OF_ORDER_SEQUENCE_NUMBER";
    case ErrorCode::DuplicateSequenceNumber:
        return "DUPLICATE_SEQUENCE_NUMBER";
    case ErrorCode::InvalidProducerEpoch:
        return "INVALID_PRODUCER_EPOCH";
    case ErrorCode::InvalidRecord:
        return "INVALID_RECORD";
    case ErrorCode::UnknownProducerId:
        return "UNKNOWN_PRODUCER_ID";
    case ErrorCode::GroupIdNotFound:
        return "GROUP_ID_NOT_FOUND";
    case ErrorCode::FencedInstanceId:
        return "FENCED_INSTANCE_ID";
    case ErrorCode::UnstableOffsetCommit:
        return "UNSTABLE_OFFSET_COMMIT";
    }
    return "UNKNOWN_SERVER_ERROR";
}

bool isRetriable(ErrorCode code)
{
    switch (code) {
    case ErrorCode::CorruptMessage:
    case ErrorCode::UnknownTopicOrPartition:
    case ErrorCode::LeaderNotAvailable:
    case ErrorCode::NotLeaderOrFollower:
    case ErrorCode::RequestTimedOut:
    case ErrorCode::NotEnoughReplicas:
    case ErrorCode::NotEnoughReplicasAfterAppend:
    case ErrorCode::UnstableOffsetCommit:
        return true;
    default:
        return false;
    }
}

} // namespace postoffice::broker
