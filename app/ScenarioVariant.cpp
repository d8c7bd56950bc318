#include "ScenarioVariant.h"

namespace postoffice::app {

namespace {

const EdgeSpec *edgeOf(const Scenario &scenario, const QString &architecture, int edge)
{
    const ArchitectureSpec *arch = scenario.architecture(architecture);
    if (!arch || edge < 0 || edge >= int(arch->edges.size()))
        return nullptr;
    return &arch->edges[std::size_t(edge)];
}

} // namespace

std::vector<ScenarioVariant> ScenarioVariant::candidates(const Scenario &scenario,
                                                         const QString &architecture)
{
    std::vector<ScenarioVariant> out;
    const ArchitectureSpec *arch = scenario.architecture(architecture);
    if (!arch)
        return out;
    QStringList nodes; // used by this architecture, in edge order, each once
    for (int i = 0; i < int(arch->edges.size()); ++i) {
        const EdgeSpec &e = arch->edges[std::size_t(i)];
        for (const QString &id : {e.from, e.to})
            if (!nodes.contains(id))
                nodes << id;
        ScenarioVariant v;
        v.architecture = architecture;
        v.edge = i;
        if (e.kind == EdgeKind::Subscribe) {
            v.parameter = Parameter::Consumers;
            v.node = e.groupName();
        } else if (e.kind == EdgeKind::Publish) {
            v.parameter = Parameter::Acks;
            v.node = e.to;
        } else {
            continue;
        }
        v.value = v.currentValue(scenario);
        out.push_back(v);
    }
    for (const QString &id : nodes) {
        const NodeSpec *n = scenario.node(id);
        if (!n || (n->kind != NodeKind::Service && n->kind != NodeKind::Topic))
            continue;
        ScenarioVariant v;
        v.architecture = architecture;
        v.node = id;
        v.parameter = n->kind == NodeKind::Service ? Parameter::Workers : Parameter::Partitions;
        v.value = v.currentValue(scenario);
        out.push_back(v);
    }
    return out;
}

QString ScenarioVariant::parameterText() const
{
    switch (parameter) {
    case Parameter::Consumers:
        return QStringLiteral("consumers in group %1").arg(node);
    case Parameter::Acks:
        return QStringLiteral("acks of the publishes to %1").arg(node);
    case Parameter::Workers:
        return QStringLiteral("workers of %1").arg(node);
    case Parameter::Partitions:
        return QStringLiteral("partitions of %1").arg(node);
    }
    return {};
}

QString ScenarioVariant::currentValue(const Scenario &scenario) const
{
    if (parameter == Parameter::Consumers || parameter == Parameter::Acks) {
        const EdgeSpec *e = edgeOf(scenario, architecture, edge);
        if (!e)
            return {};
        return parameter == Parameter::Consumers ? QString::number(e->consumers) : e->acks;
    }
    const NodeSpec *n = scenario.node(node);
    if (!n)
        return {};
    return QString::number(parameter == Parameter::Workers ? n->workers : n->partitions);
}

QString ScenarioVariant::label() const
{
    const bool one = value == QLatin1String("1");
    switch (parameter) {
    case Parameter::Consumers:
        return QStringLiteral("%1, %2 %3 in group %4")
            .arg(architecture, value, one ? QStringLiteral("consumer") : QStringLiteral("consumers"), node);
    case Parameter::Acks:
        return QStringLiteral("%1, acks=%2 to %3").arg(architecture, value, node);
    case Parameter::Workers:
        return QStringLiteral("%1, %2 %3 in %4")
            .arg(architecture, value, one ? QStringLiteral("worker") : QStringLiteral("workers"), node);
    case Parameter::Partitions:
        return QStringLiteral("%1, %2 %3 in %4")
            .arg(architecture, value, one ? QStringLiteral("partition") : QStringLiteral("partitions"), node);
    }
    return architecture;
}

std::optional<Scenario> ScenarioVariant::apply(const Scenario &scenario, QString *error) const
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    Scenario out = scenario;
    ArchitectureSpec *arch = nullptr;
    for (ArchitectureSpec &a : out.architectures)
        if (a.name == architecture)
            arch = &a;
    if (!arch)
        return fail(QStringLiteral("the scenario has no architecture \"%1\"").arg(architecture));
    bool isCount = false;
    const int count = value.toInt(&isCount);
    if (parameter == Parameter::Consumers || parameter == Parameter::Acks) {
        if (edge < 0 || edge >= int(arch->edges.size()))
            return fail(QStringLiteral("%1 has no edge %2").arg(architecture).arg(edge));
        EdgeSpec &e = arch->edges[std::size_t(edge)];
        if (parameter == Parameter::Consumers) {
            if (e.kind != EdgeKind::Subscribe)
                return fail(
                    QStringLiteral("edge %1 of %2 is not a subscription").arg(edge).arg(architecture));
            if (!isCount || count < 1)
                return fail(QStringLiteral("a group needs 1 consumer or more, not \"%1\"").arg(value));
            e.consumers = count;
        } else {
            if (e.kind != EdgeKind::Publish)
                return fail(QStringLiteral("edge %1 of %2 does not publish").arg(edge).arg(architecture));
            if (value != QLatin1String("0") && value != QLatin1String("1") && value != QLatin1String("all"))
                return fail(QStringLiteral("acks is 0, 1 or all, not \"%1\"").arg(value));
            e.acks = value;
        }
    } else {
        NodeSpec *n = out.node(node);
        const NodeKind wanted = parameter == Parameter::Workers ? NodeKind::Service : NodeKind::Topic;
        if (!n || n->kind != wanted)
            return fail(
                QStringLiteral("the scenario has no %1 \"%2\"")
                    .arg(wanted == NodeKind::Service ? QStringLiteral("service") : QStringLiteral("topic"),
                         node));
        if (!isCount || count < 1)
            return fail(QStringLiteral("%1 must be 1 or more, not \"%2\"").arg(parameterText(), value));
        (parameter == Parameter::Workers ? n->workers : n->partitions) = count;
    }
    const ArchitectureSpec kept = *arch;
    out.architectures = {kept};
    return out;
}

} // namespace postoffice::app
