// The engine against queueing theory. Every figure is estimated from independent replications
// (different seeds), and the tolerance is the replications' own confidence interval: the test
// fails when theory lies more than 4 standard errors (plus 1 % for the empty-start bias) from the
// simulated mean, and also when the runs are too short to be that precise.

#include "EngineTestScenarios.h"
#include "Simulation.h"
#include "SimulationObserver.h"

#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <functional>
#include <vector>

using namespace postoffice::app;
using namespace postoffice::app::testing;

namespace {

struct Estimate
{
    double mean = 0.0;
    double se = 0.0; // standard error of the mean over replications
};

Estimate estimate(const std::vector<double> &xs)
{
    double sum = 0.0;
    for (double x : xs)
        sum += x;
    const double mean = sum / double(xs.size());
    double ss = 0.0;
    for (double x : xs)
        ss += (x - mean) * (x - mean);
    const double sd = std::sqrt(ss / double(xs.size() - 1));
    return {mean, sd / std::sqrt(double(xs.size()))};
}

// Time-average number in the system, sampled at the end of every simulated second.
class OccupancyProbe : public SimulationObserver
{
public:
    explicit OccupancyProbe(int node) : m_node(node) {}
    void onSample(qint64, const std::vector<ArchitectureSample> &samples) override
    {
        for (const NodeSample &n : samples[0].nodes) {
            if (n.node != m_node)
                continue;
            m_sum += double(n.queue_len + n.busy);
            ++m_count;
        }
    }
    double mean() const { return m_count ? m_sum / double(m_count) : 0.0; }

private:
    int m_node;
    double m_sum = 0.0;
    qint64 m_count = 0;
};

struct Replication
{
    double waitMs = 0.0;
    double latencyMs = 0.0;
    double utilization = 0.0;
    double littleGap = 0.0; // L − λW, both measured
    quint64 completed = 0;
};

Replication replicate(const Scenario &scenario)
{
    Simulation sim(scenario);
    OccupancyProbe probe(1);
    sim.setObserver(&probe);
    sim.run();
    const QJsonObject svc = at(sim.summaryJson(), {"architectures", "tight", "services", "svc"}).toObject();
    Replication r;
    r.waitMs = svc["mean_wait_ms"].toDouble();
    r.latencyMs = svc["mean_latency_ms"].toDouble();
    r.utilization = svc["utilization"].toDouble();
    r.completed = quint64(svc["completed"].toInteger());
    const double lambda = double(r.completed) / scenario.duration_s;
    r.littleGap = probe.mean() - lambda * r.latencyMs / 1000.0;
    return r;
}

void expectNear(const char *what, const Estimate &e, double theory, double relativeSlack = 0.01)
{
    const double tolerance = 4.0 * e.se + relativeSlack * std::abs(theory);
    const QByteArray message = QByteArray(what) + ": simulated " + QByteArray::number(e.mean, 'g', 6) +
                               " ± " + QByteArray::number(e.se, 'g', 3) + " (s.e.), theory " +
                               QByteArray::number(theory, 'g', 6);
    qInfo("%s", message.constData());
    QVERIFY2(std::abs(e.mean - theory) <= tolerance, message.constData());
}

} // namespace

class TheoryTest : public QObject
{
    Q_OBJECT

private slots:
    void mmcQueue_data();
    void mmcQueue();
    void pollaczekKhinchine_data();
    void pollaczekKhinchine();
    void consumerOutageBacklogAndDrain_data();
    void consumerOutageBacklogAndDrain();
};

