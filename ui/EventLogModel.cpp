#include "EventLogModel.h"

#include "ArchitectureStyle.h"
#include "ClockText.h"
#include "Theme.h"

#include <QColor>
#include <QFont>

#include <algorithm>
#include <iterator>

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
           : m_architectures.size() == 2                ? tr("both")
                                                        : tr("all");
}

void EventLogModel::append(const app::SimEvent &event)
{
    if (int(m_events.size()) >= maxRows) {
        beginRemoveRows({}, 0, 0);
        m_events.pop_front();
        m_client.pop_front();
        ++m_dropped;
        endRemoveRows();
    }
    const int row = int(m_events.size());
    beginInsertRows({}, row, row);
    m_events.push_back(event);
    m_client.emplace_back();
    endInsertRows();
}

void EventLogModel::appendClientEvent(double t_s, int architecture, ClientEvent kind, const QString &text)
{
    app::SimEvent event;
    event.t_s = t_s;
    event.architecture = architecture;
    event.text = text;
    append(event);
    m_client.back() = kind;
    const int row = int(m_events.size()) - 1;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

std::optional<EventLogModel::ClientEvent> EventLogModel::clientEvent(int row) const
{
    return row >= 0 && row < int(m_client.size()) ? m_client[size_t(row)] : std::nullopt;
}

QString EventLogModel::clientKindText(ClientEvent kind)
{
    switch (kind) {
    case ClientEvent::Connection:
        return tr("Kafka client");
    case ClientEvent::Group:
        return tr("Client group");
    case ClientEvent::ProtocolError:
        return tr("Client error");
    }
    return {};
}

void EventLogModel::clear()
{
    beginResetModel();
    m_events.clear();
    m_client.clear();
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

// What each fault kind means for the shop when it starts and when it ends. %1 is the target,
// %2 the fault's amount (amountText), %3 the other end of a cut link.
struct FaultWords
{
    app::FaultKind kind;
    const char *start;
    const char *end;
};

constexpr FaultWords faultWords[] = {
    {app::FaultKind::Down,
     QT_TRANSLATE_NOOP("EventLogModel", "%1 goes down: calls to it fail, its consumers stop reading"),
     QT_TRANSLATE_NOOP("EventLogModel", "%1 is back: its consumers catch up")},
    {app::FaultKind::Slow, QT_TRANSLATE_NOOP("EventLogModel", "%1 turns slow: each request takes %2"),
     QT_TRANSLATE_NOOP("EventLogModel", "%1 is fast again")},
    {app::FaultKind::ErrorRate, QT_TRANSLATE_NOOP("EventLogModel", "%1 fails %2 of its requests"),
     QT_TRANSLATE_NOOP("EventLogModel", "%1 stops failing requests")},
    {app::FaultKind::ConsumerCrash,
     QT_TRANSLATE_NOOP("EventLogModel", "%1 loses %2: its partitions wait, then move to the others"),
     QT_TRANSLATE_NOOP("EventLogModel", "%1 gets %2 back: the group shares out its partitions again")},
    {app::FaultKind::BrokerDown,
     QT_TRANSLATE_NOOP("EventLogModel", "%1 goes down: its partitions get new leaders"),
     QT_TRANSLATE_NOOP("EventLogModel", "%1 is back: it catches up and rejoins the in-sync replicas")},
    {app::FaultKind::NetworkCut,
     QT_TRANSLATE_NOOP("EventLogModel", "The link %1 ↔ %3 is cut: nothing gets through"),
     QT_TRANSLATE_NOOP("EventLogModel", "The link %1 ↔ %3 works again")},
    {app::FaultKind::Spike, QT_TRANSLATE_NOOP("EventLogModel", "%1 sends %2 its usual traffic"),
     QT_TRANSLATE_NOOP("EventLogModel", "%1 traffic is back to normal")},
};

// A fault's amount in words: "4× as long", "250 ms longer", "30 %", "2 consumers", "3×".
QString amountText(const app::FaultSpec &f)
{
    switch (f.kind) {
    case app::FaultKind::Slow:
        if (f.factor != 1.0 && f.add_ms > 0)
            return EventLogModel::tr("%1× as long plus %2 ms")
                .arg(EventLogModel::amount(f.factor), EventLogModel::amount(f.add_ms));
        if (f.add_ms > 0)
            return EventLogModel::tr("%1 ms longer").arg(EventLogModel::amount(f.add_ms));
        return EventLogModel::tr("%1× as long").arg(EventLogModel::amount(f.factor));
    case app::FaultKind::ErrorRate:
        return EventLogModel::tr("%1 %").arg(EventLogModel::amount(f.rate * 100.0));
    case app::FaultKind::ConsumerCrash:
        return f.consumers == 1 ? EventLogModel::tr("a consumer")
                                : EventLogModel::tr("%1 consumers").arg(f.consumers);
    case app::FaultKind::Spike:
        return EventLogModel::tr("%1×").arg(EventLogModel::amount(f.factor));
    case app::FaultKind::Down:
    case app::FaultKind::BrokerDown:
    case app::FaultKind::NetworkCut:
        break;
    }
    return {};
}

// For an event that comes without text or fields, a sentence from what it has.
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
        break; // worded from its fields in sentence()
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

// Engine texts can name a Kafka setting (unclean.leader.election.enable) that is wider than a
// docked log's sentence column, and a word-wrapping cell does not break inside a word: a
// zero-width space after each dot within a word lets it wrap there instead of being cut off.
QString breakable(QString s)
{
    for (qsizetype i = s.size() - 2; i > 0; --i)
        if (s[i] == u'.' && s[i - 1].isLetter() && s[i + 1].isLetter())
            s.insert(i + 1, QChar(0x200B));
    return s;
}

// A rebalance in the numbers that teach: how many consumers share how many partitions, how many
// partitions changed hands, and the consumers left idle because a partition has one reader per
// group. An event without those figures keeps the short generic sentence.
QString rebalanceSentence(const app::SimEvent &e)
{
    using M = EventLogModel;
    const QString generation = e.count > 0 ? M::tr(" (generation %1)").arg(e.count) : QString();
    if (e.members < 0 || e.partitions < 0)
        return M::tr("%1 group shares out its partitions again%2").arg(e.node, generation);
    const QString partitions =
        e.partitions == 1 ? M::tr("its one partition") : M::tr("%1 partitions").arg(e.partitions);
    if (e.members == 0)
        return (e.partitions == 1 ? M::tr("%1 group has no consumers left: %2 waits unread%3")
                                  : M::tr("%1 group has no consumers left: %2 wait unread%3"))
            .arg(e.node, partitions, generation);
    // The first generation hands out every partition: "again" and "moved" would mislead.
    const bool first = e.count == 1;
    const QString again = first ? QString() : M::tr(" again");
    QString s =
        e.members == 1
            ? M::tr("%1 group gives %2 to its one consumer%3%4").arg(e.node, partitions, again, generation)
            : M::tr("%1 group shares out %2 among %3 consumers%4%5")
                  .arg(e.node, partitions, QString::number(e.members), again, generation);
    if (!first && e.moved >= 0)
        s += e.moved == 0 ? M::tr("; none moved") : M::tr("; %1 moved").arg(e.moved);
    const int idle = e.members - e.partitions;
    if (idle > 0)
        s += idle == 1 ? M::tr("; 1 consumer idle") : M::tr("; %1 consumers idle").arg(idle);
    return s;
}

} // namespace

QString EventLogModel::amount(double value)
{
    // Three significant digits: 0.3 × 100 reads "30", not "30.000000000000004".
    return QString::number(value, 'g', 3);
}

QString EventLogModel::faultTarget(const app::FaultSpec &f)
{
    // Broker ids usually say "broker" already ("broker-0"): do not say it twice.
    if (f.kind == app::FaultKind::BrokerDown &&
        !f.target.contains(QLatin1String("broker"), Qt::CaseInsensitive))
        return tr("broker %1").arg(f.target);
    return f.target;
}

QString EventLogModel::faultSentence(const app::FaultSpec &f, bool starts)
{
    const auto words = std::find_if(std::begin(faultWords), std::end(faultWords),
                                    [&f](const FaultWords &w) { return w.kind == f.kind; });
    const QString target = faultTarget(f);
    QString s = words == std::end(faultWords)
                    ? (starts ? tr("A fault starts on %1") : tr("The fault on %1 ends")).arg(target)
                    : tr(starts ? words->start : words->end);
    // QString::arg replaces the lowest-numbered placeholder only: fill each by name.
    s.replace(QLatin1String("%1"), target)
        .replace(QLatin1String("%2"), amountText(f))
        .replace(QLatin1String("%3"), f.peer);
    if (!f.architecture.isEmpty())
        s += tr(" (only in %1)").arg(ArchitectureStyle::label(f.architecture));
    return withFullStop(capitalised(s, f.target));
}

QString EventLogModel::sentence(const app::SimEvent &e)
{
    if (e.kind == app::SimEventKind::Narration)
        return e.text;
    if (e.kind == app::SimEventKind::FaultStart || e.kind == app::SimEventKind::FaultEnd)
        return e.fault ? faultSentence(*e.fault, e.kind == app::SimEventKind::FaultStart)
                       : withFullStop(capitalised(fallbackSentence(e), e.node));
    if (e.kind == app::SimEventKind::Rebalance)
        // The engine's text lists every member's partitions: too long to read across a room. The
        // row says what happened in figures; the tooltip keeps the member detail.
        return withFullStop(capitalised(rebalanceSentence(e), e.node));
    if (e.text.isEmpty())
        return withFullStop(capitalised(fallbackSentence(e), e.node));
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
    // A row is as tall as its wrapped sentence: its time and kind stand beside the first line.
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignTop));
    const app::SimEvent &e = m_events[size_t(index.row())];
    const QString arch = e.architecture >= 0 && e.architecture < m_architectures.size()
                             ? m_architectures[e.architecture]
                             : QString();
    if (const std::optional<ClientEvent> client = m_client[size_t(index.row())]) {
        // A real client's line: its own kind word and colour, the server's sentence as written.
        switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
            case Time:
                return ClockText::format(e.t_s);
            case Architecture:
                return architectureLabel(e.architecture);
            case Kind:
                return clientKindText(*client);
            case Node:
                return QString();
            case Text:
                return breakable(withFullStop(e.text));
            }
            break;
        case Qt::ForegroundRole:
            if (index.column() == Architecture && !arch.isEmpty())
                return ArchitectureStyle::color(arch);
            if (index.column() == Kind) {
                const QColor c = *client == ClientEvent::ProtocolError ? QColor(0xC6, 0x28, 0x28)
                                 : *client == ClientEvent::Group       ? QColor(0x7A, 0x3E, 0x8E)
                                                                       : QColor(0x00, 0x6D, 0x77);
                return Theme::mode() == Theme::Mode::Dark ? c.lighter(180) : c;
            }
            break;
        case Qt::FontRole:
            if (index.column() == Kind)
                return m_bold;
            break;
        case Qt::ToolTipRole:
            return tr("%1 · %2 · %3\n%4")
                .arg(ClockText::format(e.t_s), architectureLabel(e.architecture), clientKindText(*client),
                     e.text);
        case KindRole:
            return clientKindBase + int(*client);
        case ArchitectureIndexRole:
            return e.architecture;
        case TimeRole:
            return e.t_s;
        }
        return {};
    }
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
            return breakable(sentence(e));
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
    case Qt::ToolTipRole: {
        const QString said = sentence(e);
        QString tip = tr("%1 · %2 · %3\n%4")
                          .arg(ClockText::format(e.t_s), architectureLabel(e.architecture),
                               e.node.isEmpty() ? kindText(e.kind) : e.node, said);
        // The detail the short sentence leaves out (a rebalance's members and their partitions),
        // one clause a line.
        if (!e.fault && !e.text.isEmpty() && !said.contains(e.text, Qt::CaseInsensitive))
            tip += u'\n' + QString(e.text).replace(QLatin1String("; "), QLatin1String("\n"));
        return tip;
    }
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
