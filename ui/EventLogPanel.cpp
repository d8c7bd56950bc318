#include "EventLogPanel.h"

#include "EventLogModel.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDockWidget>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

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
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setMinimumSectionSize(m_view->fontMetrics().height() + 6);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    // "What happened" takes the width left and wraps: a sentence is the point of a row, and a
    // docked log is narrow. The node is in the sentence, so the "Where" column stays hidden.
    m_view->setWordWrap(true);
    m_view->setTextElideMode(Qt::ElideNone);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(EventLogModel::Text, QHeaderView::Stretch);
    m_view->setColumnHidden(EventLogModel::Node, true);
    m_model->setBaseFont(m_view->font());
    fitColumns();
    m_em = m_view->fontMetrics().horizontalAdvance(u'M');
    m_view->viewport()->installEventFilter(this);
    connect(m_model, &EventLogModel::architecturesChanged, this, &EventLogPanel::fitColumns);
    // Rows are as tall as their wrapped sentence: new rows on arrival, all rows when the
    // sentence column changes width (debounced: a dock drag resizes it many times a second).
    m_rowFit = new QTimer(this);
    m_rowFit->setSingleShot(true);
    m_rowFit->setInterval(60);
    connect(m_rowFit, &QTimer::timeout, this, &EventLogPanel::fitRows);
    connect(header, &QHeaderView::sectionResized, this, [this](int section, int, int) {
        if (section == EventLogModel::Text)
            m_rowFit->start();
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                for (int r = first; r <= last; ++r)
                    m_view->resizeRowToContents(r);
            });
    connect(m_proxy, &QAbstractItemModel::layoutChanged, m_rowFit, qOverload<>(&QTimer::start));
    connect(m_proxy, &QAbstractItemModel::modelReset, m_rowFit, qOverload<>(&QTimer::start));

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

EventLogPanel::ColumnWidths EventLogPanel::columnWidths() const
{
    // Widths from the longest text each column can hold, in the view's font (bold where the
    // model makes it bold), so nothing is elided and nothing is wider than it needs.
    QFont bold = m_view->font();
    bold.setBold(true);
    const QFontMetrics plain(m_view->font()), strong(bold);
    const int pad = 2 * m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 12;
    const auto widest = [](const QFontMetrics &fm, const QStringList &texts) {
        int w = 0;
        for (const QString &t : texts)
            w = std::max(w, fm.horizontalAdvance(t));
        return w;
    };
    QStringList kinds{m_model->headerData(EventLogModel::Kind, Qt::Horizontal).toString()};
    for (int k = 0; !app::simEventKindName(app::SimEventKind(k)).startsWith(QLatin1String("unknown")); ++k)
        kinds << EventLogModel::kindText(app::SimEventKind(k));
    for (const EventLogModel::ClientEvent c :
         {EventLogModel::ClientEvent::Connection, EventLogModel::ClientEvent::Group,
          EventLogModel::ClientEvent::ProtocolError})
        kinds << EventLogModel::clientKindText(c);
    QStringList words;
    for (const QString &k : std::as_const(kinds))
        words << k.split(u' ', Qt::SkipEmptyParts);
    QStringList architectures{m_model->headerData(EventLogModel::Architecture, Qt::Horizontal).toString()};
    for (int a = -1; a < m_model->architectureCount(); ++a)
        architectures << m_model->architectureLabel(a);
    ColumnWidths w;
    w.time = widest(plain, {QStringLiteral("00:00:00"),
                            m_model->headerData(EventLogModel::Time, Qt::Horizontal).toString()}) +
             pad;
    w.architecture = widest(plain, architectures) + pad;
    w.kind = widest(strong, kinds) + pad;
    w.kindWrapped = widest(strong, words) + pad;
    w.em = plain.horizontalAdvance(u'M');
    w.sentence = minSentenceEms * w.em;
    return w;
}

