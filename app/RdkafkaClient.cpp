#include "RdkafkaClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <map>
#include <thread>
#include <utility>

namespace postoffice::app {

namespace {

RdkafkaClient *clientOf(void *opaque)
{
    return static_cast<RdkafkaClient *>(opaque);
}

extern "C" void logCallback(const rd_kafka_t *rk, int level, const char *facility, const char *message)
{
    if (void *opaque = rd_kafka_opaque(rk))
        clientOf(opaque)->onLog(level, facility, message);
}

extern "C" void errorCallback(rd_kafka_t *, int err, const char *reason, void *opaque)
{
    if (opaque)
        clientOf(opaque)->onError(err, reason);
}

extern "C" int statsCallback(rd_kafka_t *, char *json, size_t length, void *opaque)
{
    if (opaque)
        clientOf(opaque)->onStats(json, length);
    return 0; // librdkafka frees the JSON
}

void destroyHandle(rd_kafka_t *rk)
{
    if (!rk)
        return;
    // These handles never subscribe, so closing is quick; destroying a group.id handle without
    // closing it first (RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE) deadlocked librdkafka 2.0.2 now and
    // then (its main thread waiting on a lock while rd_kafka_destroy joined it).
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
}

struct PartitionList
{
    rd_kafka_topic_partition_list_t *list;
    explicit PartitionList(int size) : list(rd_kafka_topic_partition_list_new(size)) {}
    ~PartitionList() { rd_kafka_topic_partition_list_destroy(list); }
    PartitionList(const PartitionList &) = delete;
    PartitionList &operator=(const PartitionList &) = delete;
};

struct AdminOptions
{
    rd_kafka_AdminOptions_t *options;
    AdminOptions(rd_kafka_t *rk, rd_kafka_admin_op_t op, int timeoutMs)
        : options(rd_kafka_AdminOptions_new(rk, op))
    {
        char err[256];
        rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, err, sizeof err);
    }
    ~AdminOptions() { rd_kafka_AdminOptions_destroy(options); }
    AdminOptions(const AdminOptions &) = delete;
    AdminOptions &operator=(const AdminOptions &) = delete;
};

struct Queue
{
    rd_kafka_queue_t *queue;
    explicit Queue(rd_kafka_t *rk) : queue(rd_kafka_queue_new(rk)) {}
    ~Queue() { rd_kafka_queue_destroy(queue); }
    Queue(const Queue &) = delete;
    Queue &operator=(const Queue &) = delete;
};

// An admin request's result. Its request timeout makes librdkafka answer in time; the margin only
// guards against a librdkafka that does not. A request is never abandoned while it may still
// answer: destroying a handle with an abandoned admin request (its reply queue gone) deadlocked
// librdkafka 2.0.2's rd_kafka_destroy now and then.
rd_kafka_event_t *awaitResult(rd_kafka_queue_t *queue, int timeoutMs)
{
    return rd_kafka_queue_poll(queue, timeoutMs + 30000);
}

bool isUnsupported(rd_kafka_resp_err_t err)
{
    return err == RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE || err == RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION;
}

QString groupStateName(rd_kafka_consumer_group_state_t state)
{
    switch (state) {
    case RD_KAFKA_CONSUMER_GROUP_STATE_PREPARING_REBALANCE:
        return QStringLiteral("PreparingRebalance");
    case RD_KAFKA_CONSUMER_GROUP_STATE_COMPLETING_REBALANCE:
        return QStringLiteral("CompletingRebalance");
    case RD_KAFKA_CONSUMER_GROUP_STATE_STABLE:
        return QStringLiteral("Stable");
    case RD_KAFKA_CONSUMER_GROUP_STATE_DEAD:
        return QStringLiteral("Dead");
    case RD_KAFKA_CONSUMER_GROUP_STATE_EMPTY:
        return QStringLiteral("Empty");
    default:
        return QStringLiteral("Unknown");
    }
}

} // namespace

RdkafkaClient::RdkafkaClient(WatchConfig config) : m_config(std::move(config)) {}

RdkafkaClient::~RdkafkaClient()
{
    for (rd_kafka_t *rk : std::as_const(m_groupHandles))
        destroyHandle(rk);
    releaseAdmin();
    destroyHandle(m_rk);
}

