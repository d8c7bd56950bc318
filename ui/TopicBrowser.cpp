#include "TopicBrowser.h"

#include "ArchitectureStyle.h"
#include "Cluster.h"
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
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

namespace postoffice::ui {

namespace {

// "7 days", "1 h 30 min", "45 s": retention settings as a trainer says them.
QString humanDuration(qint64 ms)
{
    const qint64 s = ms / 1000;
    if (s % 86400 == 0 && s >= 86400)
        return TopicBrowser::tr("%n day(s)", nullptr, int(s / 86400));
    if (s >= 3600)
        return s % 3600 ? TopicBrowser::tr("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60)
                        : TopicBrowser::tr("%1 h").arg(s / 3600);
    if (s >= 60)
        return s % 60 ? TopicBrowser::tr("%1 min %2 s").arg(s / 60).arg(s % 60)
                      : TopicBrowser::tr("%1 min").arg(s / 60);
    return ms % 1000 ? TopicBrowser::tr("%1 ms").arg(ms) : TopicBrowser::tr("%1 s").arg(s);
}

// What moves a partition's log start: the topic's retention settings, in Kafka's names.
QString retentionText(const broker::TopicConfig *config)
{
    if (!config)
        return {};
    QStringList parts;
    if (config->retentionMs >= 0)
        parts << QStringLiteral("retention.ms = %1 (%2)")
                     .arg(config->retentionMs)
                     .arg(humanDuration(config->retentionMs));
    if (config->retentionBytes >= 0)
        parts << QStringLiteral("retention.bytes = %1").arg(config->retentionBytes);
    return parts.join(QStringLiteral(", "));
}

QTableWidgetItem *number(qint64 value)
{
    auto *item = new QTableWidgetItem(QString::number(value));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

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
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("topicNotice"));
    m_notice->setWordWrap(true);
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setContentsMargins(6, 4, 6, 4);
    m_notice->hide();

    m_groups = new QTableWidget(0, 3, this);
    m_groups->setHorizontalHeaderLabels({tr("Consumer group"), tr("Committed offset"), tr("Lag (records)")});
    m_groups->verticalHeader()->hide();
    m_groups->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_groups->horizontalHeader()->setStretchLastSection(true);
    m_groups->setEditTriggers(QAbstractItemView::NoEditTriggers);

    const auto pageButton = [this](const QString &name, const QString &text, const QString &tip) {
        auto *b = new QToolButton(this);
        b->setObjectName(name);
        b->setText(text);
        b->setToolTip(tip);
        return b;
    };
    m_newest = pageButton(QStringLiteral("newestButton"), tr("Newest"),
                          tr("Show the newest records and follow the run"));
    m_older = pageButton(QStringLiteral("olderButton"), tr("◀ Older"),
                         tr("The %1 records before these").arg(maxRows));
    m_newer = pageButton(QStringLiteral("newerButton"), tr("Newer ▶"),
                         tr("The %1 records after these").arg(maxRows));
    m_goTo = new QSpinBox(this);
    m_goTo->setRange(0, std::numeric_limits<int>::max());
    m_goTo->setPrefix(tr("from offset "));
    m_goTo->setKeyboardTracking(false);
    m_goTo->setToolTip(tr("Show records from this offset"));
    connect(m_newest, &QToolButton::clicked, this, &TopicBrowser::showNewest);
    connect(m_older, &QToolButton::clicked, this, &TopicBrowser::showOlder);
    connect(m_newer, &QToolButton::clicked, this, &TopicBrowser::showNewer);
    connect(m_goTo, &QSpinBox::editingFinished, this, [this] { showFrom(m_goTo->value()); });

    m_records = new TopicRecordModel(this);
    m_view = new QTableView(this);
    m_view->setModel(m_records);
    m_view->verticalHeader()->hide();
    // Offsets, keys, values and times are short: show them whole; headers take the rest.
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);

