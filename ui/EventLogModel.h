#pragma once

// The run's notable events (faults, narration, rebalances, leader and ISR changes, records lost,
// circuit breakers) as a table. Events are rare next to messages, so each one is a row; past
// maxRows the oldest rows leave and droppedRows() counts them, so nothing disappears unnoticed.

#include "SimEvent.h"

#include <QAbstractTableModel>
#include <QFont>
#include <QStringList>

#include <deque>
#include <optional>

namespace postoffice::ui {

class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Architecture, Kind, Node, Text, ColumnCount };
    enum Role { KindRole = Qt::UserRole + 1, ArchitectureIndexRole, TimeRole };
    // Rows about real Kafka clients served by the run (KafkaClientsBinder): not engine events, so
    // their KindRole is this value plus the ClientEvent (the kind filters other than "All" hide them).
    enum class ClientEvent { Connection, Group, ProtocolError };
    static constexpr int clientKindBase = 1000;

    explicit EventLogModel(QObject *parent = nullptr);

    void setArchitectures(const QStringList &names);
    int architectureCount() const { return int(m_architectures.size()); }
    // The architecture column's text for architecture index `index` (-1: "both", or "all" when
    // the scenario compares more than two).
    QString architectureLabel(int index) const;
    // The view's font: bold cells are this font in bold (a default QFont would not follow
    // presenter mode's larger font).
    void setBaseFont(const QFont &font);
    void append(const app::SimEvent &event);
    // A line about real Kafka clients at simulated time t_s ("kcat connected from 127.0.0.1:5123").
    void appendClientEvent(double t_s, int architecture, ClientEvent kind, const QString &text);
    // The client event of a row, if it is one.
    std::optional<ClientEvent> clientEvent(int row) const;
    static QString clientKindText(ClientEvent kind);
    void clear();
    const app::SimEvent &event(int row) const { return m_events[size_t(row)]; }
    quint64 droppedRows() const { return m_dropped; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString kindText(app::SimEventKind kind);
    static QColor kindColour(app::SimEventKind kind);
    // What happened, as a sentence a learner reads aloud. Faults and rebalances are worded from
    // the event's fields (never from the engine's text, whose wording may change); the other kinds
    // read the engine's text, or their fields when it has none.
    static QString sentence(const app::SimEvent &event);
    // A fault starting or ending, in words about the shop: one entry per fault kind.
    static QString faultSentence(const app::FaultSpec &fault, bool starts);
    // The fault's target as a reader names it ("broker b1" for a bare broker id).
    static QString faultTarget(const app::FaultSpec &fault);
    // A fault's factor, rate or milliseconds to three significant digits.
    static QString amount(double value);

    static constexpr int maxRows = 20000;

signals:
    void architecturesChanged();

private:
    QStringList m_architectures;
    QFont m_bold;
    std::deque<app::SimEvent> m_events;
    std::deque<std::optional<ClientEvent>> m_client; // per row: set for client rows
    quint64 m_dropped = 0;
};

} // namespace postoffice::ui
