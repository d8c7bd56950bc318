#pragma once

#include "Scenario.h"

#include <QUndoCommand>

namespace postoffice::ui {

class ScenarioDocument;

// Adds one node at the end of the node list.
class AddNodeCommand : public QUndoCommand
{
public:
    AddNodeCommand(ScenarioDocument *document, app::NodeSpec node, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ScenarioDocument *m_document;
    app::NodeSpec m_node;
};

} // namespace postoffice::ui
