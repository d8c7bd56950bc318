#include "ScenarioDocument.h"

#include "AddArchitectureCommand.h"
#include "AddEdgeCommand.h"
#include "AddNodeCommand.h"
#include "ChangeEdgeCommand.h"
#include "ChangeNodeCommand.h"
#include "Decoupler.h"
#include "EdgeRules.h"
#include "MoveNodesCommand.h"
#include "RemoveEdgeCommand.h"
#include "RemoveNodeCommand.h"
#include "ScenarioLoader.h"
#include "ScenarioLocator.h"
#include "ScenarioWriter.h"
#include "Theme.h"

#include <QFileInfo>
#include <QSet>

namespace postoffice::ui {

ScenarioDocument::ScenarioDocument(QObject *parent) : ScenarioDocument(app::Scenario{}, parent) {}

ScenarioDocument::ScenarioDocument(app::Scenario scenario, QObject *parent)
    : QObject(parent), m_scenario(std::move(scenario))
{
    connect(&m_undoStack, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
}

ScenarioDocument::~ScenarioDocument()
{
    m_undoStack.disconnect(this);
}

ScenarioDocument *ScenarioDocument::open(const QString &path, QString *error, QObject *parent)
{
    app::ScenarioLoader::Result loaded = app::ScenarioLoader::load(path);
    if (!loaded.ok()) {
        const QStringList errors = loaded.errors();
        *error = errors.isEmpty() ? QStringLiteral("%1: cannot be read").arg(path) : errors.join(u'\n');
        return nullptr;
    }
    auto *doc = new ScenarioDocument(std::move(*loaded.scenario), parent);
    // A shipped scenario is not saved over: the first save of one asks for a file of the user's.
    if (!app::ScenarioLocator::isShipped(path))
        doc->m_filePath = QFileInfo(path).absoluteFilePath();
    return doc;
}

bool ScenarioDocument::save(const QString &path, QString *error)
{
    if (!app::ScenarioWriter::save(m_scenario, path, error))
        return false;
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_undoStack.setClean();
    return true;
}

QString ScenarioDocument::displayName() const
{
    if (!m_scenario.name.isEmpty())
        return m_scenario.name;
    if (!m_filePath.isEmpty())
        return QFileInfo(m_filePath).completeBaseName();
    return tr("Untitled");
}

QStringList ScenarioDocument::architectureNames() const
{
    QStringList names;
    for (const app::ArchitectureSpec &a : m_scenario.architectures)
        names << a.name;
    return names;
}

const app::ArchitectureSpec *ScenarioDocument::architecture(const QString &name) const
{
    return m_scenario.architecture(name);
}

app::ArchitectureSpec *ScenarioDocument::mutableArchitecture(const QString &name)
{
    return const_cast<app::ArchitectureSpec *>(m_scenario.architecture(name));
}

const app::EdgeSpec *ScenarioDocument::edge(const QString &architecture, int index) const
{
    const app::ArchitectureSpec *a = m_scenario.architecture(architecture);
    if (!a || index < 0 || index >= static_cast<int>(a->edges.size()))
        return nullptr;
    return &a->edges[static_cast<std::size_t>(index)];
}

int ScenarioDocument::nodeIndex(const QString &id) const
{
    for (std::size_t i = 0; i < m_scenario.nodes.size(); ++i) {
        if (m_scenario.nodes[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

QString ScenarioDocument::uniqueNodeId(const QString &base) const
{
    QString id = base;
    for (int n = 2; m_scenario.node(id); ++n)
        id = QStringLiteral("%1-%2").arg(base).arg(n);
    return id;
}

// ---- High-level edits ----

QString ScenarioDocument::addNode(app::NodeKind kind, QPointF pos, QString *refused)
{
    app::NodeSpec node;
    node.kind = kind;
    node.id = uniqueNodeId(Theme::nodeKindName(kind));
    node.pos = pos;
    switch (kind) {
    case app::NodeKind::Producer:
        node.traffic.rate_per_s = 10.0;
        break;
    case app::NodeKind::Service:
    case app::NodeKind::Stream:
        node.workers = 2;
        node.service_time.mean_ms = 20.0;
        break;
    case app::NodeKind::Topic:
        node.partitions = Decoupler::defaultPartitions;
        node.replication_factor = std::min(3, std::max(1, m_scenario.cluster.brokers));
        break;
    case app::NodeKind::Broker: {
        QSet<int> shown;
        for (const app::NodeSpec &n : m_scenario.nodes) {
            if (n.kind == app::NodeKind::Broker)
                shown.insert(n.broker_id);
        }
        node.broker_id = 0;
        while (shown.contains(node.broker_id))
            ++node.broker_id;
        if (node.broker_id >= m_scenario.cluster.brokers) {
            if (refused)
                *refused = tr("Every broker of the cluster (%1) is already on the canvas.")
                               .arg(m_scenario.cluster.brokers);
            return {};
        }
        node.id = uniqueNodeId(QStringLiteral("broker-%1").arg(node.broker_id));
        break;
    }
    }
    m_undoStack.push(new AddNodeCommand(this, node));
    return node.id;
}

void ScenarioDocument::removeNodes(const QStringList &ids)
{
    removeItems(ids, {});
}

void ScenarioDocument::removeItems(const QStringList &nodeIds,
                                   const std::map<QString, QList<int>> &edgesByArchitecture)
{
    int count = static_cast<int>(nodeIds.size());
    for (const auto &[arch, indices] : edgesByArchitecture)
        count += static_cast<int>(indices.size());
    if (count == 0)
        return;
    m_undoStack.beginMacro(count == 1 && !nodeIds.isEmpty() ? QStringLiteral("Delete %1").arg(nodeIds.first())
                                                            : QStringLiteral("Delete %1 items").arg(count));
    for (const auto &[arch, indices] : edgesByArchitecture) {
        QList<int> sorted = indices;
        std::sort(sorted.begin(), sorted.end(), std::greater<>());
        for (int index : sorted) {
            if (edge(arch, index))
                m_undoStack.push(new RemoveEdgeCommand(this, arch, index));
        }
    }
    for (const QString &id : nodeIds) {
        if (node(id))
            m_undoStack.push(new RemoveNodeCommand(this, id));
    }
    m_undoStack.endMacro();
}

void ScenarioDocument::moveNodes(const std::map<QString, QPointF> &newPositions)
{
    std::map<QString, QPointF> moved;
    for (const auto &[id, pos] : newPositions) {
        if (const app::NodeSpec *n = node(id); n && n->pos != pos)
            moved[id] = pos;
    }
    if (!moved.empty())
        m_undoStack.push(new MoveNodesCommand(this, std::move(moved)));
}

void ScenarioDocument::changeNode(const QString &id, const app::NodeSpec &after, const QString &text)
{
    if (!node(id))
        return;
    m_undoStack.push(
        new ChangeNodeCommand(this, id, after, text.isEmpty() ? QStringLiteral("Change %1").arg(id) : text));
}

void ScenarioDocument::changeEdge(const QString &architecture, int index, const app::EdgeSpec &after)
{
    if (edge(architecture, index))
        m_undoStack.push(new ChangeEdgeCommand(this, architecture, index, after));
}

QString ScenarioDocument::connectNodes(const QString &architecture, const QString &from, const QString &to,
                                       std::optional<app::EdgeKind> kind)
{
    const app::NodeSpec *a = node(from);
    const app::NodeSpec *b = node(to);
    if (!a || !b)
        return tr("Unknown node.");
    if (!kind) {
        kind = EdgeRules::inferKind(a->kind, b->kind);
        if (!kind)
            return tr("No edge fits from a %1 (%2) to a %3 (%4).")
                .arg(Theme::nodeKindName(a->kind), from, Theme::nodeKindName(b->kind), to);
    }
    app::EdgeSpec e;
    e.kind = *kind;
    e.from = from;
    e.to = to;
    if (e.kind == app::EdgeKind::Subscribe) {
        e.group = to;
        e.consumers = std::clamp(b->workers, 1, std::max(1, a->partitions));
    }
    if (e.kind == app::EdgeKind::Publish && a->kind == app::NodeKind::Producer)
        e.event_type = a->event_type;
    if (QString why = EdgeRules::check(m_scenario, architecture, e); !why.isEmpty())
        return why;
    m_undoStack.push(new AddEdgeCommand(this, architecture, e));
    return {};
}

QString ScenarioDocument::decouple(const QString &from, const QString &to)
{
    QString error;
    const Decoupler::Plan plan = Decoupler::plan(m_scenario, from, &error);
    if (!error.isEmpty())
        return error;
    m_undoStack.beginMacro(tr("Decouple %1 into %2").arg(from, to));
    if (!architecture(to)) {
        app::ArchitectureSpec spec;
        spec.name = to;
        m_undoStack.push(new AddArchitectureCommand(this, spec));
    }
    for (int i = static_cast<int>(architecture(to)->edges.size()) - 1; i >= 0; --i)
        m_undoStack.push(new RemoveEdgeCommand(this, to, i));
    for (const app::NodeSpec &topic : plan.newTopics)
        m_undoStack.push(new AddNodeCommand(this, topic));
    for (const app::EdgeSpec &e : plan.edges)
        m_undoStack.push(new AddEdgeCommand(this, to, e));
    m_undoStack.endMacro();
    return {};
}

// ---- Mutators ----

void ScenarioDocument::insertNode(int index, const app::NodeSpec &node)
{
    m_scenario.nodes.insert(m_scenario.nodes.begin() + index, node);
    emit nodeAdded(node.id);
}

app::NodeSpec ScenarioDocument::takeNode(const QString &id)
{
    const int index = nodeIndex(id);
    Q_ASSERT(index >= 0);
    app::NodeSpec node = m_scenario.nodes[static_cast<std::size_t>(index)];
    m_scenario.nodes.erase(m_scenario.nodes.begin() + index);
    emit nodeRemoved(id);
    return node;
}

void ScenarioDocument::replaceNode(const QString &id, const app::NodeSpec &node)
{
    if (app::NodeSpec *n = m_scenario.node(id)) {
        *n = node;
        emit nodeChanged(id);
    }
}

void ScenarioDocument::setNodePosition(const QString &id, QPointF pos)
{
    if (app::NodeSpec *n = m_scenario.node(id)) {
        n->pos = pos;
        emit nodeChanged(id);
    }
}

void ScenarioDocument::insertEdge(const QString &architecture, int index, const app::EdgeSpec &edge)
{
    app::ArchitectureSpec *a = mutableArchitecture(architecture);
    a->edges.insert(a->edges.begin() + index, edge);
    emit edgeAdded(architecture, index);
}

app::EdgeSpec ScenarioDocument::takeEdge(const QString &architecture, int index)
{
    app::ArchitectureSpec *a = mutableArchitecture(architecture);
    app::EdgeSpec e = a->edges[static_cast<std::size_t>(index)];
    a->edges.erase(a->edges.begin() + index);
    emit edgeRemoved(architecture, index);
    return e;
}

void ScenarioDocument::replaceEdge(const QString &architecture, int index, const app::EdgeSpec &edge)
{
    mutableArchitecture(architecture)->edges[static_cast<std::size_t>(index)] = edge;
    emit edgeChanged(architecture, index);
}

void ScenarioDocument::insertArchitecture(int index, const app::ArchitectureSpec &architecture)
{
    m_scenario.architectures.insert(m_scenario.architectures.begin() + index, architecture);
    emit architectureAdded(architecture.name);
}

app::ArchitectureSpec ScenarioDocument::takeArchitecture(const QString &name)
{
    auto &list = m_scenario.architectures;
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const app::ArchitectureSpec &a) { return a.name == name; });
    Q_ASSERT(it != list.end());
    app::ArchitectureSpec a = *it;
    list.erase(it);
    emit architectureRemoved(name);
    return a;
}

void ScenarioDocument::insertFault(int index, const app::FaultSpec &fault)
{
    m_scenario.faults.insert(m_scenario.faults.begin() + index, fault);
    emit faultsChanged();
}

app::FaultSpec ScenarioDocument::takeFault(int index)
{
    app::FaultSpec f = m_scenario.faults[static_cast<std::size_t>(index)];
    m_scenario.faults.erase(m_scenario.faults.begin() + index);
    emit faultsChanged();
    return f;
}

} // namespace postoffice::ui
