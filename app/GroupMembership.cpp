#include "GroupMembership.h"

#include "Assignor.h"

#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <utility>

namespace postoffice::app {

GroupMembership::GroupMembership(Host &host, std::uint32_t group, std::string topic, int partitions,
                                 QString node)
    : m_host(&host), m_group(group), m_topic(std::move(topic)), m_partitions(partitions),
      m_node(std::move(node))
{}

QString GroupMembership::memberId(const GroupRuntime &g, std::size_t m)
{
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, "%03zu", m);
    return QString::fromStdString(g.memberPrefix + suffix); // zero-padded: ids sort in member order
}

std::vector<std::vector<int>> GroupMembership::assignPartitions(const GroupRuntime &g) const
{
    broker::GroupSubscriptions subscriptions;
    std::vector<std::string> ids(g.members.size());
    for (std::size_t m = 0; m < g.members.size(); ++m) {
        const MemberRuntime &member = g.members[m];
        ids[m] = memberId(g, m).toStdString();
        if (!member.alive || !member.joined)
            continue;
        broker::MemberSubscription s;
        s.topics = {m_topic};
        for (int p : member.partitions)
            s.ownedPartitions.push_back({m_topic, p});
        s.generation = g.generation;
        subscriptions.emplace(ids[m], std::move(s));
    }
    std::vector<std::vector<int>> target(g.members.size());
    if (subscriptions.empty())
        return target;
    const broker::GroupAssignment assignment =
        g.assignor->assign({{m_topic, std::int32_t(m_partitions)}}, subscriptions);
    for (std::size_t m = 0; m < g.members.size(); ++m) {
        const auto it = assignment.find(ids[m]);
        if (it == assignment.end())
            continue;
        for (const broker::TopicPartition &tp : it->second)
            target[m].push_back(tp.partition);
    }
    return target;
}

void GroupMembership::form(GroupRuntime &g, double now)
{
    g.target = assignPartitions(g);
    completeRebalance(g, now);
}

void GroupMembership::crash(GroupRuntime &g, std::uint32_t mi, double now)
{
    MemberRuntime &member = g.members[mi];
    if (!member.alive)
        return;
    // The process dies with the record in hand and commits nothing more; its partitions stay
    // assigned to it in the coordinator's eyes, so nobody reads them until its session times out.
    member.alive = false;
    member.busy = false;
    member.waiting = false;
    member.busyPartition = -1;
    ++member.epoch;
    for (int p : member.partitions)
        g.owner[std::size_t(p)] = -1;
    member.partitions.clear();
    if (member.joined)
        m_host->scheduleSessionTimeout(now + g.sessionTimeoutS, m_group, mi, member.epoch);
}

void GroupMembership::onSessionTimeout(GroupRuntime &g, std::uint32_t mi, std::uint32_t epoch, double now)
{
    MemberRuntime &member = g.members[mi];
    if (member.alive || !member.joined || member.epoch != epoch || g.shared)
        return; // it came back (as a new member) in the meantime, or the coordinator outside decides
    // session.timeout.ms passed without a heartbeat: the coordinator removes the member.
    member.joined = false;
    g.left << memberId(g, mi);
    startRebalance(g, now);
}

void GroupMembership::rejoin(GroupRuntime &g, std::uint32_t mi, double now)
{
    MemberRuntime &member = g.members[mi];
    if (member.alive)
        return;
    // A restarted consumer sends JoinGroup at once; if its old session had not yet expired, the
    // rebalance it triggers replaces the old incarnation.
    member.alive = true;
    member.joined = true;
    ++member.epoch;
    if (g.shared)
        return; // it joins through the coordinator outside, which starts the rebalance
    g.joinedNow << memberId(g, mi);
    startRebalance(g, now);
}

void GroupMembership::revokeShared(GroupRuntime &g)
{
    if (g.autoCommit)
        for (std::size_t p = 0; p < g.owner.size(); ++p)
            if (g.owner[p] >= 0)
                m_host->commitPartition(m_group, int(p));
    g.rebalancing = true;
    g.roundOver = false;
    ++g.round; // a round of the group's own, if one was running, is void
    std::fill(g.paused.begin(), g.paused.end(), 1);
}

void GroupMembership::unshare(GroupRuntime &g, double now)
{
    g.shared = false;
    for (std::size_t m = 0; m < g.members.size(); ++m)
        if (!g.members[m].alive && g.members[m].joined) {
            // Its session timeout, if it fell while shared, was the coordinator's to act on.
            g.members[m].joined = false;
            g.left << memberId(g, m);
        }
    startRebalance(g, now);
}

void GroupMembership::assignShared(GroupRuntime &g, std::vector<std::vector<int>> partitions,
                                   const QStringList &outside, const std::string &protocol, double now)
{
    if (auto chosen = broker::Assignor::create(protocol))
        g.assignor = std::move(chosen);
    partitions.resize(g.members.size());
    g.target = std::move(partitions);
    completeRebalance(g, now, outside);
}

