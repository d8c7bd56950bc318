#include "EventLogModel.h"

#include "ArchitectureStyle.h"
#include "ClockText.h"

#include <QColor>
#include <QFont>

namespace postoffice::ui {

EventLogModel::EventLogModel(QObject *parent) : QAbstractTableModel(parent) {}

void EventLogModel::setArchitectures(const QStringList &names)
{
    m_architectures = names;
    if (!m_events.empty())
        emit dataChanged(index(0, Architecture), index(rowCount() - 1, Architecture));
}

void EventLogModel::append(const app::SimEvent &event)
{
    if (int(m_events.size()) >= maxRows) {
        beginRemoveRows({}, 0, 0);
        m_events.pop_front();
        ++m_dropped;
        endRemoveRows();
    }
    const int row = int(m_events.size());
    beginInsertRows({}, row, row);
    m_events.push_back(event);
    endInsertRows();
}

void EventLogModel::clear()
{
    beginResetModel();
    m_events.clear();
    m_dropped = 0;
    endResetModel();
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventLogModel::kindText(app::SimEventKind kind)
{
    switch (kind) {
    case app::SimEventKind::FaultStart:
        return tr("Fault starts");
    case app::SimEventKind::FaultEnd:
        return tr("Fault ends");
    case app::SimEventKind::Narration:
        return tr("Narration");
    case app::SimEventKind::Rebalance:
        return tr("Rebalance");
    case app::SimEventKind::LeaderChange:
        return tr("Leader change");
    case app::SimEventKind::IsrChange:
        return tr("ISR change");
    case app::SimEventKind::RecordsLost:
        return tr("Records lost");
    case app::SimEventKind::BreakerOpen:
        return tr("Circuit breaker opens");
    case app::SimEventKind::BreakerClosed:
        return tr("Circuit breaker closes");
    }
    return {};
}

QColor EventLogModel::kindColour(app::SimEventKind kind)
{
    switch (kind) {
    case app::SimEventKind::FaultStart:
    case app::SimEventKind::RecordsLost:
        return QColor(0xC6, 0x28, 0x28);
    case app::SimEventKind::FaultEnd:
    case app::SimEventKind::BreakerClosed:
        return QColor(0x00, 0x80, 0x5E);
    case app::SimEventKind::BreakerOpen:
        return QColor(0xB3, 0x6B, 0x00);
    case app::SimEventKind::Narration:
        return QColor(0x00, 0x5A, 0x8C);
    case app::SimEventKind::Rebalance:
    case app::SimEventKind::LeaderChange:
    case app::SimEventKind::IsrChange:
        return QColor(0x7A, 0x3E, 0x8E);
    }
    return {};
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const app::SimEvent &e = m_events[size_t(index.row())];
    const QString arch = e.architecture >= 0 && e.architecture < m_architectures.size()
                             ? m_architectures[e.architecture]
                             : QString();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return ClockText::format(e.t_s);
        case Architecture:
            return arch.isEmpty() ? tr("both") : ArchitectureStyle::label(arch);
        case Kind:
            return kindText(e.kind);
        case Node:
            return e.node;
        case Text:
            return e.kind == app::SimEventKind::RecordsLost && !e.text.contains(QString::number(e.count))
                       ? tr("%1 (%2 records)").arg(e.text).arg(e.count)
                       : e.text;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == Architecture && !arch.isEmpty())
            return ArchitectureStyle::color(arch);
        if (index.column() == Kind)
            return kindColour(e.kind);
        break;
    case Qt::FontRole:
        if (index.column() == Kind || e.kind == app::SimEventKind::FaultStart) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    case Qt::ToolTipRole:
        return e.text;
    case KindRole:
        return int(e.kind);
    case ArchitectureIndexRole:
        return e.architecture;
    case TimeRole:
        return e.t_s;
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Architecture:
        return tr("Architecture");
    case Kind:
        return tr("Event");
    case Node:
        return tr("Where");
    case Text:
        return tr("What happened");
    }
    return {};
}

} // namespace postoffice::ui