void TheoryTest::mmcQueue_data()
{
    QTest::addColumn<double>("lambda");
    QTest::addColumn<double>("meanMs");
    QTest::addColumn<int>("workers");
    QTest::newRow("M/M/1 rho=0.5") << 50.0 << 10.0 << 1;
    QTest::newRow("M/M/1 rho=0.8") << 80.0 << 10.0 << 1;
    QTest::newRow("M/M/1 rho=0.9") << 90.0 << 10.0 << 1;
    QTest::newRow("M/M/2 rho=0.75") << 150.0 << 10.0 << 2;
    QTest::newRow("M/M/4 rho=0.9") << 180.0 << 20.0 << 4;
    QTest::newRow("M/M/8 rho=0.85") << 340.0 << 20.0 << 8;
    QTest::newRow("M/M/3 slow service rho=0.6") << 0.9 << 2000.0 << 3;
}

void TheoryTest::mmcQueue()
{
    QFETCH(double, lambda);
    QFETCH(double, meanMs);
    QFETCH(int, workers);
    const double mu = 1000.0 / meanMs;
    const double a = lambda / mu;
    const double rho = a / workers;
    const double wqTheory = erlangC(workers, a) / (workers * mu - lambda) * 1000.0; // ms
    const double wTheory = wqTheory + meanMs;

    // Enough customers per replication that the confidence interval is a few percent wide.
    const double customers = rho >= 0.85 ? 250000.0 : 120000.0;
    const int replications = 10;
    std::vector<double> wait, latency, utilization, little;
    for (int i = 0; i < replications; ++i) {
        const Replication r = replicate(singleService(lambda, meanMs, workers, customers / lambda, 1000 + i));
        QVERIFY(r.completed > quint64(customers * 0.9));
        wait.push_back(r.waitMs);
        latency.push_back(r.latencyMs);
        utilization.push_back(r.utilization);
        little.push_back(r.littleGap);
    }
    const Estimate wq = estimate(wait);
    // The runs must be long enough to tell theory from a 10 % error.
    QVERIFY2(4.0 * wq.se < 0.1 * wqTheory, "replications too short for a meaningful check");
    expectNear("Wq (ms)", wq, wqTheory);
    expectNear("W (ms)", estimate(latency), wTheory);
    expectNear("utilization", estimate(utilization), rho);
    // Little's law: the sampled time-average occupancy equals throughput × mean time in system.
    const Estimate gap = estimate(little);
    const double lTheory = lambda * wTheory / 1000.0;
    QVERIFY2(std::abs(gap.mean) <= 4.0 * gap.se + 0.02 * lTheory,
             qPrintable(QStringLiteral("L − λW = %1 ± %2, L = %3").arg(gap.mean).arg(gap.se).arg(lTheory)));
}

void TheoryTest::pollaczekKhinchine_data()
{
    QTest::addColumn<int>("dist");
    QTest::addColumn<double>("sigma");
    QTest::addColumn<double>("lambda");
    QTest::newRow("M/D/1 rho=0.8") << int(ServiceTimeDist::Constant) << 0.0 << 80.0;
    QTest::newRow("M/G/1 lognormal sigma=0.5 rho=0.7") << int(ServiceTimeDist::Lognormal) << 0.5 << 70.0;
    QTest::newRow("M/G/1 lognormal sigma=1 rho=0.6") << int(ServiceTimeDist::Lognormal) << 1.0 << 60.0;
}

void TheoryTest::pollaczekKhinchine()
{
    QFETCH(int, dist);
    QFETCH(double, sigma);
    QFETCH(double, lambda);
    const double meanS = 0.010;
    // E[S²] = mean² (constant) or mean² · e^{σ²} (lognormal); Wq = λ E[S²] / (2 (1 − ρ)).
    const double secondMoment =
        meanS * meanS * (dist == int(ServiceTimeDist::Constant) ? 1.0 : std::exp(sigma * sigma));
    const double rho = lambda * meanS;
    const double wqTheory = lambda * secondMoment / (2.0 * (1.0 - rho)) * 1000.0;
    std::vector<double> wait;
    for (int i = 0; i < 10; ++i)
        wait.push_back(replicate(singleService(lambda, meanS * 1000, 1, 150000.0 / lambda, 77 + i,
                                               ServiceTimeDist(dist), sigma))
                           .waitMs);
    const Estimate wq = estimate(wait);
    QVERIFY(4.0 * wq.se < 0.1 * wqTheory);
    expectNear("Wq (ms)", wq, wqTheory);
}