void RdkafkaClient::releaseAdmin()
{
    // librdkafka 2.0.2's rd_kafka_destroy of a handle whose group request hung on a connection
    // (seen against its mock cluster, which drops connections on ListGroups/DescribeGroups)
    // sometimes never returns. Destroyed on a thread of its own, such a handle costs a thread
    // until the process ends instead of freezing the watcher.
    if (rd_kafka_t *rk = std::exchange(m_admin, nullptr))
        std::thread([rk] { destroyHandle(rk); }).detach();
}

std::optional<QString> RdkafkaClient::configProblem(const WatchConfig &config)
{
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    std::optional<QString> problem;
    for (const auto &[key, value] : config.properties) {
        if (rd_kafka_conf_set(conf, key.toUtf8().constData(), value.toUtf8().constData(), err, sizeof err) !=
            RD_KAFKA_CONF_OK) {
            // librdkafka's message may quote the value; a secret's value must not be echoed.
            problem = WatchConfig::isSecret(key)
                          ? QStringLiteral("property '%1' is not accepted by librdkafka").arg(key)
                          : QStringLiteral("property '%1': %2").arg(key, QString::fromUtf8(err));
            break;
        }
    }
    rd_kafka_conf_destroy(conf);
    return problem;
}

rd_kafka_conf_t *RdkafkaClient::newConf(const QString &groupId, QString *error)
{
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    const int statsMs = qBound(100, m_config.intervalMs / 2, 5000);
    const std::pair<QString, QString> defaults[] = {
        {QStringLiteral("client.id"), QStringLiteral("postoffice-watch")},
        // One connection per broker, so that the statistics tell which broker is reachable.
        {QStringLiteral("enable.sparse.connections"), QStringLiteral("false")},
        {QStringLiteral("statistics.interval.ms"), QString::number(groupId.isEmpty() ? statsMs : 0)},
        // A broker that comes back is seen within a poll or two.
        {QStringLiteral("reconnect.backoff.max.ms"), QStringLiteral("1000")},
        {QStringLiteral("enable.auto.commit"), QStringLiteral("false")},
    };
    auto set = [&](const QString &key, const QString &value) {
        if (rd_kafka_conf_set(conf, key.toUtf8().constData(), value.toUtf8().constData(), err, sizeof err) ==
            RD_KAFKA_CONF_OK)
            return true;
        if (error)
            *error = WatchConfig::isSecret(key)
                         ? QStringLiteral("property '%1' is not accepted by librdkafka").arg(key)
                         : QStringLiteral("property '%1': %2").arg(key, QString::fromUtf8(err));
        return false;
    };
    bool ok = true;
    for (const auto &[key, value] : defaults)
        ok = ok && set(key, value);
    for (const auto &[key, value] : m_config.properties)
        if (key != QLatin1String("bootstrap.servers") && key != QLatin1String("group.id"))
            ok = ok && set(key, value);
    ok = ok && set(QStringLiteral("bootstrap.servers"), m_config.bootstrap);
    if (!groupId.isEmpty())
        ok = ok && set(QStringLiteral("group.id"), groupId);
    if (!ok) {
        rd_kafka_conf_destroy(conf);
        return nullptr;
    }
    rd_kafka_conf_set_opaque(conf, this);
    rd_kafka_conf_set_log_cb(conf, logCallback);
    rd_kafka_conf_set_error_cb(conf, errorCallback);
    if (groupId.isEmpty())
        rd_kafka_conf_set_stats_cb(conf, statsCallback);
    return conf;
}

rd_kafka_t *RdkafkaClient::newHandle(const QString &groupId, QString *error)
{
    rd_kafka_conf_t *conf = newConf(groupId, error);
    if (!conf)
        return nullptr;
    char err[512];
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        if (error)
            *error = QStringLiteral("librdkafka could not create a client: %1").arg(QString::fromUtf8(err));
    }
    return rk;
}

bool RdkafkaClient::ensureHandles(QString *error)
{
    if (!m_rk)
        m_rk = newHandle({}, error);
    if (m_rk && !m_admin && m_groupApisSupported) {
        // The admin handle needs no statistics of its own.
        m_admin = newHandle({}, error);
    }
    return m_rk && (m_admin || !m_groupApisSupported);
}

