#include "Distribution.h"

#include <cmath>

namespace postoffice::app {

double Distribution::inverseNormalCdf(double p)
{
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01, -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    constexpr double low = 0.02425;
    if (p < low) {
        const double q = std::sqrt(-2 * std::log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) {
        const double q = std::sqrt(-2 * std::log(1 - p));
        return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    const double q = p - 0.5;
    const double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

double Distribution::standardNormal(Rng &rng)
{
    double u = rng.uniformOpen();
    if (u >= 1.0)
        u = 1.0 - 0x1.0p-53;
    return inverseNormalCdf(u);
}

namespace {
double lognormalMu(double mean, double sigma)
{
    return std::log(mean) - 0.5 * sigma * sigma;
}
} // namespace

double Distribution::lognormal(Rng &rng, double mean, double sigma)
{
    return std::exp(lognormalMu(mean, sigma) + sigma * standardNormal(rng));
}

Distribution::PreparedServiceTime Distribution::prepare(const ServiceTimeSpec &spec)
{
    PreparedServiceTime p;
    p.dist = spec.dist;
    p.meanS = spec.mean_ms / 1000.0;
    p.sigma = spec.sigma;
    if (spec.dist == ServiceTimeDist::Lognormal && p.meanS > 0)
        p.mu = lognormalMu(p.meanS, p.sigma);
    return p;
}

double Distribution::serviceTime(Rng &rng, const PreparedServiceTime &p)
{
    switch (p.dist) {
    case ServiceTimeDist::Constant:
        return p.meanS;
    case ServiceTimeDist::Exponential:
        return exponential(rng, p.meanS);
    case ServiceTimeDist::Lognormal:
        return p.meanS > 0 ? std::exp(p.mu + p.sigma * standardNormal(rng)) : 0.0;
    }
    return p.meanS;
}

} // namespace postoffice::app
