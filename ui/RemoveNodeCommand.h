#pragma once

#include "Scenario.h"

#include <QUndoCommand>

namespace postoffice::ui {

class ScenarioDocument;

// Removes a node with everything that names it: its edges in every architecture and the faults
// that target it (a scenario with a dangling reference would no longer load). The edges and
// faults are child commands, so undo puts them back at their old indices.
class RemoveNodeCommand : public QUndoCommand
{
public:
    RemoveNodeCommand(ScenarioDocument *document, const QString &id, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ScenarioDocument *m_document;
    QString m_id;
    int m_index = -1;
    app::NodeSpec m_node;
};

} // namespace postoffice::ui
