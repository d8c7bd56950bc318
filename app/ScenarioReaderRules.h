#pragma once

// The ranges a scenario's numbers must fall in, named once so that every reader words the same
// rule the same way ("expected a positive number"), and the caps that keep a typo (workers: 1e9)
// from exhausting memory in the engine.

#include <QtGlobal>

#include <limits>

namespace postoffice::app {

class ScenarioReaderRules
{
public:
    struct Number
    {
        double min;
        double max;
        bool minExclusive;
        bool maxExclusive;
        const char *text; // the rule as messages say it, after "expected"

        bool accepts(double v) const;
    };

    static constexpr double Inf = std::numeric_limits<double>::infinity();
    static constexpr Number Positive{0, Inf, true, false, "a positive number"};
    static constexpr Number NonNegative{0, Inf, false, false, "a number >= 0"};
    static constexpr Number Probability{0, 1, false, false, "a number between 0 and 1"};
    static constexpr Number AtLeastOne{1, Inf, false, false, "a number >= 1"};
    static constexpr Number HourOfDay{0, 24, false, true, "an hour of the day, >= 0 and < 24"};

    // Integers beyond 2^53 do not survive a trip through a JSON double.
    static constexpr qint64 MaxJsonInteger = qint64(1) << 53;
    static constexpr qint64 MaxCount = 10000;
    static constexpr qint64 MaxBrokers = 100;
    static constexpr qint64 MaxRetries = 100;
    static constexpr qsizetype MaxNodes = 10000;
};

} // namespace postoffice::app
