#include "EventLogPanel.h"

#include "EventLogModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace postoffice::ui {

namespace {

QString kinds(std::initializer_list<app::SimEventKind> list)
{
    QStringList parts;
    for (app::SimEventKind k : list)
        parts << QString::number(int(k));
    return QStringLiteral("^(%1)$").arg(parts.join(QLatin1Char('|')));
}

} // namespace

EventLogPanel::EventLogPanel(QWidget *parent) : QWidget(parent)
{
    m_model = new EventLogModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(EventLogModel::KindRole);

    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_view->setColumnWidth(EventLogModel::Time, 6 * em);
    m_view->setColumnWidth(EventLogModel::Architecture, 9 * em);
    m_view->setColumnWidth(EventLogModel::Kind, 10 * em);
    m_view->setColumnWidth(EventLogModel::Node, 8 * em);

    m_filter = new QComboBox(this);
    m_filter->addItem(tr("All events"), All);
    m_filter->addItem(tr("Faults"), Faults);
    m_filter->addItem(tr("Narration"), Narration);
    m_filter->addItem(tr("Cluster: rebalances, leaders, ISR"), Cluster);
    m_filter->addItem(tr("Records lost"), Losses);
    connect(m_filter, &QComboBox::currentIndexChanged, this,
            [this](int) { setFilter(Filter(m_filter->currentData().toInt())); });
    m_count = new QLabel(this);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(4, 2, 4, 0);
    top->addWidget(m_filter);
    top->addStretch();
    top->addWidget(m_count);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(2);
    outer->addLayout(top);
    outer->addWidget(m_view, 1);

    // Follow the newest row while the user is at the bottom; reading older rows stops following.
    QScrollBar *bar = m_view->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int v) { m_follow = v >= bar->maximum() - 1; });
    auto refresh = [this] {
        m_count->setText(
            m_model->droppedRows() > 0
                ? tr("%1 events (%2 oldest not kept)").arg(m_model->rowCount()).arg(m_model->droppedRows())
                : tr("%1 events").arg(m_model->rowCount()));
        if (m_follow)
            m_view->scrollToBottom();
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, refresh);
    connect(m_model, &QAbstractItemModel::modelReset, this, refresh);
    refresh();
}

void EventLogPanel::setFilter(Filter filter)
{
    using K = app::SimEventKind;
    QString pattern;
    switch (filter) {
    case All:
        break;
    case Faults:
        pattern = kinds({K::FaultStart, K::FaultEnd, K::BreakerOpen, K::BreakerClosed});
        break;
    case Narration:
        pattern = kinds({K::Narration});
        break;
    case Cluster:
        pattern = kinds({K::Rebalance, K::LeaderChange, K::IsrChange});
        break;
    case Losses:
        pattern = kinds({K::RecordsLost});
        break;
    }
    m_proxy->setFilterRegularExpression(QRegularExpression(pattern));
    const int index = m_filter->findData(filter);
    if (index != m_filter->currentIndex()) {
        const QSignalBlocker block(m_filter);
        m_filter->setCurrentIndex(index);
    }
}

int EventLogPanel::visibleRows() const
{
    return m_proxy->rowCount();
}

QString EventLogPanel::visibleText(int row, int column) const
{
    return m_proxy->index(row, column).data().toString();
}

} // namespace postoffice::ui
