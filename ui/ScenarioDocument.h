#pragma once

// The scenario being edited (Tiled's document pattern): owns the Scenario and its QUndoStack.
// Every edit goes through an undo command; commands call the mutators below, which emit typed
// signals that the canvases and the inspector follow (QtNodes' model → scene direction). Views
// never change the Scenario directly.
//
// Nodes are identified by their id, edges by (architecture name, index in that architecture's
// edge list). Removing an edge shifts the indices after it down by one, inserting shifts them up,
// exactly like the underlying std::vector, and the signals say so.

#include "Scenario.h"

#include <QObject>
#include <QPointF>
#include <QString>
#include <QUndoStack>

#include <map>

namespace postoffice::ui {

class ScenarioDocument : public QObject
{
    Q_OBJECT
public:
    explicit ScenarioDocument(QObject *parent = nullptr);
    explicit ScenarioDocument(app::Scenario scenario, QObject *parent = nullptr);
    // The undo stack is destroyed after this object's body has run and clears itself on the way:
    // its cleanChanged must not reach listeners (a main window being destroyed) by then.
    ~ScenarioDocument() override;

    // Reads a scenario file (a path or a ":/scenarios/..." resource) through the loader. On
    // failure returns null and sets *error to the loader's message (file, JSON path, problem).
    static ScenarioDocument *open(const QString &path, QString *error, QObject *parent = nullptr);
    // Writes through the writer; on success the document becomes clean and takes the path.
    bool save(const QString &path, QString *error);

    const app::Scenario &scenario() const { return m_scenario; }
    QUndoStack *undoStack() { return &m_undoStack; }
    QString filePath() const { return m_filePath; }
    void setFilePath(const QString &path) { m_filePath = path; }
    // The name shown in the window title: the scenario's name, else the file's base name.
    QString displayName() const;
    bool isModified() const { return !m_undoStack.isClean(); }

    QStringList architectureNames() const;
    const app::ArchitectureSpec *architecture(const QString &name) const;
    const app::NodeSpec *node(const QString &id) const { return m_scenario.node(id); }
    const app::EdgeSpec *edge(const QString &architecture, int index) const;
    int nodeIndex(const QString &id) const;
    // An id not yet used by any node, "<base>", "<base>-2", "<base>-3", ...
    QString uniqueNodeId(const QString &base) const;

    // ---- High-level edits: each pushes one undo command (or one macro). ----
    // Returns the id of the new node, or an empty string and why not in *refused (a broker node
    // needs a broker of the cluster that no other node shows yet).
    QString addNode(app::NodeKind kind, QPointF pos, QString *refused = nullptr);
    void removeNodes(const QStringList &ids);
    // Removes edges and nodes in one undoable step.
    void removeItems(const QStringList &nodeIds, const std::map<QString, QList<int>> &edgesByArchitecture);
    void moveNodes(const std::map<QString, QPointF> &newPositions);
    void changeNode(const QString &id, const app::NodeSpec &after, const QString &text = {});
    void changeEdge(const QString &architecture, int index, const app::EdgeSpec &after);
    // Connects two nodes in an architecture. Without a kind the kind follows the node kinds
    // (EdgeRules::inferKind). Returns an empty string on success, else why it was refused (the
    // model is then unchanged).
    QString connectNodes(const QString &architecture, const QString &from, const QString &to,
                         std::optional<app::EdgeKind> kind = std::nullopt);
    // Turns the tight architecture's service→service calls into topic + publish + subscribe in
    // the decoupled architecture (created if missing), as one undo macro. Returns an empty
    // string on success, else why nothing was done.
    QString decouple(const QString &from = QStringLiteral("tight"),
                     const QString &to = QStringLiteral("decoupled"));

    // ---- Mutators for the undo commands only (they emit the change signals). ----
    void insertNode(int index, const app::NodeSpec &node);
    app::NodeSpec takeNode(const QString &id);
    void replaceNode(const QString &id, const app::NodeSpec &node);
    void setNodePosition(const QString &id, QPointF pos);
    void insertEdge(const QString &architecture, int index, const app::EdgeSpec &edge);
    app::EdgeSpec takeEdge(const QString &architecture, int index);
    void replaceEdge(const QString &architecture, int index, const app::EdgeSpec &edge);
    void insertArchitecture(int index, const app::ArchitectureSpec &architecture);
    app::ArchitectureSpec takeArchitecture(const QString &name);
    void insertFault(int index, const app::FaultSpec &fault);
    app::FaultSpec takeFault(int index);

signals:
    void nodeAdded(const QString &id);
    void nodeRemoved(const QString &id);
    void nodeChanged(const QString &id);
    void edgeAdded(const QString &architecture, int index);
    void edgeRemoved(const QString &architecture, int index);
    void edgeChanged(const QString &architecture, int index);
    void architectureAdded(const QString &name);
    void architectureRemoved(const QString &name);
    void faultsChanged();
    void modifiedChanged(bool modified);

private:
    app::ArchitectureSpec *mutableArchitecture(const QString &name);

    app::Scenario m_scenario;
    QUndoStack m_undoStack;
    QString m_filePath;
};

} // namespace postoffice::ui
