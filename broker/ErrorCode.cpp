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
    case ErrorCode::UnknownServerError:
        return "UNKNOWN_SERVER_ERROR";
    case ErrorCode::InvalidFetchSize:
        return "INVALID_FETCH_SIZE";
    case ErrorCode::BrokerNotAvailable:
        return "BROKER_NOT_AVAILABLE";
    case ErrorCode::ReplicaNotAvailable:
        return "REPLICA_NOT_AVAILABLE";
    case ErrorCode::OffsetMetadataTooLarge:
        return "OFFSET_METADATA_TOO_LARGE";
    case ErrorCode::NetworkException:
        return "NETWORK_EXCEPTION";
    case ErrorCode::CoordinatorLoadInProgress:
        return "COORDINATOR_LOAD_IN_PROGRESS";
    case ErrorCode::CoordinatorNotAvailable:
        return "COORDINATOR_NOT_AVAILABLE";
    case ErrorCode::NotCoordinator:
        return "NOT_COORDINATOR";
    case ErrorCode::RecordListTooLarge:
        return "RECORD_LIST_TOO_LARGE";
    case ErrorCode::InvalidRequiredAcks:
        return "INVALID_REQUIRED_ACKS";
    case ErrorCode::UnsupportedVersion:
        return "UNSUPPORTED_VERSION";
    case ErrorCode::NotController:
        return "NOT_CONTROLLER";
    case ErrorCode::UnsupportedForMessageFormat:
        return "UNSUPPORTED_FOR_MESSAGE_FORMAT";
    case ErrorCode::NonEmptyGroup:
        return "NON_EMPTY_GROUP";
    case ErrorCode::FencedLeaderEpoch:
        return "FENCED_LEADER_EPOCH";
    case ErrorCode::UnknownLeaderEpoch:
        return "UNKNOWN_LEADER_EPOCH";
    case ErrorCode::UnsupportedCompressionType:
        return "UNSUPPORTED_COMPRESSION_TYPE";
    case ErrorCode::MemberIdRequired:
        return "MEMBER_ID_REQUIRED";
    case ErrorCode::GroupMaxSizeReached:
        return "GROUP_MAX_SIZE_REACHED";
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
    case ErrorCode::ReplicaNotAvailable:
    case ErrorCode::NetworkException:
    case ErrorCode::CoordinatorLoadInProgress:
    case ErrorCode::CoordinatorNotAvailable:
    case ErrorCode::NotCoordinator:
    case ErrorCode::NotController:
    case ErrorCode::FencedLeaderEpoch:
    case ErrorCode::UnknownLeaderEpoch:
        return true;
    default:
        return false;
    }
}

} // namespace postoffice::broker
