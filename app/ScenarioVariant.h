#pragma once

// One architecture of a scenario with one parameter changed — more consumers in a group, other
// acks on a publish, more workers in a service, more partitions in a topic — for comparing runs
// (AnyLogic's compare-runs): the variant runs beside the original under the same seed, arrivals
// and faults, and the difference between the two lines is that parameter's doing.

#include "Scenario.h"

#include <QString>

#include <optional>
#include <vector>

namespace postoffice::app {

class ScenarioVariant
{
public:
    enum class Parameter { Consumers, Acks, Workers, Partitions };

    // Where the parameter lives: a subscribe/publish edge of the architecture (index in its
    // edge list; `node` then names its group or topic, for the words) or a node (id).
    QString architecture;
    Parameter parameter = Parameter::Consumers;
    int edge = -1;
    QString node;
    QString value; // the new value: a count, or "0"/"1"/"all" for acks

    // Every parameter of `architecture` that can be varied, each with its current value.
    static std::vector<ScenarioVariant> candidates(const Scenario &scenario, const QString &architecture);

    // What the parameter is, in words: "consumers in group notification".
    QString parameterText() const;
    // The parameter's value in `scenario` (empty if it is not there).
    QString currentValue(const Scenario &scenario) const;
    // The variant as one line of a chart key: "decoupled, 6 consumers in group notification"
    // (an id for ArchitectureStyle, which shows it with a capital).
    QString label() const;

    // The scenario holding only the varied architecture, with the parameter set; nothing (and
    // *error says why) when the parameter is not in the scenario or the value is not valid for it.
    std::optional<Scenario> apply(const Scenario &scenario, QString *error = nullptr) const;

    bool operator==(const ScenarioVariant &) const = default;
};

} // namespace postoffice::app
