#include "ChangeNodeCommand.h"

#include "ScenarioDocument.h"

namespace postoffice::ui {

ChangeNodeCommand::ChangeNodeCommand(ScenarioDocument *document, const QString &id, app::NodeSpec after,
                                     const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_document(document), m_id(id), m_before(*document->node(id)),
      m_after(std::move(after))
{
    m_after.id = id;
}

void ChangeNodeCommand::redo()
{
    m_document->replaceNode(m_id, m_after);
}

void ChangeNodeCommand::undo()
{
    m_document->replaceNode(m_id, m_before);
}

} // namespace postoffice::ui
