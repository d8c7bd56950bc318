#pragma once

#include "Scenario.h"

#include <QUndoCommand>

namespace postoffice::ui {

class ScenarioDocument;

// Adds an architecture (an edge set over the shared nodes) at the end of the list.
class AddArchitectureCommand : public QUndoCommand
{
public:
    AddArchitectureCommand(ScenarioDocument *document, app::ArchitectureSpec architecture,
                           QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ScenarioDocument *m_document;
    app::ArchitectureSpec m_architecture;
};

} // namespace postoffice::ui