void EventLogPanel::fitColumns()
{
    const ColumnWidths w = columnWidths();
    const int room = m_view->viewport()->width();
    // A sentence needs room to be read in a few lines: in a narrow dock (or presenter mode's
    // large font) the architecture column gives way (the row's tooltip still names it), then the
    // kind takes two short lines beside a sentence that takes several anyway.
    const bool architecture = room >= w.time + w.architecture + w.kind + w.sentence;
    const bool oneLineKind = architecture || room >= w.time + w.kind + w.sentence;
    m_view->setColumnWidth(EventLogModel::Time, w.time);
    m_view->setColumnWidth(EventLogModel::Architecture, w.architecture);
    m_view->setColumnWidth(EventLogModel::Kind, oneLineKind ? w.kind : w.kindWrapped);
    m_view->setColumnHidden(EventLogModel::Architecture, !architecture);
}

int EventLogPanel::readableWidth() const
{
    const ColumnWidths w = columnWidths();
    const int frame = 2 * m_view->frameWidth();
    const int bar = m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_view);
    return w.time + w.kindWrapped + w.sentence + bar + frame;
}

QDockWidget *EventLogPanel::dock() const
{
    QWidget *up = parentWidget();
    while (up && !qobject_cast<QDockWidget *>(up))
        up = up->parentWidget();
    auto *dock = qobject_cast<QDockWidget *>(up);
    return dock && qobject_cast<QMainWindow *>(dock->parentWidget()) && !dock->isFloating() &&
                   !dock->isHidden()
               ? dock
               : nullptr;
}

void EventLogPanel::fitDock(int width)
{
    QDockWidget *dock = this->dock();
    if (!dock)
        return;
    auto *main = static_cast<QMainWindow *>(dock->parentWidget());
    // The main window's own layout first, or it would spread the change over the row afterwards.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    // The docks beside it in its row (the charts) give or take the difference, as far as their
    // minimum sizes let them: the window still fits its screen.
    QList<QDockWidget *> row{dock};
    QList<int> widths{width};
    for (QDockWidget *other : main->findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly))
        if (other != dock && !other->isHidden() && !other->isFloating() &&
            main->dockWidgetArea(other) == main->dockWidgetArea(dock) && other->y() == dock->y()) {
            row.prepend(other);
            widths.prepend(
                std::max(other->minimumSizeHint().width(), other->width() + dock->width() - width));
        }
    main->resizeDocks(row, widths, Qt::Horizontal);
}

bool EventLogPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
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

void EventLogPanel::fitRows()
{
    m_rowFit->stop();
    m_view->resizeRowsToContents();
}

void EventLogPanel::changeEvent(QEvent *event)
{
    // Presenter mode enlarges the window's font: columns and wrapped rows follow.
    if (event->type() == QEvent::FontChange) {
        m_view->verticalHeader()->setMinimumSectionSize(m_view->fontMetrics().height() + 6);
        m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
        m_model->setBaseFont(m_view->font());
        fitColumns();
        m_rowFit->start();
        // Presenter mode's larger font would leave a docked log a word a line beside its larger
        // time and kind: the dock grows with the font to readableWidth() (a log dragged wider
        // stays so), and on the way back returns to the width it had. A floating or hidden log is
        // left alone.
        const int em = m_view->fontMetrics().horizontalAdvance(u'M');
        if (const QDockWidget *dock = this->dock(); dock && m_em > 0 && em != m_em) {
            // The dock's width as it was, before the window lays itself out for the new font.
            const int before = dock->width();
            int width = 0;
            if (em > m_em) {
                m_widthBeforeGrowing = before;
                width = std::max(before, readableWidth());
            } else {
                width = m_widthBeforeGrowing > 0 ? m_widthBeforeGrowing
                                                 : int(std::lround(before * double(em) / m_em));
                m_widthBeforeGrowing = 0;
            }
            // Once the window has taken in the new font (and hidden its side panels).
            QTimer::singleShot(0, this, [this, width] { fitDock(width); });
        }
        m_em = em;
    }
    QWidget::changeEvent(event);
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
