#include "EventLogModel.h"

#include "ArchitectureStyle.h"
#include "ClockText.h"
#include "Theme.h"

#include <QColor>
#include <QFont>
#include <QRegularExpression>

namespace postoffice::ui {

EventLogModel::EventLogModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_bold.setBold(true);
}

void EventLogModel::setBaseFont(const QFont &font)
{
    m_bold = font;
    m_bold.setBold(true);
    if (!m_events.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::FontRole});
}

void EventLogModel::setArchitectures(const QStringList &names)
{
    m_architectures = names;
    if (!m_events.empty())
        emit dataChanged(index(0, Architecture), index(rowCount() - 1, Architecture));
    emit architecturesChanged();
}

QString EventLogModel::architectureLabel(int index) const
{
    return index >= 0 && index < m_architectures.size() ? ArchitectureStyle::label(m_architectures[index])
                                                        : tr("both");
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
        return tr("Breaker opens");
    case app::SimEventKind::BreakerClosed:
        return tr("Breaker closes");
    }
    // A kind newer than this table: its engine name, readable ("isr_change" → "Isr change").
    QString name = app::simEventKindName(kind).replace(u'_', u' ');
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

namespace {

QString capitalised(QString text, const QString &node)
{
    // Ids are case-sensitive: a sentence that starts with the node's id keeps it as written.
    if (!text.isEmpty() && (node.isEmpty() || !text.startsWith(node)))
        text[0] = text[0].toUpper();
    return text;
}

QString withFullStop(QString text)
{
    if (!text.isEmpty() && !text.endsWith(u'.') && !text.endsWith(u'!') && !text.endsWith(u'?'))
        text += u'.';
    return text;
}

// The engine writes fault events as "fault starts: <kind> <target>[ ↔ <peer>][ (<arch> only)]"
// (Simulation::emitFault); a trainer reads what that means for the shop instead.
QString faultSentence(const app::SimEvent &e)
{
    static const QRegularExpression form(
        QStringLiteral("^fault (starts|ends): (\\w+) (.+?)( \\((.+) only\\))?$"));
    const QRegularExpressionMatch m = form.match(e.text);
    if (!m.hasMatch())
        return {};
    const bool starts = e.kind == app::SimEventKind::FaultStart;
    const QString kind = m.captured(2);
    const QString target = m.captured(3);
    QString s;
    if (kind == QLatin1String("down"))
        s = starts ? EventLogModel::tr("%1 goes down: calls to it fail at once and its consumers stop "
                                       "reading")
                   : EventLogModel::tr("%1 is back: its consumers resume at their committed offsets");
    else if (kind == QLatin1String("slow"))
        s = starts ? EventLogModel::tr("%1 turns slow: every request takes longer and work queues up")
                   : EventLogModel::tr("%1 is fast again");
    else if (kind == QLatin1String("error_rate"))
        s = starts ? EventLogModel::tr("%1 starts failing part of its requests")
                   : EventLogModel::tr("%1 stops failing requests");
    else if (kind == QLatin1String("consumer_crash"))
        s = starts ? EventLogModel::tr("A consumer of %1 crashes: its partitions go unread until its session "
                                       "times out, then the group hands them to the members left")
                   : EventLogModel::tr("The crashed consumer of %1 is back: its group rebalances again");
    else if (kind == QLatin1String("broker_down"))
        s = starts ? EventLogModel::tr("%1 goes down: partitions it led move to other brokers")
                   : EventLogModel::tr("%1 is back: its replicas catch up and rejoin the ISR");
    else if (kind == QLatin1String("network_cut"))
        s = starts ? EventLogModel::tr("The network between %1 is cut")
                   : EventLogModel::tr("The network between %1 is restored");
    else if (kind == QLatin1String("spike"))
        s = starts ? EventLogModel::tr("A traffic spike hits %1")
                   : EventLogModel::tr("The traffic spike at %1 is over");
    else
        s = starts ? EventLogModel::tr("Fault %2 on %1 starts") : EventLogModel::tr("Fault %2 on %1 ends");
    s = s.contains(QLatin1String("%2")) ? s.arg(target, kind) : s.arg(target);
    if (m.hasCaptured(5))
        s += EventLogModel::tr(" (only in %1)").arg(ArchitectureStyle::label(m.captured(5)));
    return capitalised(s, target);
}

// For an event that comes without text (or one a newer engine sends), a sentence from its fields.
QString fallbackSentence(const app::SimEvent &e)
{
    const QString where = e.node.isEmpty() ? EventLogModel::tr("the cluster") : e.node;
    switch (e.kind) {
    case app::SimEventKind::FaultStart:
        return EventLogModel::tr("A fault starts on %1").arg(where);
    case app::SimEventKind::FaultEnd:
        return EventLogModel::tr("The fault on %1 ends").arg(where);
    case app::SimEventKind::Narration:
        return {};
    case app::SimEventKind::Rebalance:
        return EventLogModel::tr("The consumer group of %1 rebalances (generation %2)")
            .arg(where)
            .arg(e.count);
    case app::SimEventKind::LeaderChange:
        return EventLogModel::tr("A partition of %1 has a new leader").arg(where);
    case app::SimEventKind::IsrChange:
        return EventLogModel::tr("The in-sync replicas of a partition of %1 changed").arg(where);
    case app::SimEventKind::RecordsLost:
        return e.count == 1 ? EventLogModel::tr("1 record of %1 lost").arg(where)
                            : EventLogModel::tr("%1 records of %2 lost").arg(QString::number(e.count), where);
    case app::SimEventKind::BreakerOpen:
        return EventLogModel::tr("The circuit breaker at %1 opens").arg(where);
    case app::SimEventKind::BreakerClosed:
        return EventLogModel::tr("The circuit breaker at %1 closes").arg(where);
    }
    return EventLogModel::tr("%1 at %2").arg(EventLogModel::kindText(e.kind), where);
}

} // namespace

