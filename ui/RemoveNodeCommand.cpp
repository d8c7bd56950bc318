#include "RemoveNodeCommand.h"

#include "RemoveEdgeCommand.h"
#include "RemoveFaultCommand.h"
#include "ScenarioDocument.h"

namespace postoffice::ui {

RemoveNodeCommand::RemoveNodeCommand(ScenarioDocument *document, const QString &id, QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document), m_id(id), m_index(document->nodeIndex(id))
{
    setText(QStringLiteral("Delete %1").arg(id));
    const app::Scenario &s = document->scenario();
    // Children run in order on redo: highest index first, so earlier indices stay valid.
    for (const app::ArchitectureSpec &arch : s.architectures) {
        for (int i = static_cast<int>(arch.edges.size()) - 1; i >= 0; --i) {
            const app::EdgeSpec &e = arch.edges[static_cast<std::size_t>(i)];
            if (e.from == id || e.to == id)
                new RemoveEdgeCommand(document, arch.name, i, this);
        }
    }
    for (int i = static_cast<int>(s.faults.size()) - 1; i >= 0; --i) {
        const app::FaultSpec &f = s.faults[static_cast<std::size_t>(i)];
        if (f.target == id || f.peer == id)
            new RemoveFaultCommand(document, i, this);
    }
}

void RemoveNodeCommand::redo()
{
    QUndoCommand::redo();
    m_node = m_document->takeNode(m_id);
}

void RemoveNodeCommand::undo()
{
    m_document->insertNode(m_index, m_node);
    QUndoCommand::undo();
}

} // namespace postoffice::ui
