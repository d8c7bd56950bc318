#pragma once

// Inverse-transform samplers over our own Rng, so a draw depends only on the stream's state and not
// on the standard library's distribution algorithms (which differ between implementations).

#include "Rng.h"
#include "Scenario.h"

#include <cmath>

namespace postoffice::app {

class Distribution
{
public:
    static double exponential(Rng &rng, double mean) { return -mean * std::log(rng.uniformOpen()); }
    // Standard normal by inverting its CDF (Acklam's rational approximation, |rel. error| < 1.2e-9).
    static double standardNormal(Rng &rng);
    // Lognormal with the given mean: the underlying normal has sd `sigma` and mean ln(mean) − σ²/2.
    static double lognormal(Rng &rng, double mean, double sigma);
    // A service-time spec with what every draw would otherwise recompute (seconds, ln of the mean).
    struct PreparedServiceTime
    {
        ServiceTimeDist dist = ServiceTimeDist::Constant;
        double meanS = 0.0;
        double sigma = 0.0;
        double mu = 0.0; // lognormal: mean of the underlying normal
    };
    static PreparedServiceTime prepare(const ServiceTimeSpec &spec);
    // One service time in seconds.
    static double serviceTime(Rng &rng, const ServiceTimeSpec &spec)
    {
        return serviceTime(rng, prepare(spec));
    }
    static double serviceTime(Rng &rng, const PreparedServiceTime &prepared);
    static double inverseNormalCdf(double p);
};

} // namespace postoffice::app