void RdkafkaClient::onLog(int level, const char *facility, const char *message)
{
    if (level > 3) // LOG_ERR and worse only; the rest is librdkafka's chatter
        return;
    QMutexLocker lock(&m_logMutex);
    const QString line =
        QStringLiteral("%1: %2").arg(QString::fromUtf8(facility), QString::fromUtf8(message));
    if (!m_logErrors.contains(line) && m_logErrors.size() < 20)
        m_logErrors << line;
}

void RdkafkaClient::onError(int err, const char *reason)
{
    m_lastError = QStringLiteral("%1 (%2)").arg(
        QString::fromUtf8(reason), QString::fromUtf8(rd_kafka_err2name(rd_kafka_resp_err_t(err))));
}

void RdkafkaClient::onStats(const char *json, size_t length)
{
    const QJsonObject brokers = QJsonDocument::fromJson(QByteArray(json, qsizetype(length)))
                                    .object()
                                    .value(QStringLiteral("brokers"))
                                    .toObject();
    for (auto it = brokers.begin(); it != brokers.end(); ++it) {
        const QJsonObject b = it.value().toObject();
        const int id = b.value(QStringLiteral("nodeid")).toInt(-1);
        if (id < 0)
            continue; // a bootstrap entry, not a broker of the cluster
        const QString state = b.value(QStringLiteral("state")).toString();
        m_brokerStates.insert(id, state);
        if (state == QLatin1String("UP"))
            m_everUp.insert(id);
    }
}

QStringList RdkafkaClient::takeLogErrors()
{
    QMutexLocker lock(&m_logMutex);
    QStringList out;
    out.swap(m_logErrors);
    return out;
}

