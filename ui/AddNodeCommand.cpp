#include "AddNodeCommand.h"

#include "ScenarioDocument.h"
#include "Theme.h"

namespace postoffice::ui {

AddNodeCommand::AddNodeCommand(ScenarioDocument *document, app::NodeSpec node, QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document), m_node(std::move(node))
{
    setText(QStringLiteral("Add %1 %2").arg(Theme::nodeKindName(m_node.kind), m_node.id));
}

void AddNodeCommand::redo()
{
    m_document->insertNode(static_cast<int>(m_document->scenario().nodes.size()), m_node);
}

void AddNodeCommand::undo()
{
    m_document->takeNode(m_node.id);
}

} // namespace postoffice::ui