    auto *pick = new QHBoxLayout;
    pick->addWidget(m_architecture);
    pick->addWidget(m_topic, 1);
    pick->addWidget(m_partition);
    auto *paging = new QHBoxLayout;
    paging->addWidget(m_newest);
    paging->addWidget(m_older);
    paging->addWidget(m_newer);
    paging->addStretch(1);
    paging->addWidget(m_goTo);
    auto *recordsPane = new QWidget(this);
    auto *recordsLayout = new QVBoxLayout(recordsPane);
    recordsLayout->setContentsMargins(0, 0, 0, 0);
    recordsLayout->addLayout(paging);
    recordsLayout->addWidget(m_notice);
    recordsLayout->addWidget(m_view, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_groups);
    split->addWidget(recordsPane);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    // Compact rows for both tables: more records on screen.
    for (QTableView *table : {static_cast<QTableView *>(m_groups), m_view}) {
        table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    }
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    outer->addLayout(pick);
    outer->addWidget(m_summary);
    outer->addWidget(split, 1);

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(1000 / refreshHz);
    connect(m_refreshTimer, &QTimer::timeout, this, &TopicBrowser::refresh);

    connect(m_architecture, &QComboBox::currentIndexChanged, this, &TopicBrowser::showNewest);
    connect(m_partition, &QSpinBox::valueChanged, this, &TopicBrowser::showNewest);
    connect(m_topic, &QComboBox::currentIndexChanged, this, [this] {
        const auto *node = m_controller->scenario().node(m_topic->currentText());
        m_partition->setRange(0, node ? std::max(0, node->partitions - 1) : 0);
        showNewest();
    });
    connect(m_controller, &SimulationController::scenarioLoaded, this, &TopicBrowser::rebuild);
    connect(m_controller, &SimulationController::updated, this, &TopicBrowser::scheduleRefresh);
    rebuild();
}

void TopicBrowser::scheduleRefresh()
{
    // PlotJuggler's pattern: a single-shot timer started only if not already running, so the
    // browser reads the broker at most refreshHz times a second however fast the run goes.
    if (isVisible() && !m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void TopicBrowser::rebuild()
{
    const QSignalBlocker a(m_architecture);
    const QSignalBlocker t(m_topic);
    const QSignalBlocker p(m_partition);
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
    showNewest();
}

void TopicBrowser::select(int architecture, const QString &topic, int partition)
{
    {
        const QSignalBlocker a(m_architecture);
        const QSignalBlocker t(m_topic);
        const QSignalBlocker p(m_partition);
        m_architecture->setCurrentIndex(architecture);
        m_topic->setCurrentText(topic);
        const auto *node = m_controller->scenario().node(topic);
        m_partition->setRange(0, node ? std::max(0, node->partitions - 1) : 0);
        m_partition->setValue(partition);
    }
    showNewest();
}

void TopicBrowser::showNewest()
{
    m_pageStart = -1;
    refresh();
}

void TopicBrowser::showOlder()
{
    const qint64 first = m_records->firstOffset();
    if (first < 0)
        return;
    showFrom(std::max<qint64>(0, first - maxRows));
}

void TopicBrowser::showNewer()
{
    const qint64 last = m_records->lastOffset();
    if (m_pageStart < 0 || last < 0)
        return;
    showFrom(last + 1);
}

void TopicBrowser::showFrom(qint64 offset)
{
    m_pageStart = std::max<qint64>(0, offset);
    refresh();
}

QString TopicBrowser::summaryText() const
{
    return m_summary->text();
}

QString TopicBrowser::noticeText() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

void TopicBrowser::updatePagingButtons(qint64 logStart)
{
    const qint64 first = m_records->firstOffset();
    m_older->setEnabled(first > logStart);
    m_newer->setEnabled(m_pageStart >= 0);
    m_newest->setEnabled(m_pageStart >= 0);
    if (first >= 0 && !m_goTo->hasFocus()) {
        const QSignalBlocker block(m_goTo);
        m_goTo->setValue(int(std::min<qint64>(first, std::numeric_limits<int>::max())));
    }
}

void TopicBrowser::refresh()
{
    m_refreshTimer->stop();
    const app::Simulation *sim = m_controller->simulation();
    const int arch = m_architecture->currentIndex();
    const QString topic = m_topic->currentText();
    const int partition = m_partition->value();
    QString notice;
    const auto finish = [&](const QString &summary, qint64 logStart) {
        m_summary->setText(summary);
        m_notice->setText(notice);
        m_notice->setVisible(!notice.isEmpty());
        updatePagingButtons(logStart);
    };
    m_groups->setRowCount(0);
    if (!sim || arch < 0 || topic.isEmpty()) {
        m_records->clear();
        finish(tr("No topic in this scenario."), 0);
        return;
    }
    std::vector<app::PartitionState> parts = sim->topicState(arch, topic);
    if (m_decorate)
        m_decorate(arch, topic, parts);
    const app::PartitionState *p = nullptr;
    for (const app::PartitionState &s : parts)
        if (s.partition == partition)
            p = &s;
    const broker::Cluster *cluster = sim->cluster(arch);
    if (!p || !cluster) {
        m_records->clear();
        finish(tr("%1 does not use topic %2.")
                   .arg(ArchitectureStyle::label(m_controller->architectures().value(arch)), topic),
               0);
        return;
    }
    QString text = tr("log start %1 · high watermark %2 · log end %3 · leader %4")
                       .arg(p->log_start)
                       .arg(p->high_watermark)
                       .arg(p->log_end)
                       .arg(p->leader >= 0 ? tr("broker %1").arg(p->leader) : tr("offline"));
    const QString retention = retentionText(cluster->topicConfig(topic.toStdString()));

    // Lag as the charts and the canvas count it: log end offset − committed offset. A group whose
    // records retention deleted unread is moved to the log start by the engine (auto.offset.reset)
    // and the loss goes to the event log, so committed < log start is never shown here.
    m_groups->setRowCount(int(p->groups.size()));
    for (int i = 0; i < int(p->groups.size()); ++i) {
        const app::GroupOffset &g = p->groups[size_t(i)];
        m_groups->setItem(i, 0, new QTableWidgetItem(g.group));
        m_groups->setItem(i, 1, number(g.committed));
        m_groups->setItem(i, 2, number(std::max<qint64>(0, p->log_end - g.committed)));
    }

    if (m_pageStart >= p->high_watermark && m_pageStart > 0) {
        notice = tr("Offset %1 has not been written yet (high watermark %2): showing the newest records.")
                     .arg(m_pageStart)
                     .arg(p->high_watermark);
        m_pageStart = -1;
    } else if (m_pageStart >= 0 && m_pageStart < p->log_start) {
        notice = tr("Offsets %1–%2 no longer exist: retention deleted them (%3). A topic is a log kept "
                    "for a while, not a database. Showing from the log start, offset %4.")
                     .arg(m_pageStart)
                     .arg(p->log_start - 1)
                     .arg(retention)
                     .arg(p->log_start);
    } else if (m_pageStart < 0 && p->log_start > 0 && p->log_start >= p->high_watermark) {
        notice = tr("All %1 records written to this partition so far were deleted by retention (%2); "
                    "new records will appear here as they are written.")
                     .arg(p->log_start)
                     .arg(retention);
    }
    if (p->log_start > 0)
        text += tr("\noffsets 0–%1 deleted by retention (%2)").arg(p->log_start - 1).arg(retention);

    QString error;
    if (!m_records->load(*cluster, topic, partition, m_pageStart, maxRows, &error))
        text += QLatin1Char('\n') + error;
    else if (m_records->rowCount() > 0)
        text += tr("\nshowing offsets %1–%2%3")
                    .arg(m_records->firstOffset())
                    .arg(m_records->lastOffset())
                    .arg(m_pageStart < 0 ? tr(" (newest, following the run)") : QString());
    else if (notice.isEmpty())
        text += tr("\nno records yet");
    finish(text, p->log_start);
}

} // namespace postoffice::ui