bool RdkafkaClient::observe(ClusterObservation &obs, int timeoutMs, QString *error)
{
    if (!ensureHandles(error))
        return false;
    m_lastError.clear();
    rd_kafka_poll(m_rk, 0); // serves statistics and error callbacks
    if (m_admin)
        rd_kafka_poll(m_admin, 0);

    const rd_kafka_metadata_t *md = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(m_rk, 1, nullptr, &md, timeoutMs);
    rd_kafka_poll(m_rk, 0);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (error) {
            QString why = QString::fromUtf8(rd_kafka_err2str(err));
            if (!m_lastError.isEmpty())
                why += QStringLiteral("; librdkafka: ") + m_lastError;
            else if (const QStringList logs = takeLogErrors(); !logs.isEmpty())
                why += QStringLiteral("; librdkafka: ") + logs.last();
            *error = QStringLiteral("cannot reach the cluster at %1: %2").arg(m_config.bootstrap, why);
        }
        return false;
    }

    ClusterObservation fresh;
    fresh.sequence = obs.sequence;
    fresh.at = obs.at;
    fresh.elapsedMs = obs.elapsedMs;
    for (int i = 0; i < md->broker_cnt; ++i) {
        BrokerObservation b;
        b.id = md->brokers[i].id;
        b.host = QString::fromUtf8(md->brokers[i].host);
        b.port = md->brokers[i].port;
        const QString state = m_brokerStates.value(b.id);
        b.up = state.isEmpty() || state == QLatin1String("UP") || state == QLatin1String("INIT") ||
               (!m_everUp.contains(b.id) && state != QLatin1String("DOWN") &&
                state != QLatin1String("TRY_CONNECT"));
        fresh.brokers.push_back(b);
    }
    std::sort(fresh.brokers.begin(), fresh.brokers.end(),
              [](const auto &a, const auto &b) { return a.id < b.id; });
    for (int i = 0; i < md->topic_cnt; ++i) {
        const rd_kafka_metadata_topic_t &mt = md->topics[i];
        TopicObservation t;
        t.name = QString::fromUtf8(mt.topic);
        if (t.name.startsWith(QLatin1String("__")))
            continue; // __consumer_offsets, __transaction_state: Kafka's own
        if (mt.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            t.error = QString::fromUtf8(rd_kafka_err2str(mt.err));
            if (mt.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
                continue; // being deleted
            fresh.warnings << QStringLiteral("topic %1: %2").arg(t.name, t.error);
        }
        for (int j = 0; j < mt.partition_cnt; ++j) {
            const rd_kafka_metadata_partition_t &mp = mt.partitions[j];
            PartitionObservation p;
            p.partition = mp.id;
            p.leader = mp.leader;
            for (int r = 0; r < mp.replica_cnt; ++r)
                p.replicas << mp.replicas[r];
            for (int r = 0; r < mp.isr_cnt; ++r)
                p.isr << mp.isrs[r];
            if (mp.err != RD_KAFKA_RESP_ERR_NO_ERROR)
                p.error = QString::fromUtf8(rd_kafka_err2str(mp.err));
            t.partitions.push_back(p);
        }
        std::sort(t.partitions.begin(), t.partitions.end(),
                  [](const auto &a, const auto &b) { return a.partition < b.partition; });
        fresh.topics.push_back(t);
    }
    rd_kafka_metadata_destroy(md);
    std::sort(fresh.topics.begin(), fresh.topics.end(),
              [](const auto &a, const auto &b) { return a.name < b.name; });
    const int controller = rd_kafka_controllerid(m_rk, 0);
    fresh.controllerId = fresh.broker(controller) ? controller : -1;

    queryOffsets(fresh, timeoutMs);

    QStringList groupIds = listGroups(timeoutMs, fresh.warnings);
    for (const QString &g : m_config.extraGroups)
        if (!groupIds.contains(g))
            groupIds << g;
    groupIds.sort();
    for (const QString &id : groupIds) {
        GroupObservation g;
        g.id = id;
        fresh.groups.push_back(g);
    }
    describeGroups(fresh, timeoutMs);
    if (!m_groupApisSupported)
        releaseAdmin(); // its requests and queues are all done with by now
    for (auto &g : fresh.groups)
        queryCommitted(fresh, g, timeoutMs);
    // Handles of groups no longer watched go.
    for (auto it = m_groupHandles.begin(); it != m_groupHandles.end();) {
        if (groupIds.contains(it.key())) {
            ++it;
        } else {
            destroyHandle(it.value());
            it = m_groupHandles.erase(it);
        }
    }
    for (const QString &line : takeLogErrors())
        fresh.warnings << QStringLiteral("librdkafka: ") + line;
    obs = std::move(fresh);
    return true;
}

void RdkafkaClient::queryOffsets(ClusterObservation &obs, int timeoutMs)
{
    // One batched ListOffsets per leader, so that one unreachable leader costs only its partitions.
    std::map<int, std::vector<std::pair<TopicObservation *, PartitionObservation *>>> byLeader;
    for (auto &t : obs.topics)
        for (auto &p : t.partitions) {
            const BrokerObservation *leader = obs.broker(p.leader);
            if (!leader || !leader->up) {
                if (p.error.isEmpty())
                    p.error = p.leader < 0 ? QStringLiteral("no leader")
                                           : QStringLiteral("leader broker %1 unreachable").arg(p.leader);
                continue;
            }
            byLeader[p.leader].emplace_back(&t, &p);
        }
    for (auto &[leader, parts] : byLeader) {
        for (const int64_t which : {int64_t(-2), int64_t(-1)}) { // EARLIEST, LATEST
            PartitionList list(int(parts.size()));
            for (const auto &[t, p] : parts)
                rd_kafka_topic_partition_list_add(list.list, t->name.toUtf8().constData(), p->partition)
                    ->offset = which;
            const rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(m_rk, list.list, timeoutMs);
            for (int i = 0; i < list.list->cnt; ++i) {
                const rd_kafka_topic_partition_t &e = list.list->elems[i];
                PartitionObservation *p = parts[size_t(i)].second;
                if (err == RD_KAFKA_RESP_ERR_NO_ERROR && e.err == RD_KAFKA_RESP_ERR_NO_ERROR && e.offset >= 0)
                    (which == -2 ? p->logStart : p->logEnd) = e.offset;
                else if (p->error.isEmpty())
                    p->error =
                        QString::fromUtf8(rd_kafka_err2str(err != RD_KAFKA_RESP_ERR_NO_ERROR ? err : e.err));
            }
            if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
                obs.warnings
                    << QStringLiteral("offsets from broker %1: %2").arg(leader).arg(rd_kafka_err2str(err));
                break;
            }
        }
    }
}

