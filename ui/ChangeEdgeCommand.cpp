#include "ChangeEdgeCommand.h"

#include "ScenarioDocument.h"

namespace postoffice::ui {

ChangeEdgeCommand::ChangeEdgeCommand(ScenarioDocument *document, const QString &architecture, int index,
                                     app::EdgeSpec after, QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document), m_architecture(architecture), m_index(index),
      m_before(*document->edge(architecture, index)), m_after(std::move(after))
{
    setText(QStringLiteral("Change edge %1 → %2").arg(m_before.from, m_before.to));
}

void ChangeEdgeCommand::redo()
{
    m_document->replaceEdge(m_architecture, m_index, m_after);
}

void ChangeEdgeCommand::undo()
{
    m_document->replaceEdge(m_architecture, m_index, m_before);
}

} // namespace postoffice::ui
