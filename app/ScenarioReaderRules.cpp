#include "ScenarioReaderRules.h"

#include <cmath>

namespace postoffice::app {

bool ScenarioReaderRules::Number::accepts(double v) const
{
    // NaN and infinities never come from valid JSON, but a rule must not depend on that.
    return std::isfinite(v) && (minExclusive ? v > min : v >= min) && (maxExclusive ? v < max : v <= max);
}

} // namespace postoffice::app