QStringList RdkafkaClient::listGroups(int timeoutMs, QStringList &warnings)
{
    QStringList ids;
    if (!m_groupApisSupported)
        return ids;
    Queue q(m_admin);
    AdminOptions options(m_admin, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, timeoutMs);
    rd_kafka_ListConsumerGroups(m_admin, options.options, q.queue);
    rd_kafka_event_t *ev = awaitResult(q.queue, timeoutMs);
    if (!ev) {
        warnings << QStringLiteral("listing consumer groups timed out");
        return ids;
    }
    if (rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        warnings << QStringLiteral("cannot list consumer groups: %1")
                        .arg(QString::fromUtf8(rd_kafka_event_error_string(ev)));
        rd_kafka_event_destroy(ev);
        return ids;
    }
    const rd_kafka_ListConsumerGroups_result_t *result = rd_kafka_event_ListConsumerGroups_result(ev);
    size_t count = 0;
    const rd_kafka_ConsumerGroupListing_t **listings =
        rd_kafka_ListConsumerGroups_result_valid(result, &count);
    for (size_t i = 0; i < count; ++i) {
        const QString id = QString::fromUtf8(rd_kafka_ConsumerGroupListing_group_id(listings[i]));
        // Each broker lists the groups it coordinates; a group listed twice is one group.
        if (!ids.contains(id) && (!rd_kafka_ConsumerGroupListing_is_simple_consumer_group(listings[i]) ||
                                  m_config.extraGroups.contains(id)))
            ids << id;
    }
    size_t errorCount = 0;
    const rd_kafka_error_t **errors = rd_kafka_ListConsumerGroups_result_errors(result, &errorCount);
    // Unsupported by any broker and listed by none: this cluster does not list groups.
    bool unsupported = false;
    QStringList reasons;
    for (size_t i = 0; i < errorCount; ++i) {
        unsupported = unsupported || (count == 0 && isUnsupported(rd_kafka_error_code(errors[i])));
        const QString reason = QString::fromUtf8(rd_kafka_error_string(errors[i]));
        if (!reasons.contains(reason))
            reasons << reason;
    }
    rd_kafka_event_destroy(ev);
    if (unsupported) {
        groupApisUnsupported(reasons.join(QStringLiteral("; ")), warnings);
    } else if (!reasons.isEmpty()) {
        // Typically ACLs: brokers list only the groups this principal may describe.
        warnings << QStringLiteral("some brokers did not list their groups: %1")
                        .arg(reasons.join(QStringLiteral("; ")));
    }
    return ids;
}