void GroupMembership::startRebalance(GroupRuntime &g, double now)
{
    // A membership change during a round restarts it with the new members.
    g.rebalancing = true;
    g.roundOver = false;
    ++g.round;
    g.target = assignPartitions(g);
    if (g.assignor->cooperative()) {
        // Incremental cooperative rebalancing (KIP-429): only partitions that change owner are
        // revoked; the others keep being read. (Kafka moves them in a second, follow-up round; the
        // engine folds both rounds into one.)
        std::vector<int> next(g.owner.size(), -1);
        for (std::size_t m = 0; m < g.target.size(); ++m)
            for (int p : g.target[m])
                next[std::size_t(p)] = int(m);
        for (std::size_t p = 0; p < g.owner.size(); ++p)
            g.paused[p] = g.owner[p] >= 0 && g.owner[p] != next[p] ? 1 : 0;
    } else {
        // Eager protocol (range, roundrobin, sticky): every member revokes everything and stops.
        std::fill(g.paused.begin(), g.paused.end(), 1);
    }
    m_host->scheduleRebalanceRound(now + kRoundS, m_group, g.round);
}

void GroupMembership::onRebalanceRound(GroupRuntime &g, std::uint32_t round, double now)
{
    if (!g.rebalancing || g.round != round)
        return;
    g.roundOver = true;
    tryCompleteRebalance(g, now);
}

void GroupMembership::tryCompleteRebalance(GroupRuntime &g, double now)
{
    if (!g.rebalancing || !g.roundOver)
        return;
    for (const MemberRuntime &member : g.members) {
        // The coordinator waits for every member to rejoin: a crashed one until its session times
        // out, a live one until it has finished the record of a revoked partition it holds.
        if (member.joined && !member.alive)
            return;
        if (member.alive && member.busy && member.busyPartition >= 0 &&
            g.paused[std::size_t(member.busyPartition)])
            return;
    }
    completeRebalance(g, now);
}

void GroupMembership::completeRebalance(GroupRuntime &g, double now, const QStringList &outside)
{
    const std::size_t parts = g.owner.size();
    // enable.auto.commit: members commit what they processed of the partitions they give up.
    if (g.autoCommit)
        for (std::size_t p = 0; p < parts; ++p)
            if (g.paused[p] && g.owner[p] >= 0)
                m_host->commitPartition(m_group, int(p));
    std::vector<char> moved(parts, 0);
    std::fill(g.owner.begin(), g.owner.end(), -1);
    for (std::size_t m = 0; m < g.members.size(); ++m) {
        MemberRuntime &member = g.members[m];
        if (!member.alive || !member.joined) {
            member.partitions.clear();
            continue;
        }
        const std::vector<int> before = member.partitions;
        member.partitions = g.target[m];
        for (int p : member.partitions) {
            g.owner[std::size_t(p)] = int(m);
            if (std::find(before.begin(), before.end(), p) == before.end())
                moved[std::size_t(p)] = 1;
        }
    }
    // Partitions that were revoked or change hands restart from the committed offsets: what was
    // processed but not committed comes again.
    for (std::size_t p = 0; p < parts; ++p)
        if (moved[p] || g.paused[p] || g.owner[p] < 0) {
            g.position[p] = g.committed[p];
            g.fetched[p] = FetchedRange{}; // a revoked partition's fetch session closes
        }
    ++g.generation;
    g.rebalancing = false;
    g.roundOver = false;
    std::fill(g.paused.begin(), g.paused.end(), 0);

    QStringList assigned;
    int members = 0;
    for (std::size_t m = 0; m < g.members.size(); ++m) {
        const MemberRuntime &member = g.members[m];
        if (!member.alive || !member.joined)
            continue;
        ++members;
        QStringList list;
        for (int p : member.partitions)
            list << QString::number(p);
        assigned << QStringLiteral("%1 ← [%2]").arg(memberId(g, m), list.join(QLatin1Char(',')));
    }
    QString why;
    if (!g.left.isEmpty())
        why += QStringLiteral("; left (session.timeout.ms %1 expired): %2")
                   .arg(g.sessionTimeoutS * 1000.0)
                   .arg(g.left.join(QStringLiteral(", ")));
    if (!g.joinedNow.isEmpty())
        why += QStringLiteral("; joined: %1").arg(g.joinedNow.join(QStringLiteral(", ")));
    if (!outside.isEmpty())
        why += QStringLiteral("; Kafka clients: %1").arg(outside.join(QStringLiteral("; ")));
    g.left.clear();
    g.joinedNow.clear();
    // The figures an observer words the rebalance from; `text` keeps the member detail for logs.
    SimEvent e;
    e.t_s = now;
    e.kind = SimEventKind::Rebalance;
    e.node = m_node;
    e.text = QStringLiteral("group %1 generation %2 (%3): %4 members on %5 partitions: %6%7")
                 .arg(g.name)
                 .arg(g.generation)
                 .arg(QString::fromLatin1(g.assignor->name().data(), qsizetype(g.assignor->name().size())))
                 .arg(members + int(outside.size()))
                 .arg(parts)
                 .arg(assigned.isEmpty() ? QStringLiteral("none") : assigned.join(QStringLiteral("; ")))
                 .arg(why);
    e.count = g.generation;
    e.members = members + int(outside.size());
    e.partitions = int(parts);
    e.moved = int(std::count(moved.begin(), moved.end(), char(1)));
    m_host->announce(std::move(e));
    for (std::size_t m = 0; m < g.members.size(); ++m)
        if (g.members[m].alive && g.members[m].joined)
            m_host->schedulePoll(now, m_group, std::uint32_t(m), g.members[m].epoch);
}

} // namespace postoffice::app
