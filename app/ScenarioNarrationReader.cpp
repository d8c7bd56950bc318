#include "ScenarioNarrationReader.h"

#include "JsonPath.h"
#include "ScenarioFieldReader.h"
#include "ScenarioReaderIssues.h"
#include "ScenarioReaderState.h"

namespace postoffice::app {

using Need = ScenarioFieldReader::Need;

void ScenarioNarrationReader::read(const QJsonArray &steps, const QString &path)
{
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QString at = JsonPath::element(path, i);
        const auto object = ScenarioFieldReader::objectAt(m_state.issues, steps.at(i), at,
                                                          QStringLiteral("a narration object"));
        if (!object)
            continue;
        NarrationStep step;
        ScenarioFieldReader f(m_state.issues, *object, at);
        if (auto v = f.number(QStringLiteral("at_s"), Need::Required, ScenarioReaderRules::NonNegative)) {
            step.at_s = *v;
            m_state.references.withinRun(*v, f.at(QStringLiteral("at_s")), true);
        }
        if (auto v = f.string(QStringLiteral("text"), Need::Required))
            step.text = *v;
        if (auto v = f.boolean(QStringLiteral("pause"), Need::Optional))
            step.pause = *v;
        step.extra = f.leftovers(QStringLiteral("narration"), QString(), QString());
        m_state.scenario.narration.push_back(std::move(step));
    }
}

} // namespace postoffice::app
