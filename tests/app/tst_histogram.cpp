// The log-linear latency histogram: percentiles within 1 % of the exact order statistic, exact
// below 256 µs, mergeable, and bounded in memory whatever the number of samples.

#include "Distribution.h"
#include "Histogram.h"
#include "Rng.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace postoffice::app;

class HistogramTest : public QObject
{
    Q_OBJECT

private slots:
    void percentilesWithinOnePercent_data();
    void percentilesWithinOnePercent();
    void smallValuesAreExact();
    void mergeEqualsRecordingEverything();
    void clearForgetsEverything();
    void bucketsAreMonotonicAndBounded();
};

void HistogramTest::percentilesWithinOnePercent_data()
{
    QTest::addColumn<int>("dist");
    QTest::addColumn<double>("meanMs");
    QTest::newRow("exponential 10 ms") << int(ServiceTimeDist::Exponential) << 10.0;
    QTest::newRow("lognormal 200 ms") << int(ServiceTimeDist::Lognormal) << 200.0;
    QTest::newRow("exponential 2 h") << int(ServiceTimeDist::Exponential) << 7.2e6;
    QTest::newRow("exponential 0.05 ms") << int(ServiceTimeDist::Exponential) << 0.05;
}

void HistogramTest::percentilesWithinOnePercent()
{
    QFETCH(int, dist);
    QFETCH(double, meanMs);
    Rng rng(123);
    ServiceTimeSpec spec;
    spec.dist = ServiceTimeDist(dist);
    spec.mean_ms = meanMs;
    spec.sigma = 1.0;
    Histogram h;
    std::vector<double> values;
    for (int i = 0; i < 200000; ++i) {
        const double ms = Distribution::serviceTime(rng, spec) * 1000.0;
        h.record(ms);
        values.push_back(ms);
    }
    std::sort(values.begin(), values.end());
    for (double q : {0.5, 0.9, 0.95, 0.99, 0.999}) {
        const double exact = values[std::size_t(std::ceil(q * double(values.size()))) - 1];
        const double got = h.percentile(q);
        // Values are stored in whole microseconds: allow that rounding besides the 1 %.
        QVERIFY2(std::abs(got - exact) <= 0.01 * exact + 0.0005,
                 qPrintable(QStringLiteral("q=%1: %2 vs exact %3").arg(q).arg(got).arg(exact)));
    }
    double sum = 0;
    for (double v : values)
        sum += v;
    QVERIFY(std::abs(h.mean() - sum / double(values.size())) <= 1e-9 * sum);
    QCOMPARE(h.count(), quint64(values.size()));
}

void HistogramTest::smallValuesAreExact()
{
    Histogram h;
    for (int us = 0; us < 256; ++us)
        h.record(us / 1000.0);
    QCOMPARE(h.percentile(0.5), 0.127);
    QCOMPARE(h.percentile(1.0), 0.255);
    QCOMPARE(h.percentile(0.0), 0.0);
}

void HistogramTest::mergeEqualsRecordingEverything()
{
    Rng rng(9);
    Histogram a, b, all;
    for (int i = 0; i < 50000; ++i) {
        const double x = Distribution::exponential(rng, 30.0);
        (i % 3 ? a : b).record(x);
        all.record(x);
    }
    a.merge(b);
    QCOMPARE(a.count(), all.count());
    for (double q : {0.1, 0.5, 0.95, 0.99})
        QCOMPARE(a.percentile(q), all.percentile(q));
    QCOMPARE(a.max(), all.max());
}

void HistogramTest::clearForgetsEverything()
{
    Histogram h;
    h.record(5);
    h.record(5000);
    h.clear();
    QCOMPARE(h.count(), 0u);
    QCOMPARE(h.percentile(0.99), 0.0);
    h.record(7);
    QVERIFY(std::abs(h.percentile(0.5) - 7.0) <= 0.07);
}

void HistogramTest::bucketsAreMonotonicAndBounded()
{
    int previous = -1;
    for (std::uint64_t v = 1; v < Histogram::kMaxMicros; v = v * 5 / 4 + 1) {
        const int b = Histogram::bucketOf(v);
        QVERIFY(b >= previous);
        previous = b;
        // The bucket's midpoint stands for v within 0.4 %.
        QVERIFY(std::abs(Histogram::bucketMidMicros(b) - double(v)) <= 0.004 * double(v) + 0.5);
    }
    // Memory is bounded by the largest bucket: a few thousand counters, not one per sample.
    QVERIFY(Histogram::bucketOf(Histogram::kMaxMicros) < 5000);
}

QTEST_GUILESS_MAIN(HistogramTest)
#include "tst_histogram.moc"