void RdkafkaClient::describeGroups(ClusterObservation &obs, int timeoutMs)
{
    if (!m_groupApisSupported || obs.groups.empty())
        return;
    std::vector<QByteArray> names;
    std::vector<const char *> pointers;
    for (const auto &g : obs.groups)
        names.push_back(g.id.toUtf8());
    for (const auto &n : names)
        pointers.push_back(n.constData());
    Queue q(m_admin);
    AdminOptions options(m_admin, RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, timeoutMs);
    rd_kafka_DescribeConsumerGroups(m_admin, pointers.data(), pointers.size(), options.options, q.queue);
    rd_kafka_event_t *ev = awaitResult(q.queue, timeoutMs);
    if (!ev) {
        obs.warnings << QStringLiteral("describing consumer groups timed out");
        return;
    }
    if (rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        obs.warnings << QStringLiteral("cannot describe consumer groups: %1")
                            .arg(QString::fromUtf8(rd_kafka_event_error_string(ev)));
        rd_kafka_event_destroy(ev);
        return;
    }
    size_t count = 0;
    const rd_kafka_ConsumerGroupDescription_t **descriptions = rd_kafka_DescribeConsumerGroups_result_groups(
        rd_kafka_event_DescribeConsumerGroups_result(ev), &count);
    bool allUnsupported = count > 0;
    for (size_t i = 0; i < count; ++i) {
        const rd_kafka_ConsumerGroupDescription_t *d = descriptions[i];
        const QString id = QString::fromUtf8(rd_kafka_ConsumerGroupDescription_group_id(d));
        auto it =
            std::find_if(obs.groups.begin(), obs.groups.end(), [&](const auto &g) { return g.id == id; });
        if (it == obs.groups.end())
            continue;
        if (const rd_kafka_error_t *e = rd_kafka_ConsumerGroupDescription_error(d)) {
            allUnsupported = allUnsupported && isUnsupported(rd_kafka_error_code(e));
            it->error = QString::fromUtf8(rd_kafka_error_string(e));
            obs.warnings << QStringLiteral("group %1: %2").arg(id, it->error);
            continue;
        }
        allUnsupported = false;
        it->state = groupStateName(rd_kafka_ConsumerGroupDescription_state(d));
        it->membersKnown = true;
        const size_t members = rd_kafka_ConsumerGroupDescription_member_count(d);
        for (size_t m = 0; m < members; ++m) {
            const rd_kafka_MemberDescription_t *md = rd_kafka_ConsumerGroupDescription_member(d, m);
            MemberObservation member;
            member.memberId = QString::fromUtf8(rd_kafka_MemberDescription_consumer_id(md));
            member.clientId = QString::fromUtf8(rd_kafka_MemberDescription_client_id(md));
            member.host = QString::fromUtf8(rd_kafka_MemberDescription_host(md));
            if (const rd_kafka_MemberAssignment_t *a = rd_kafka_MemberDescription_assignment(md))
                if (const rd_kafka_topic_partition_list_t *parts = rd_kafka_MemberAssignment_partitions(a))
                    for (int p = 0; p < parts->cnt; ++p)
                        member.assignment.append(
                            {QString::fromUtf8(parts->elems[p].topic), parts->elems[p].partition});
            it->members.push_back(member);
        }
    }
    rd_kafka_event_destroy(ev);
    if (allUnsupported)
        groupApisUnsupported(QString::fromUtf8(rd_kafka_err2str(RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE)),
                             obs.warnings);
}

void RdkafkaClient::groupApisUnsupported(const QString &reason, QStringList &warnings)
{
    // Asked once: a cluster that does not list groups will not start to.
    m_groupApisSupported = false;
    warnings << QStringLiteral(
                    "the cluster does not list or describe consumer groups (%1): watching only the "
                    "groups named with --group, members unknown")
                    .arg(reason);
}

void RdkafkaClient::queryCommitted(ClusterObservation &obs, GroupObservation &group, int timeoutMs)
{
    rd_kafka_t *&rk = m_groupHandles[group.id];
    if (!rk) {
        QString error;
        rk = newHandle(group.id, &error);
        if (!rk) {
            group.error = error;
            obs.warnings << QStringLiteral("group %1: %2").arg(group.id, error);
            m_groupHandles.remove(group.id);
            return;
        }
    }
    int count = 0;
    for (const auto &t : obs.topics)
        count += int(t.partitions.size());
    if (count == 0)
        return;
    PartitionList list(count);
    for (const auto &t : obs.topics)
        for (const auto &p : t.partitions)
            rd_kafka_topic_partition_list_add(list.list, t.name.toUtf8().constData(), p.partition);
    const rd_kafka_resp_err_t err = rd_kafka_committed(rk, list.list, timeoutMs);
    rd_kafka_poll(rk, 0);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        // GROUP_AUTHORIZATION_FAILED when ACLs hide the group from us.
        group.error = QString::fromUtf8(rd_kafka_err2str(err));
        obs.warnings << QStringLiteral("committed offsets of group %1: %2").arg(group.id, group.error);
        return;
    }
    for (int i = 0; i < list.list->cnt; ++i) {
        const rd_kafka_topic_partition_t &e = list.list->elems[i];
        if (e.err != RD_KAFKA_RESP_ERR_NO_ERROR || e.offset < 0)
            continue;
        GroupPartitionObservation gp;
        gp.topic = QString::fromUtf8(e.topic);
        gp.partition = e.partition;
        gp.committed = e.offset;
        group.partitions.push_back(gp);
    }
}

} // namespace postoffice::app
