#include "AddArchitectureCommand.h"

#include "ScenarioDocument.h"

namespace postoffice::ui {

AddArchitectureCommand::AddArchitectureCommand(ScenarioDocument *document, app::ArchitectureSpec architecture,
                                               QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document), m_architecture(std::move(architecture))
{
    setText(QStringLiteral("Add architecture %1").arg(m_architecture.name));
}

void AddArchitectureCommand::redo()
{
    m_document->insertArchitecture(static_cast<int>(m_document->scenario().architectures.size()),
                                   m_architecture);
}

void AddArchitectureCommand::undo()
{
    m_architecture = m_document->takeArchitecture(m_architecture.name);
}

} // namespace postoffice::ui