QString EventLogModel::sentence(const app::SimEvent &e)
{
    if (e.kind == app::SimEventKind::Narration)
        return e.text;
    if (e.text.isEmpty())
        return withFullStop(capitalised(fallbackSentence(e), e.node));
    if (e.kind == app::SimEventKind::FaultStart || e.kind == app::SimEventKind::FaultEnd) {
        if (const QString s = faultSentence(e); !s.isEmpty())
            return withFullStop(s);
    }
    QString s = capitalised(e.text, e.node);
    switch (e.kind) {
    case app::SimEventKind::RecordsLost:
        if (e.count > 0 && !s.contains(QString::number(e.count)))
            s = e.count == 1 ? tr("%1 (1 record)").arg(s)
                             : tr("%1 (%2 records)").arg(s, QString::number(e.count));
        break;
    case app::SimEventKind::BreakerOpen:
        s += tr(": calls fail at once instead of waiting");
        break;
    case app::SimEventKind::BreakerClosed:
        s += tr(": calls go through again");
        break;
    default:
        break;
    }
    return withFullStop(s);
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
            return architectureLabel(e.architecture);
        case Kind:
            return kindText(e.kind);
        case Node:
            return e.node;
        case Text:
            return sentence(e);
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == Architecture && !arch.isEmpty())
            return ArchitectureStyle::color(arch);
        if (index.column() == Kind) {
            // The kind colours are dark inks: on the dark palette they need lifting to be read.
            const QColor c = kindColour(e.kind);
            return Theme::mode() == Theme::Mode::Dark ? c.lighter(180) : c;
        }
        break;
    case Qt::FontRole:
        if (index.column() == Kind || e.kind == app::SimEventKind::FaultStart)
            return m_bold;
        break;
    case Qt::ToolTipRole:
        return tr("%1 · %2 · %3\n%4")
            .arg(ClockText::format(e.t_s), architectureLabel(e.architecture),
                 e.node.isEmpty() ? kindText(e.kind) : e.node, sentence(e));
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
