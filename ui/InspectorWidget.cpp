#include "InspectorWidget.h"

#include "ScenarioDocument.h"
#include "Theme.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include <type_traits>

namespace postoffice::ui {

namespace {

// How a form field reaches the thing it edits: read the current spec, commit a changed copy.
template<class Spec> struct Target
{
    std::function<const Spec *()> spec;
    std::function<void(const Spec &)> commit;
};

template<class Spec, class Get, class Set>
QLineEdit *addText(QFormLayout *form, const QString &label, const Target<Spec> &t, Get get, Set set,
                   QList<std::function<void()>> &refreshers)
{
    auto *edit = new QLineEdit;
    form->addRow(label, edit);
    QObject::connect(edit, &QLineEdit::editingFinished, edit, [t, set, get, edit] {
        edit->setModified(false);
        const Spec *s = t.spec();
        if (!s || get(*s) == edit->text())
            return;
        Spec copy = *s;
        set(copy, edit->text().trimmed());
        t.commit(copy);
    });
    refreshers.append([t, get, edit] {
        // Text being typed (not yet committed) is not overwritten.
        if (const Spec *s = t.spec(); s && !edit->isModified())
            edit->setText(get(*s));
    });
    return edit;
}

bool sameValue(int a, int b)
{
    return a == b;
}

bool sameValue(double a, double b)
{
    return qFuzzyCompare(1.0 + a, 1.0 + b);
}

// Wires a field to the spec: a user change commits a copy of the spec with the new value (one
// undo step) unless the spec holds it already; a refresh shows the spec's value without echoing
// it back as an edit.
template<class Spec, class Field, class Value, class Get, class Set, class Show>
void bind(QFormLayout *form, const QString &label, Field *field, void (Field::*changed)(Value),
          const Target<Spec> &t, Get get, Set set, Show show, QList<std::function<void()>> &refreshers)
{
    form->addRow(label, field);
    QObject::connect(field, changed, field, [t, get, set](Value v) {
        if constexpr (std::is_same_v<Field, QComboBox>) {
            if (v < 0) // the combo was emptied: no choice to commit
                return;
        }
        const Spec *s = t.spec();
        if (!s || sameValue(get(*s), v))
            return;
        Spec copy = *s;
        set(copy, v);
        t.commit(copy);
    });
    refreshers.append([t, get, show, field] {
        if (const Spec *s = t.spec()) {
            const QSignalBlocker block(field);
            show(field, get(*s));
        }
    });
}

template<class Spin, class Value> Spin *newSpin(Value min, Value max, const QString &special)
{
    auto *spin = new Spin;
    spin->setRange(min, max);
    spin->setKeyboardTracking(false); // commit once per typed number, not per digit
    if (!special.isEmpty())
        spin->setSpecialValueText(special);
    return spin;
}

template<class Spec, class Get, class Set>
void addInt(QFormLayout *form, const QString &label, int min, int max, const Target<Spec> &t, Get get,
            Set set, QList<std::function<void()>> &refreshers, const QString &special = {})
{
    bind(
        form, label, newSpin<QSpinBox>(min, max, special), &QSpinBox::valueChanged, t, get, set,
        [](QSpinBox *spin, int v) { spin->setValue(v); }, refreshers);
}

template<class Spec, class Get, class Set>
void addDouble(QFormLayout *form, const QString &label, double min, double max, int decimals,
               const QString &suffix, const Target<Spec> &t, Get get, Set set,
               QList<std::function<void()>> &refreshers, const QString &special = {})
{
    auto *spin = newSpin<QDoubleSpinBox>(min, max, special);
    spin->setDecimals(decimals);
    spin->setSuffix(suffix);
    bind(
        form, label, spin, &QDoubleSpinBox::valueChanged, t, get, set,
        [](QDoubleSpinBox *s, double v) { s->setValue(v); }, refreshers);
}

template<class Spec, class Get, class Set>
void addChoice(QFormLayout *form, const QString &label, const QStringList &choices, const Target<Spec> &t,
               Get get, Set set, QList<std::function<void()>> &refreshers)
{
    auto *combo = new QComboBox;
    combo->addItems(choices);
    bind(
        form, label, combo, &QComboBox::currentIndexChanged, t, get, set,
        [](QComboBox *c, int v) { c->setCurrentIndex(v); }, refreshers);
}

int acksIndex(const QString &acks)
{
    return acks == QLatin1String("0") ? 0 : acks == QLatin1String("1") ? 1 : 2;
}

} // namespace

InspectorWidget::InspectorWidget(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    f.setBold(true);
    m_title->setFont(f);
    layout->addWidget(m_title);
    // The empty-state hint sits outside the form: a word-wrapped label spanning a QFormLayout row
    // gets its one-line height and is clipped in a narrow dock.
    m_hint = new QLabel(tr("Select a node or an edge on a canvas to see and edit its properties."), this);
    m_hint->setObjectName(QStringLiteral("inspectorHint"));
    m_hint->setWordWrap(true);
    m_hint->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    layout->addWidget(m_hint);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(m_form);
    layout->addStretch(1);
    showNothing();
}

void InspectorWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // A box layout does not ask a wrapped label for its height at a given width: tell the
    // label, so that the dock's minimum height leaves room for every line.
    const QMargins m = layout()->contentsMargins();
    m_hint->setMinimumHeight(m_hint->heightForWidth(width() - m.left() - m.right()));
}

