#include "FaultPanel.h"

#include "ClockText.h"
#include "EventLogModel.h"
#include "SimulationController.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace postoffice::ui {

FaultPanel::FaultPanel(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller)
{
    m_slowFactor = new QDoubleSpinBox(this);
    m_slowFactor->setRange(1.5, 100.0);
    m_slowFactor->setValue(5.0);
    m_slowFactor->setPrefix(QStringLiteral("×"));
    m_slowFactor->setToolTip(tr("Service time multiplier of \"Slow\""));
    m_errorPercent = new QSpinBox(this);
    m_errorPercent->setRange(1, 100);
    m_errorPercent->setValue(50);
    m_errorPercent->setSuffix(QStringLiteral(" %"));
    m_errorPercent->setToolTip(tr("Share of requests that fail under \"Errors\""));
    m_spikeFactor = new QDoubleSpinBox(this);
    m_spikeFactor->setRange(1.5, 100.0);
    m_spikeFactor->setValue(5.0);
    m_spikeFactor->setPrefix(QStringLiteral("×"));
    m_spikeFactor->setToolTip(tr("Traffic multiplier of \"Spike\""));

    auto *params = new QHBoxLayout;
    params->addWidget(new QLabel(tr("Slow"), this));
    params->addWidget(m_slowFactor);
    params->addWidget(new QLabel(tr("Errors"), this));
    params->addWidget(m_errorPercent);
    params->addWidget(new QLabel(tr("Spike"), this));
    params->addWidget(m_spikeFactor);
    params->addStretch();

    m_rows = new QWidget;
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_rows);

    m_linkFrom = new QComboBox(this);
    m_linkTo = new QComboBox(this);
    m_cut = new QPushButton(tr("Cut link"), this);
    m_cut->setCheckable(true);
    m_cut->setToolTip(tr("Network cut: nothing gets through between the two nodes until pressed again"));
    m_toggles[m_cut] = Toggle{QString(), app::FaultKind::NetworkCut, QString()};
    connect(m_cut, &QPushButton::toggled, this, [this](bool on) { toggle(m_cut, on); });
    auto *link = new QHBoxLayout;
    link->addWidget(m_linkFrom, 1);
    link->addWidget(new QLabel(QStringLiteral("↔"), this));
    link->addWidget(m_linkTo, 1);
    link->addWidget(m_cut);

    m_active = new QListWidget(this);
    m_active->setWordWrap(true);
    m_active->setMaximumHeight(110);
    m_endSelected = new QPushButton(tr("End selected fault"), this);
    connect(m_endSelected, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_active->currentItem())
            m_controller->endFault(item->data(Qt::UserRole).toInt());
    });

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    outer->addLayout(params);
    outer->addWidget(scroll, 1);
    outer->addLayout(link);
    m_activeTitle = new QLabel(this);
    outer->addWidget(m_activeTitle);
    outer->addWidget(m_active);
    outer->addWidget(m_endSelected);

    connect(m_controller, &SimulationController::scenarioLoaded, this, &FaultPanel::rebuild);
    connect(m_controller, &SimulationController::activeFaultsChanged, this, &FaultPanel::syncWithEngine);
    rebuild();
}

QAbstractButton *FaultPanel::addToggle(QGridLayout *grid, int row, int column, const QString &text,
                                       const QString &tip, const QString &node, app::FaultKind kind)
{
    auto *b = new QPushButton(text, m_rows);
    b->setCheckable(true);
    b->setToolTip(tip);
    b->setObjectName(QStringLiteral("%1/%2").arg(node).arg(int(kind)));
    grid->addWidget(b, row, column);
    m_toggles[b] = Toggle{node, kind, QString()};
    connect(b, &QPushButton::toggled, this, [this, b](bool on) { toggle(b, on); });
    return b;
}

