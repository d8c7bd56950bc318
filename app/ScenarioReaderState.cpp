#include "ScenarioReaderState.h"

namespace postoffice::app {

ScenarioReaderState::ScenarioReaderState(ScenarioReaderIssues &issues, const JsonKeyScan *keyScan)
    : issues(issues), keyScan(keyScan), references(issues, scenario), rules(issues, references, scenario)
{}

} // namespace postoffice::app