void InspectorWidget::setDocument(ScenarioDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    showNothing();
    if (!document)
        return;
    connect(document, &ScenarioDocument::nodeChanged, this, [this](const QString &id) {
        if (id == m_nodeId)
            refresh();
    });
    connect(document, &ScenarioDocument::edgeChanged, this, [this](const QString &arch, int index) {
        if (arch == m_architecture && index == m_edgeIndex)
            refresh();
    });
    connect(document, &ScenarioDocument::nodeRemoved, this, [this](const QString &id) {
        if (id == m_nodeId)
            showNothing();
    });
    // Indices shift when edges come and go: an edge form would point at another edge.
    connect(document, &ScenarioDocument::edgeRemoved, this, [this](const QString &arch) {
        if (arch == m_architecture)
            showNothing();
    });
    connect(document, &ScenarioDocument::edgeAdded, this, [this](const QString &arch) {
        if (arch == m_architecture)
            showNothing();
    });
}

void InspectorWidget::clearForm()
{
    m_refreshers.clear();
    m_nameEdit = nullptr;
    m_hint->hide();
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_nodeId.clear();
    m_architecture.clear();
    m_edgeIndex = -1;
}

void InspectorWidget::refresh()
{
    for (const auto &r : std::as_const(m_refreshers))
        r();
}

void InspectorWidget::focusName()
{
    if (m_nameEdit) {
        m_nameEdit->setFocus(Qt::OtherFocusReason);
        m_nameEdit->selectAll();
    }
}

void InspectorWidget::showNothing()
{
    clearForm();
    m_title->setText(tr("Nothing selected"));
    m_hint->show();
}

void InspectorWidget::showNode(const QString &id)
{
    clearForm();
    const app::NodeSpec *node = m_document ? m_document->node(id) : nullptr;
    if (!node) {
        showNothing();
        return;
    }
    m_nodeId = id;
    m_title->setText(tr("%1 — %2").arg(id, Theme::nodeKindName(node->kind)));
    QPointer<ScenarioDocument> doc = m_document;
    Target<app::NodeSpec> t{[doc, id]() -> const app::NodeSpec * { return doc ? doc->node(id) : nullptr; },
                            [doc, id](const app::NodeSpec &s) {
                                if (doc)
                                    doc->changeNode(id, s);
                            }};
    using N = app::NodeSpec;
    auto &r = m_refreshers;
    m_nameEdit = addText(
        m_form, tr("Name"), t, [](const N &n) { return n.label; },
        [](N &n, const QString &v) { n.label = v; }, r);
    m_nameEdit->setPlaceholderText(id);
    m_nameEdit->setToolTip(
        tr("Shown on the canvas. The id (%1) stays, edges and faults refer to it.").arg(id));

    switch (node->kind) {
    case app::NodeKind::Producer:
        addChoice(
            m_form, tr("Traffic"), {"constant", "poisson", "ramp", "spike", "daily"}, t,
            [](const N &n) { return static_cast<int>(n.traffic.pattern); },
            [](N &n, int v) { n.traffic.pattern = static_cast<app::TrafficPattern>(v); }, r);
        addDouble(
            m_form, tr("Rate"), 0.001, 1e6, 3, tr(" /s"), t, [](const N &n) { return n.traffic.rate_per_s; },
            [](N &n, double v) { n.traffic.rate_per_s = v; }, r);
        addText(
            m_form, tr("Event type"), t, [](const N &n) { return n.event_type; },
            [](N &n, const QString &v) { n.event_type = v; }, r);
        break;
    case app::NodeKind::Service:
    case app::NodeKind::Stream:
        if (node->kind == app::NodeKind::Stream)
            addChoice(
                m_form, tr("Operation"), {"filter", "map", "aggregate"}, t,
                [](const N &n) { return static_cast<int>(n.operation); },
                [](N &n, int v) { n.operation = static_cast<app::StreamOperation>(v); }, r);
        addInt(
            m_form, tr("Workers"), 1, 10000, t, [](const N &n) { return n.workers; },
            [](N &n, int v) { n.workers = v; }, r);
        addChoice(
            m_form, tr("Service time"), {"constant", "exponential", "lognormal"}, t,
            [](const N &n) { return static_cast<int>(n.service_time.dist); },
            [](N &n, int v) { n.service_time.dist = static_cast<app::ServiceTimeDist>(v); }, r);
        addDouble(
            m_form, tr("Mean"), 0.001, 1e7, 3, tr(" ms"), t,
            [](const N &n) { return n.service_time.mean_ms; },
            [](N &n, double v) { n.service_time.mean_ms = v; }, r);
        if (node->kind == app::NodeKind::Service) {
            addInt(
                m_form, tr("Queue limit"), 0, 10'000'000, t,
                [](const N &n) { return n.queue_limit.value_or(0); },
                [](N &n, int v) { n.queue_limit = v > 0 ? std::optional<int>(v) : std::nullopt; }, r,
                tr("unbounded"));
            addDouble(
                m_form, tr("Error rate"), 0.0, 1.0, 3, QString(), t, [](const N &n) { return n.error_rate; },
                [](N &n, double v) { n.error_rate = v; }, r);
        }
        break;
    case app::NodeKind::Topic:
        addInt(
            m_form, tr("Partitions"), 1, 10000, t, [](const N &n) { return n.partitions; },
            [](N &n, int v) { n.partitions = v; }, r);
        addInt(
            m_form, tr("Replication factor"), 1, std::max(1, m_document->scenario().cluster.brokers), t,
            [](const N &n) { return n.replication_factor; }, [](N &n, int v) { n.replication_factor = v; },
            r);
        break;
    case app::NodeKind::Broker:
        m_form->addRow(tr("Broker"), new QLabel(QString::number(node->broker_id)));
        break;
    }
    refresh();
}

