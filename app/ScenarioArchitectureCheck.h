#pragma once

// The rules of the model that tie an architecture's parts together, beyond what one object of
// the file can show: which node kinds an edge kind may join, a low_stock trigger needs a stock,
// synchronous calls must not come back to a caller, and a fault must hit a node that can suffer
// it. The nodes come already resolved by ScenarioReferenceCheck, so an unknown id is reported
// once, there, and never again here.

#include "Scenario.h"

#include <QString>

namespace postoffice::app {

class ScenarioReaderIssues;
class ScenarioReferenceCheck;

class ScenarioArchitectureCheck
{
public:
    ScenarioArchitectureCheck(ScenarioReaderIssues &issues, const ScenarioReferenceCheck &references,
                              const Scenario &scenario)
        : m_issues(issues), m_references(references), m_scenario(scenario)
    {}

    void edgeEnds(const EdgeSpec &edge, const NodeSpec &from, const NodeSpec &to, const QString &path);
    // For an edge whose trigger is "low_stock"; `triggerPath` is where that trigger is written.
    void lowStockTrigger(const EdgeSpec &edge, const NodeSpec &from, const QString &triggerPath);
    // `path` is the architecture's edges array; each cycle is reported at the edge closing it.
    void callCycles(const ArchitectureSpec &architecture, const QString &path);
    // `path` is where the fault's target is written.
    void faultTarget(const FaultSpec &fault, const NodeSpec &node, const QString &path);

private:
    ScenarioReaderIssues &m_issues;
    const ScenarioReferenceCheck &m_references;
    const Scenario &m_scenario;
};

} // namespace postoffice::app
