#pragma once

// Reads a scenario's `narration`: the trainer's captions shown (and optionally pausing the run)
// at given moments. Each moment must fall within the run, its end included, so that a closing
// remark can be shown as the run stops.

#include <QJsonArray>
#include <QString>

namespace postoffice::app {

struct ScenarioReaderState;

class ScenarioNarrationReader
{
public:
    explicit ScenarioNarrationReader(ScenarioReaderState &state) : m_state(state) {}

    void read(const QJsonArray &steps, const QString &path);

private:
    ScenarioReaderState &m_state;
};

} // namespace postoffice::app
