#pragma once

#include "Scenario.h"

#include <QUndoCommand>

namespace postoffice::ui {

class ScenarioDocument;

// Replaces an edge's properties (timeout, acks, group, consumers, ...) in place.
class ChangeEdgeCommand : public QUndoCommand
{
public:
    ChangeEdgeCommand(ScenarioDocument *document, const QString &architecture, int index, app::EdgeSpec after,
                      QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ScenarioDocument *m_document;
    QString m_architecture;
    int m_index;
    app::EdgeSpec m_before;
    app::EdgeSpec m_after;
};

} // namespace postoffice::ui