void TheoryTest::consumerOutageBacklogAndDrain_data()
{
    QTest::addColumn<double>("lambda");
    QTest::addColumn<int>("consumers");
    QTest::addColumn<double>("meanMs");
    QTest::addColumn<double>("outageS");
    QTest::newRow("λ=50 μ=100 T=600") << 50.0 << 1 << 10.0 << 600.0;
    QTest::newRow("λ=40 μ=60 T=300 (3 consumers)") << 40.0 << 3 << 50.0 << 300.0;
    QTest::newRow("λ=20 μ=25 T=120") << 20.0 << 1 << 40.0 << 120.0;
}

void TheoryTest::consumerOutageBacklogAndDrain()
{
    QFETCH(double, lambda);
    QFETCH(int, consumers);
    QFETCH(double, meanMs);
    QFETCH(double, outageS);
    const double mu = consumers * 1000.0 / meanMs;
    Scenario s;
    s.name = QStringLiteral("outage");
    s.seed = 5;
    const double backlog = lambda * outageS;
    const double drain = backlog / (mu - lambda);
    const double start = 100.0;
    s.duration_s = start + outageS + 2.0 * drain + 200.0;
    s.nodes = {producer(QStringLiteral("src"), lambda), topic(QStringLiteral("t"), 6),
               service(QStringLiteral("consumer"), 1, meanMs, ServiceTimeDist::Constant)};
    ArchitectureSpec a;
    a.name = QStringLiteral("decoupled");
    a.edges = {publish(QStringLiteral("src"), QStringLiteral("t")),
               subscribe(QStringLiteral("t"), QStringLiteral("consumer"), consumers)};
    s.architectures = {a};
    s.faults = {fault(FaultKind::Down, QStringLiteral("consumer"), start, outageS)};
    Simulation sim(s);
    QVERIFY2(sim.isValid(), qPrintable(sim.errorString()));
    sim.run();
    const QJsonObject arch = at(sim.summaryJson(), {"architectures", "decoupled"}).toObject();
    const QJsonObject group = at(arch, {"groups", "consumer"}).toObject();
    // Poisson count over T has s.d. √(λT); the committed offset trails by up to one
    // auto-commit interval (5 s) of records.
    const double maxLag = group["max_lag"].toDouble();
    const double lagTolerance = 4.0 * std::sqrt(backlog) + lambda * 5.0 + 0.01 * backlog;
    QVERIFY2(std::abs(maxLag - backlog) <= lagTolerance,
             qPrintable(QStringLiteral("max_lag %1, λT = %2").arg(maxLag).arg(backlog)));
    // Drain to max(10, 1 % of the peak): (peak − threshold) / (μ − λ), give or take the Poisson
    // noise of the arrivals during the drain and the commit interval.
    const double threshold = std::max(10.0, 0.01 * maxLag);
    const double drainTheory = (maxLag - threshold) / (mu - lambda);
    const double drainTolerance =
        (4.0 * std::sqrt(lambda * drainTheory) + lambda * 5.0) / (mu - lambda) + 0.02 * drainTheory;
    QVERIFY(!group["drain_s"].isNull());
    QVERIFY2(std::abs(group["drain_s"].toDouble() - drainTheory) <= drainTolerance,
             qPrintable(
                 QStringLiteral("drain_s %1, theory %2").arg(group["drain_s"].toDouble()).arg(drainTheory)));
    // Nothing lost, nothing failed.
    QCOMPARE(at(arch, {"orders", "lost"}).toInteger(), 0);
    QCOMPARE(at(arch, {"orders", "failed"}).toInteger(), 0);
    QVERIFY(arch["conservation_ok"].toBool());
}

QTEST_GUILESS_MAIN(TheoryTest)
#include "tst_theory.moc"