void InspectorWidget::showEdge(const QString &architecture, int index)
{
    clearForm();
    const app::EdgeSpec *edge = m_document ? m_document->edge(architecture, index) : nullptr;
    if (!edge) {
        showNothing();
        return;
    }
    m_architecture = architecture;
    m_edgeIndex = index;
    m_title->setText(tr("%1 %2 → %3").arg(Theme::edgeKindName(edge->kind), edge->from, edge->to));
    m_form->addRow(tr("Architecture"), new QLabel(architecture));
    QPointer<ScenarioDocument> doc = m_document;
    Target<app::EdgeSpec> t{[doc, architecture, index]() -> const app::EdgeSpec * {
                                return doc ? doc->edge(architecture, index) : nullptr;
                            },
                            [doc, architecture, index](const app::EdgeSpec &s) {
                                if (doc)
                                    doc->changeEdge(architecture, index, s);
                            }};
    using E = app::EdgeSpec;
    auto &r = m_refreshers;
    switch (edge->kind) {
    case app::EdgeKind::Call:
        addDouble(
            m_form, tr("Timeout"), 0.0, 1e7, 0, tr(" ms"), t,
            [](const E &e) { return e.timeout_ms.value_or(0.0); },
            [](E &e, double v) { e.timeout_ms = v > 0 ? std::optional<double>(v) : std::nullopt; }, r,
            tr("wait forever"));
        addInt(
            m_form, tr("Retries"), 0, 100, t, [](const E &e) { return e.retries; },
            [](E &e, int v) { e.retries = v; }, r);
        addDouble(
            m_form, tr("Backoff"), 0.0, 1e7, 0, tr(" ms"), t, [](const E &e) { return e.backoff_ms; },
            [](E &e, double v) { e.backoff_ms = v; }, r);
        break;
    case app::EdgeKind::Publish:
        // acks: 0 = fire and forget, 1 = leader only, all = every in-sync replica (min.insync.replicas).
        addChoice(
            m_form, tr("acks"), {"0", "1", "all"}, t, [](const E &e) { return acksIndex(e.acks); },
            [](E &e, int v) {
                e.acks = QStringList{"0", "1", "all"}.at(v);
            },
            r);
        addText(
            m_form, tr("Event type"), t, [](const E &e) { return e.event_type; },
            [](E &e, const QString &v) { e.event_type = v; }, r);
        break;
    case app::EdgeKind::Subscribe:
        addText(
            m_form, tr("Group"), t, [](const E &e) { return e.group; },
            [](E &e, const QString &v) { e.group = v; }, r);
        addInt(
            m_form, tr("Consumers"), 1, 10000, t, [](const E &e) { return e.consumers; },
            [](E &e, int v) { e.consumers = v; }, r);
        addChoice(
            m_form, tr("Assignor"), {"range", "roundrobin", "sticky"}, t,
            [](const E &e) {
                return static_cast<int>(QStringList{"range", "roundrobin", "sticky"}.indexOf(e.assignor));
            },
            [](E &e, int v) {
                e.assignor = QStringList{"range", "roundrobin", "sticky"}.at(v);
            },
            r);
        break;
    }
    refresh();
}

} // namespace postoffice::ui
