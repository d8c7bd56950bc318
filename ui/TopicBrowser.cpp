#include "TopicBrowser.h"

#include "ArchitectureStyle.h"
#include "Simulation.h"
#include "SimulationController.h"
#include "TopicRecordModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace postoffice::ui {

TopicBrowser::TopicBrowser(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller)
{
    m_architecture = new QComboBox(this);
    m_topic = new QComboBox(this);
    m_topic->setObjectName(QStringLiteral("topicCombo"));
    m_partition = new QSpinBox(this);
    m_partition->setPrefix(tr("partition "));
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_groups = new QTableWidget(0, 3, this);
    m_groups->setHorizontalHeaderLabels({tr("Consumer group"), tr("Committed offset"), tr("Lag (records)")});
    m_groups->verticalHeader()->hide();
    m_groups->horizontalHeader()->setStretchLastSection(true);
    m_groups->setEditTriggers(QAbstractItemView::NoEditTriggers);

    m_records = new TopicRecordModel(this);
    m_view = new QTableView(this);
    m_view->setModel(m_records);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);

    auto *pick = new QHBoxLayout;
    pick->addWidget(m_architecture);
    pick->addWidget(m_topic, 1);
    pick->addWidget(m_partition);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_groups);
    split->addWidget(m_view);
    split->setStretchFactor(1, 3);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    outer->addLayout(pick);
    outer->addWidget(m_summary);
    outer->addWidget(split, 1);

    connect(m_architecture, &QComboBox::currentIndexChanged, this, &TopicBrowser::refresh);
    connect(m_partition, &QSpinBox::valueChanged, this, &TopicBrowser::refresh);
    connect(m_topic, &QComboBox::currentIndexChanged, this, [this] {
        const auto *node = m_controller->scenario().node(m_topic->currentText());
        m_partition->setRange(0, node ? std::max(0, node->partitions - 1) : 0);
        refresh();
    });
    connect(m_controller, &SimulationController::scenarioLoaded, this, &TopicBrowser::rebuild);
    // Reading a partition is cheap but not free: only while someone can see it.
    connect(m_controller, &SimulationController::updated, this, [this] {
        if (isVisible())
            refresh();
    });
    rebuild();
}

void TopicBrowser::setClusterProvider(ClusterProvider provider)
{
    m_provider = std::move(provider);
    refresh();
}

void TopicBrowser::rebuild()
{
    const QSignalBlocker a(m_architecture);
    const QSignalBlocker t(m_topic);
    m_architecture->clear();
    for (const QString &name : m_controller->architectures())
        m_architecture->addItem(ArchitectureStyle::label(name), name);
    m_topic->clear();
    for (const app::NodeSpec &n : m_controller->scenario().nodes)
        if (n.kind == app::NodeKind::Topic)
            m_topic->addItem(n.id);
    const auto *node = m_controller->scenario().node(m_topic->currentText());
    m_partition->setRange(0, node ? std::max(0, node->partitions - 1) : 0);
    // Default to an architecture that has topics: the decoupled one when present.
    const int decoupled = m_architecture->findData(QStringLiteral("decoupled"));
    if (decoupled >= 0)
        m_architecture->setCurrentIndex(decoupled);
    refresh();
}

void TopicBrowser::select(int architecture, const QString &topic, int partition)
{
    m_architecture->setCurrentIndex(architecture);
    m_topic->setCurrentText(topic);
    m_partition->setValue(partition);
    refresh();
}

QString TopicBrowser::summaryText() const
{
    return m_summary->text();
}

void TopicBrowser::refresh()
{
    const app::Simulation *sim = m_controller->simulation();
    const int arch = m_architecture->currentIndex();
    const QString topic = m_topic->currentText();
    const int partition = m_partition->value();
    m_groups->setRowCount(0);
    if (!sim || arch < 0 || topic.isEmpty()) {
        m_summary->setText(tr("No topic in this scenario."));
        m_records->clear();
        return;
    }
    const std::vector<app::PartitionState> parts = sim->topicState(arch, topic);
    const app::PartitionState *p = nullptr;
    for (const app::PartitionState &s : parts)
        if (s.partition == partition)
            p = &s;
    if (!p) {
        m_summary->setText(
            tr("%1 does not use topic %2.")
                .arg(ArchitectureStyle::label(m_controller->architectures().value(arch)), topic));
        m_records->clear();
        return;
    }
    QString text = tr("log start %1 · high watermark %2 · log end %3 · leader %4")
                       .arg(p->log_start)
                       .arg(p->high_watermark)
                       .arg(p->log_end)
                       .arg(p->leader >= 0 ? tr("broker %1").arg(p->leader) : tr("offline"));
    m_groups->setRowCount(int(p->groups.size()));
    for (int i = 0; i < int(p->groups.size()); ++i) {
        const app::GroupOffset &g = p->groups[size_t(i)];
        m_groups->setItem(i, 0, new QTableWidgetItem(g.group));
        auto *committed = new QTableWidgetItem(QString::number(g.committed));
        committed->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_groups->setItem(i, 1, committed);
        auto *lag = new QTableWidgetItem(QString::number(std::max<qint64>(0, p->log_end - g.committed)));
        lag->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_groups->setItem(i, 2, lag);
    }
    broker::Cluster *cluster = m_provider ? m_provider(arch) : nullptr;
    if (!cluster) {
        text += tr("\nRecord contents are not available for this run.");
        m_records->clear();
    } else {
        QString error;
        if (!m_records->load(*cluster, topic, partition, -1, maxRows, &error))
            text += QLatin1Char('\n') + error;
        else if (m_records->rowCount() > 0)
            text += tr("\nshowing offsets %1–%2")
                        .arg(m_records->row(0).offset)
                        .arg(m_records->row(m_records->rowCount() - 1).offset);
    }
    m_summary->setText(text);
}

} // namespace postoffice::ui
