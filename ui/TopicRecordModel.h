#pragma once

// Records of one topic partition as the broker core stores them: offset, key, value, timestamp
// and headers — the "a record is a letter with an address and a postmark" view of a topic.
// Rows are copies, so the table stays valid when retention later deletes the segment.

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace postoffice::broker {
class Cluster;
}

namespace postoffice::ui {

class TopicRecordModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Offset, Key, Value, Timestamp, Headers, ColumnCount };

    struct Row
    {
        qint64 offset = 0;
        QString key;   // "(null)" for a null key
        QString value; // "(tombstone)" for a null value
        qint64 timestampMs = 0;
        QString headers; // "k=v, k=v"
    };

    explicit TopicRecordModel(QObject *parent = nullptr);

    // Reads up to maxRows committed records (below the high watermark) of the partition, the
    // newest ones unless fromOffset >= 0 (then from there, raised to the log start). Uses
    // Cluster::read, so browsing is not a consumer fetch. Returns false and sets *error when the
    // broker refuses.
    bool load(const broker::Cluster &cluster, const QString &topic, int partition, qint64 fromOffset,
              int maxRows, QString *error = nullptr);
    void clear();
    const Row &row(int index) const { return m_rows[size_t(index)]; }
    // Offsets of the first and last row; -1 when empty.
    qint64 firstOffset() const { return m_rows.empty() ? -1 : m_rows.front().offset; }
    qint64 lastOffset() const { return m_rows.empty() ? -1 : m_rows.back().offset; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Row> m_rows;
};

} // namespace postoffice::ui
