#include "StickyAssignor.h"

#include <algorithm>
#include <deque>

namespace postoffice::broker {

namespace {

// java.lang.String.hashCode for ASCII/Latin-1 member ids (one UTF-16 unit per byte).
std::uint32_t javaStringHash(std::string_view s)
{
    std::uint32_t h = 0;
    for (unsigned char c : s)
        h = 31u * h + c;
    return h;
}

} // namespace

std::vector<std::string>
StickyAssignor::javaHashMapOrder(const std::vector<std::string> &keysInInsertionOrder)
{
    // HashMap starts with 16 buckets and doubles whenever size exceeds 0.75 × capacity.
    std::size_t capacity = 16;
    while (keysInInsertionOrder.size() * 4 > capacity * 3)
        capacity *= 2;
    std::vector<std::pair<std::size_t, std::size_t>> order; // (bucket, insertion index)
    for (std::size_t i = 0; i < keysInInsertionOrder.size(); ++i) {
        const std::uint32_t h = javaStringHash(keysInInsertionOrder[i]);
        order.emplace_back((h ^ (h >> 16)) & (capacity - 1), i);
    }
    std::sort(order.begin(), order.end());
    std::vector<std::string> keys;
    for (const auto &[bucket, index] : order)
        keys.push_back(keysInInsertionOrder[index]);
    return keys;
}

bool StickyAssignor::allSubscriptionsEqual(const GroupSubscriptions &subscriptions)
{
    std::set<std::string> first;
    for (const auto &[memberId, subscription] : subscriptions) {
        std::set<std::string> topics(subscription.topics.begin(), subscription.topics.end());
        // Java (re)seeds the comparison set while it is still empty.
        if (first.empty()) {
            first = std::move(topics);
            continue;
        }
        if (topics != first)
            return false;
    }
    return true;
}

StickyAssignor::OwnedPartitions StickyAssignor::validOwnedPartitions(const std::set<std::string> &topics,
                                                                     const GroupSubscriptions &subscriptions,
                                                                     std::set<TopicPartition> &claimedTwice)
{
    // A partition claimed by two members keeps the claim of the newer generation; two claims in the same
    // generation are both void (Kafka's allSubscriptionsEqual bookkeeping).
    OwnedPartitions owned;
    std::map<TopicPartition, std::string> claimant;
    std::vector<std::string> ids;
    for (const auto &[memberId, subscription] : subscriptions)
        ids.push_back(memberId);
    for (const std::string &memberId : javaHashMapOrder(ids)) {
        const MemberSubscription &subscription = subscriptions.at(memberId);
        auto &mine = owned[memberId];
        for (const TopicPartition &tp : subscription.ownedPartitions) {
            if (!topics.contains(tp.topic))
                continue;
            auto other = claimant.find(tp);
            if (other == claimant.end()) {
                mine.push_back(tp);
                claimant[tp] = memberId;
                continue;
            }
            const std::int32_t otherGeneration = subscriptions.at(other->second).generation;
            auto &theirs = owned[other->second];
            if (subscription.generation == otherGeneration) {
                claimedTwice.insert(tp);
                std::erase(theirs, tp);
                other->second = memberId;
            } else if (subscription.generation > otherGeneration) {
                mine.push_back(tp);
                std::erase(theirs, tp);
                other->second = memberId;
            }
        }
    }
    return owned;
}

GroupAssignment StickyAssignor::assign(const PartitionCounts &partitionsPerTopic,
                                       const GroupSubscriptions &subscriptions) const
{
    if (subscriptions.empty())
        return {};
    // Only existing topics that someone subscribes to take part, as in Kafka's AbstractPartitionAssignor.
    std::set<std::string> topics;
    PartitionCounts relevant;
    std::vector<TopicPartition> allPartitions;
    for (const auto &[topic, count] : partitionsPerTopic) {
        const bool subscribed =
            std::any_of(subscriptions.begin(), subscriptions.end(),
                        [&](const auto &entry) { return subscribes(entry.second, topic); });
        if (!subscribed)
            continue;
        topics.insert(topic);
        relevant[topic] = count;
        for (std::int32_t p = 0; p < count; ++p)
            allPartitions.push_back({topic, p});
    }
    std::set<TopicPartition> claimedTwice;
    const OwnedPartitions owned = validOwnedPartitions(topics, subscriptions, claimedTwice);
    if (allSubscriptionsEqual(subscriptions))
        return constrainedAssign(allPartitions, subscriptions, owned, claimedTwice);
    return generalAssign(relevant, allPartitions, subscriptions, owned);
}

GroupAssignment StickyAssignor::constrainedAssign(const std::vector<TopicPartition> &allPartitions,
                                                  const GroupSubscriptions &subscriptions,
                                                  const OwnedPartitions &owned,
                                                  const std::set<TopicPartition> &claimedTwice)
{
    GroupAssignment assignment = emptyAssignment(subscriptions);
    const auto members = static_cast<std::int32_t>(subscriptions.size());
    const auto total = static_cast<std::int32_t>(allPartitions.size());
    const std::int32_t minQuota = total / members;
    const std::int32_t maxQuota = (total + members - 1) / members;
    const std::int32_t expectedOverMin = total % members;
    std::int32_t currentOverMin = 0;

    std::vector<std::string> underMin;
    std::deque<std::string> exactlyMin;
    std::set<TopicPartition> assigned;

    // Step 1: keep owned partitions up to the quota, visiting members in Java's HashMap order.
    std::vector<std::string> ids;
    for (const auto &[memberId, subscription] : subscriptions)
        ids.push_back(memberId);
    for (const std::string &memberId : javaHashMapOrder(ids)) {
        std::vector<TopicPartition> mine;
        for (const TopicPartition &tp : owned.at(memberId)) {
            if (!claimedTwice.contains(tp))
                mine.push_back(tp);
        }
        // Kafka sorts owned partitions by partition number first, then topic.
        std::sort(mine.begin(), mine.end(), [](const TopicPartition &a, const TopicPartition &b) {
            return a.partition != b.partition ? a.partition < b.partition : a.topic < b.topic;
        });
        auto &target = assignment[memberId];
        const auto ownedCount = static_cast<std::int32_t>(mine.size());
        std::int32_t keep = 0;
        if (ownedCount < minQuota) {
            keep = ownedCount;
            underMin.push_back(memberId);
        } else if (ownedCount >= maxQuota && currentOverMin < expectedOverMin) {
            keep = maxQuota;
            if (++currentOverMin == expectedOverMin)
                exactlyMin.clear();
        } else {
            keep = minQuota;
            if (currentOverMin < expectedOverMin)
                exactlyMin.push_back(memberId);
        }
        for (std::int32_t i = 0; i < keep; ++i) {
            target.push_back(mine[static_cast<std::size_t>(i)]);
            assigned.insert(mine[static_cast<std::size_t>(i)]);
        }
    }

    std::sort(underMin.begin(), underMin.end());
    std::sort(exactlyMin.begin(), exactlyMin.end());

    // Step 2: deal the rest round-robin, first to members under minQuota, then one more each to members at
    // minQuota until the expected number of members hold maxQuota.
    std::size_t next = 0;
    for (const TopicPartition &tp : allPartitions) {
        if (assigned.contains(tp))
            continue;
        std::string member;
        bool fromIterator = false;
        if (next < underMin.size()) {
            member = underMin[next++];
            fromIterator = true;
        } else if (!underMin.empty()) {
            next = 0;
            member = underMin[next++];
            fromIterator = true;
        } else if (!exactlyMin.empty()) {
            member = exactlyMin.front();
            exactlyMin.pop_front();
        } else {
            break; // cannot happen: the quotas add up to the partition count
        }
        auto &target = assignment[member];
        target.push_back(tp);
        const auto count = static_cast<std::int32_t>(target.size());
        if (count == minQuota) {
            if (fromIterator)
                underMin.erase(underMin.begin() + static_cast<std::ptrdiff_t>(--next));
            exactlyMin.push_back(member);
        } else if (count == maxQuota) {
            ++currentOverMin;
        }
    }
    return assignment;
}

GroupAssignment StickyAssignor::generalAssign(const PartitionCounts &partitionsPerTopic,
                                              const std::vector<TopicPartition> &allPartitions,
                                              const GroupSubscriptions &subscriptions,
                                              const OwnedPartitions &owned)
{
    GroupAssignment assignment = emptyAssignment(subscriptions);
    std::set<TopicPartition> assigned;
    for (const auto &[memberId, partitions] : owned) {
        for (const TopicPartition &tp : partitions) {
            if (subscribes(subscriptions.at(memberId), tp.topic) && !assigned.contains(tp)) {
                assignment[memberId].push_back(tp);
                assigned.insert(tp);
            }
        }
    }
    std::map<std::string, std::int32_t> potentialConsumers;
    for (const auto &[topic, count] : partitionsPerTopic) {
        for (const auto &[memberId, subscription] : subscriptions)
            potentialConsumers[topic] += subscribes(subscription, topic) ? 1 : 0;
    }
    // Partitions with the fewest possible owners first, so the flexible ones fill the gaps.
    std::vector<TopicPartition> unassigned;
    for (const TopicPartition &tp : allPartitions) {
        if (!assigned.contains(tp))
            unassigned.push_back(tp);
    }
    std::stable_sort(unassigned.begin(), unassigned.end(),
                     [&](const TopicPartition &a, const TopicPartition &b) {
                         return potentialConsumers[a.topic] < potentialConsumers[b.topic];
                     });
    auto leastLoadedFor = [&](const std::string &topic, std::size_t below) -> const std::string * {
        const std::string *best = nullptr;
        for (const auto &[memberId, subscription] : subscriptions) {
            const std::size_t size = assignment[memberId].size();
            if (subscribes(subscription, topic) && size < below &&
                (best == nullptr || size < assignment[*best].size()))
                best = &memberId;
        }
        return best;
    };
    for (const TopicPartition &tp : unassigned) {
        if (const std::string *member = leastLoadedFor(tp.topic, SIZE_MAX))
            assignment[*member].push_back(tp);
    }
    // Balance: move a partition from a member to an eligible one holding at least two fewer. Each move lowers
    // the sum of squared assignment sizes, so this ends.
    for (bool moved = true; moved;) {
        moved = false;
        std::vector<std::string> byLoad;
        for (const auto &[memberId, partitions] : assignment)
            byLoad.push_back(memberId);
        std::stable_sort(byLoad.begin(), byLoad.end(), [&](const std::string &a, const std::string &b) {
            return assignment[a].size() > assignment[b].size();
        });
        for (const std::string &from : byLoad) {
            auto &source = assignment[from];
            for (std::size_t i = 0; i < source.size() && !moved; ++i) {
                if (const std::string *to = leastLoadedFor(source[i].topic, source.size() - 1)) {
                    assignment[*to].push_back(source[i]);
                    source.erase(source.begin() + static_cast<std::ptrdiff_t>(i));
                    moved = true;
                }
            }
            if (moved)
                break;
        }
    }
    return assignment;
}

} // namespace postoffice::broker