void FaultPanel::rebuild()
{
    for (auto it = m_toggles.begin(); it != m_toggles.end();)
        it = it->first == m_cut ? std::next(it) : m_toggles.erase(it);
    delete m_rows->layout();
    qDeleteAll(m_rows->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));

    auto *grid = new QGridLayout(m_rows);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(4);
    grid->setColumnStretch(0, 1);
    m_linkFrom->clear();
    m_linkTo->clear();
    // A panel fault applies to every architecture; consumer-scaling compares four of them.
    m_activeTitle->setText(m_controller->architectures().size() > 2
                               ? tr("Active faults (all architectures):")
                               : tr("Active faults (both architectures):"));
    const app::Simulation *sim = m_controller->simulation();
    if (!sim) {
        syncWithEngine();
        return;
    }
    int row = 0;
    for (const app::NodeSpec &n : m_controller->scenario().nodes) {
        m_linkFrom->addItem(n.id);
        m_linkTo->addItem(n.id);
        const bool service = n.kind == app::NodeKind::Service || n.kind == app::NodeKind::Stream;
        const bool broker = n.kind == app::NodeKind::Broker;
        const bool producer = n.kind == app::NodeKind::Producer;
        if (!service && !broker && !producer)
            continue;
        auto *name = new QLabel(n.label.isEmpty() ? n.id : n.label, m_rows);
        name->setToolTip(n.id);
        grid->addWidget(name, row, 0);
        if (service) {
            addToggle(grid, row, 1, tr("Down"), tr("%1 stops working; calls to it fail at once").arg(n.id),
                      n.id, app::FaultKind::Down);
            addToggle(grid, row, 2, tr("Slow"), tr("%1 takes longer per request").arg(n.id), n.id,
                      app::FaultKind::Slow);
            addToggle(grid, row, 3, tr("Errors"), tr("%1 fails a share of its requests").arg(n.id), n.id,
                      app::FaultKind::ErrorRate);
        } else if (broker) {
            addToggle(grid, row, 1, tr("Down"),
                      tr("Broker %1 fails; its partitions elect new leaders").arg(n.id), n.id,
                      app::FaultKind::BrokerDown);
        } else {
            addToggle(grid, row, 1, tr("Spike"), tr("%1 sends more traffic").arg(n.id), n.id,
                      app::FaultKind::Spike);
        }
        ++row;
    }
    grid->setRowStretch(row, 1);
    if (m_linkTo->count() > 1)
        m_linkTo->setCurrentIndex(1);
    syncWithEngine();
}

app::FaultSpec FaultPanel::faultFor(const QString &node, app::FaultKind kind) const
{
    app::FaultSpec f;
    f.kind = kind;
    f.target = node;
    f.at_s = m_controller->now();
    f.duration_s = 0.0; // until ended
    if (kind == app::FaultKind::Slow || kind == app::FaultKind::Spike)
        f.factor = kind == app::FaultKind::Slow ? m_slowFactor->value() : m_spikeFactor->value();
    if (kind == app::FaultKind::ErrorRate)
        f.rate = m_errorPercent->value() / 100.0;
    if (kind == app::FaultKind::NetworkCut) {
        f.target = m_linkFrom->currentText();
        f.peer = m_linkTo->currentText();
    }
    return f;
}

void FaultPanel::toggle(QAbstractButton *button, bool on)
{
    if (m_syncing)
        return;
    Toggle &t = m_toggles[button];
    if (on) {
        const app::FaultSpec f = faultFor(t.node, t.kind);
        if (f.kind == app::FaultKind::NetworkCut) {
            if (f.target == f.peer || f.target.isEmpty()) {
                const QSignalBlocker block(button);
                button->setChecked(false);
                return;
            }
            t.node = f.target;
            t.peer = f.peer;
        }
        t.faultId = m_controller->injectFault(f);
    } else if (t.faultId >= 0) {
        m_controller->endFault(t.faultId);
    }
    syncWithEngine();
}

void FaultPanel::syncWithEngine()
{
    m_syncing = true;
    const auto &active = m_controller->activeFaults();
    for (auto &[button, t] : m_toggles) {
        int found = -1;
        for (const auto &[id, event] : active) {
            const std::optional<app::FaultSpec> &f = event.fault;
            if (f && f->kind == t.kind && f->target == t.node &&
                (t.kind != app::FaultKind::NetworkCut || f->peer == t.peer))
                found = id;
        }
        t.faultId = found;
        button->setChecked(found >= 0);
    }
    m_active->clear();
    for (const auto &[id, event] : active) {
        auto *item = new QListWidgetItem(
            tr("since %1: %2").arg(ClockText::format(event.t_s), EventLogModel::sentence(event)));
        item->setToolTip(item->text());
        item->setData(Qt::UserRole, id);
        item->setForeground(QColor(0xC6, 0x28, 0x28));
        m_active->addItem(item);
    }
    m_endSelected->setEnabled(!active.empty());
    m_syncing = false;
}

QAbstractButton *FaultPanel::button(const QString &node, app::FaultKind kind) const
{
    for (const auto &[button, t] : m_toggles)
        if (t.node == node && t.kind == kind && button != m_cut)
            return button;
    return nullptr;
}

QAbstractButton *FaultPanel::cutLinkButton() const
{
    return m_cut;
}

void FaultPanel::setLink(const QString &from, const QString &to)
{
    m_linkFrom->setCurrentText(from);
    m_linkTo->setCurrentText(to);
}

} // namespace postoffice::ui
