#pragma once

// What the readers of one scenario file share while they walk it: where problems go, the
// scenario as read so far, what it may refer to and the rules that tie its parts together.
// Readers take it whole rather than each its own list of parts, so that the checks they feed
// are always the same ones, made once per file.

#include "Scenario.h"
#include "ScenarioArchitectureCheck.h"
#include "ScenarioReferenceCheck.h"

namespace postoffice::app {

class JsonKeyScan;
class ScenarioReaderIssues;

struct ScenarioReaderState
{
    // `keyScan` (may be null) knows the order the file's keys were written in.
    ScenarioReaderState(ScenarioReaderIssues &issues, const JsonKeyScan *keyScan);
    ScenarioReaderState(const ScenarioReaderState &) = delete; // the checks hold `scenario`
    ScenarioReaderState &operator=(const ScenarioReaderState &) = delete;

    ScenarioReaderIssues &issues;
    const JsonKeyScan *keyScan;
    Scenario scenario;
    ScenarioReferenceCheck references;
    ScenarioArchitectureCheck rules;
};

} // namespace postoffice::app
