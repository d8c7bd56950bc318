#pragma once

// Scenarios built in code for the engine's tests: small, exact, and independent of the shipped
// scenario files (which may change for teaching reasons).

#include "Scenario.h"

#include <QJsonObject>
#include <QJsonValue>

#include <initializer_list>

#include <cmath>

namespace postoffice::app::testing {

inline NodeSpec producer(const QString &id, double rate, TrafficPattern pattern = TrafficPattern::Poisson)
{
    NodeSpec n;
    n.id = id;
    n.kind = NodeKind::Producer;
    n.traffic.pattern = pattern;
    n.traffic.rate_per_s = rate;
    return n;
}

inline NodeSpec service(const QString &id, int workers, double meanMs,
                        ServiceTimeDist dist = ServiceTimeDist::Exponential)
{
    NodeSpec n;
    n.id = id;
    n.kind = NodeKind::Service;
    n.workers = workers;
    n.service_time.dist = dist;
    n.service_time.mean_ms = meanMs;
    return n;
}

inline NodeSpec topic(const QString &id, int partitions, int replication = 1)
{
    NodeSpec n;
    n.id = id;
    n.kind = NodeKind::Topic;
    n.partitions = partitions;
    n.replication_factor = replication;
    return n;
}

inline EdgeSpec call(const QString &from, const QString &to)
{
    EdgeSpec e;
    e.kind = EdgeKind::Call;
    e.from = from;
    e.to = to;
    return e;
}

inline EdgeSpec publish(const QString &from, const QString &to, const QString &acks = QStringLiteral("all"))
{
    EdgeSpec e;
    e.kind = EdgeKind::Publish;
    e.from = from;
    e.to = to;
    e.acks = acks;
    return e;
}

inline EdgeSpec subscribe(const QString &from, const QString &to, int consumers, const QString &group = {})
{
    EdgeSpec e;
    e.kind = EdgeKind::Subscribe;
    e.from = from;
    e.to = to;
    e.consumers = consumers;
    e.group = group.isEmpty() ? to : group;
    return e;
}

inline FaultSpec fault(FaultKind kind, const QString &target, double at, double duration)
{
    FaultSpec f;
    f.kind = kind;
    f.target = target;
    f.at_s = at;
    f.duration_s = duration;
    return f;
}

// One Poisson source calling one service of c workers: M/M/c (or M/G/c with another dist).
inline Scenario singleService(double lambda, double meanMs, int c, double duration, quint64 seed,
                              ServiceTimeDist dist = ServiceTimeDist::Exponential, double sigma = 0.5)
{
    Scenario s;
    s.name = QStringLiteral("single service");
    s.seed = seed;
    s.duration_s = duration;
    s.nodes = {producer(QStringLiteral("src"), lambda), service(QStringLiteral("svc"), c, meanMs, dist)};
    s.nodes[1].service_time.sigma = sigma;
    ArchitectureSpec a;
    a.name = QStringLiteral("tight");
    a.edges = {call(QStringLiteral("src"), QStringLiteral("svc"))};
    s.architectures = {a};
    return s;
}

// The shop in both shapes: checkout → order-service → inventory, notification, analytics; tight
// calls them, decoupled publishes to `orders` and three groups consume it.
inline Scenario shop(double rate, double duration, quint64 seed)
{
    Scenario s;
    s.name = QStringLiteral("shop");
    s.seed = seed;
    s.duration_s = duration;
    s.cluster.brokers = 3;
    s.nodes = {producer(QStringLiteral("checkout"), rate),
               service(QStringLiteral("order-service"), 16, 5),
               topic(QStringLiteral("orders"), 6, 3),
               service(QStringLiteral("inventory"), 8, 8),
               service(QStringLiteral("notification"), 4, 10, ServiceTimeDist::Constant),
               service(QStringLiteral("analytics"), 4, 5, ServiceTimeDist::Lognormal)};
    s.nodes[2].config[QStringLiteral("min.insync.replicas")] = QStringLiteral("2");
    ArchitectureSpec tight;
    tight.name = QStringLiteral("tight");
    tight.edges = {call(QStringLiteral("checkout"), QStringLiteral("order-service")),
                   call(QStringLiteral("order-service"), QStringLiteral("inventory")),
                   call(QStringLiteral("order-service"), QStringLiteral("notification")),
                   call(QStringLiteral("order-service"), QStringLiteral("analytics"))};
    ArchitectureSpec decoupled;
    decoupled.name = QStringLiteral("decoupled");
    decoupled.edges = {call(QStringLiteral("checkout"), QStringLiteral("order-service")),
                       publish(QStringLiteral("order-service"), QStringLiteral("orders")),
                       subscribe(QStringLiteral("orders"), QStringLiteral("inventory"), 3),
                       subscribe(QStringLiteral("orders"), QStringLiteral("notification"), 2),
                       subscribe(QStringLiteral("orders"), QStringLiteral("analytics"), 2)};
    s.architectures = {tight, decoupled};
    return s;
}

// Erlang C: the probability that an arrival waits in M/M/c with offered load a = λ/μ.
inline double erlangC(int c, double a)
{
    double term = 1.0; // a^k / k!
    double sum = 0.0;
    for (int k = 0; k < c; ++k) {
        sum += term;
        term *= a / double(k + 1);
    }
    const double rho = a / double(c);
    const double last = term / (1.0 - rho);
    return last / (sum + last);
}

// summary["architectures"]["tight"]["orders"]... without QJsonValue's const char* ambiguity.
inline QJsonValue at(const QJsonValue &root, std::initializer_list<const char *> path)
{
    QJsonValue v = root;
    for (const char *key : path)
        v = v.toObject().value(QLatin1String(key));
    return v;
}

} // namespace postoffice::app::testing
