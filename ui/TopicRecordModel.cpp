#include "TopicRecordModel.h"

#include "ClockText.h"
#include "Cluster.h"
#include "ErrorCode.h"

#include <QDateTime>
#include <QStringList>

#include <algorithm>

namespace postoffice::ui {

namespace {

QString text(std::string_view bytes)
{
    return QString::fromUtf8(bytes.data(), qsizetype(bytes.size()));
}

} // namespace

TopicRecordModel::TopicRecordModel(QObject *parent) : QAbstractTableModel(parent) {}

bool TopicRecordModel::load(const broker::Cluster &cluster, const QString &topic, int partition,
                            qint64 fromOffset, int maxRows, QString *error)
{
    const std::string name = topic.toStdString();
    const std::int64_t start = cluster.logStartOffset(name, partition);
    const std::int64_t hw = cluster.highWatermark(name, partition);
    std::vector<Row> rows;
    bool ok = start >= 0 && hw >= 0;
    if (!ok && error)
        *error = tr("Topic %1 has no partition %2").arg(topic).arg(partition);
    if (ok && hw > start) {
        std::int64_t from = fromOffset >= 0 ? std::clamp<std::int64_t>(fromOffset, start, hw)
                                            : std::max<std::int64_t>(start, hw - maxRows);
        broker::FetchResult fetched;
        // A compacted log has gaps; fetch until the rows are filled or the high watermark is hit.
        while (ok && int(rows.size()) < maxRows && from < hw) {
            const broker::ErrorCode code =
                cluster.read(name, partition, from, maxRows - int(rows.size()), fetched);
            if (code != broker::ErrorCode::None) {
                ok = false;
                if (error)
                    *error = tr("Reading %1-%2 at offset %3 failed: %4")
                                 .arg(topic)
                                 .arg(partition)
                                 .arg(from)
                                 .arg(QString::fromLatin1(broker::errorName(code)));
                break;
            }
            if (fetched.records.empty())
                break;
            for (const broker::RecordView &r : fetched.records) {
                Row row;
                row.offset = r.offset();
                row.key = r.key() ? text(*r.key()) : tr("(null)");
                row.value = r.value() ? text(*r.value()) : tr("(tombstone)");
                row.timestampMs = r.timestampMs();
                QStringList headers;
                for (const broker::Header &h : r.headers())
                    headers << QString::fromStdString(h.key) + QLatin1Char('=') +
                                   QString::fromStdString(h.value);
                row.headers = headers.join(QStringLiteral(", "));
                rows.push_back(std::move(row));
            }
            from = fetched.records.back().offset() + 1;
        }
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    return ok;
}

void TopicRecordModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int TopicRecordModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TopicRecordModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopicRecordModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &r = m_rows[size_t(index.row())];
    if (role == Qt::TextAlignmentRole && index.column() == Offset)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Offset:
        return r.offset;
    case Key:
        return r.key;
    case Value:
        return r.value;
    case Timestamp:
        // A real Kafka client's record (Run ▸ Accept Kafka Clients) carries its wall-clock CreateTime,
        // milliseconds since the Unix epoch: far beyond any run's length, shown as a date and time.
        if (r.timestampMs > 10LL * 365 * 24 * 3600 * 1000) {
            const QDateTime t = QDateTime::fromMSecsSinceEpoch(r.timestampMs);
            return role == Qt::ToolTipRole
                       ? QVariant(tr("%1, the producing client's clock (%2 ms since 1970)")
                                      .arg(t.toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz")))
                                      .arg(r.timestampMs))
                       : QVariant(t.toString(QStringLiteral("yyyy-MM-dd hh:mm:ss")));
        }
        // Timestamps are simulated milliseconds since the start of the run.
        return role == Qt::ToolTipRole
                   ? QVariant(tr("%1 ms").arg(r.timestampMs))
                   : QVariant(ClockText::format(r.timestampMs / 1000.0) +
                              QStringLiteral(".%1").arg(r.timestampMs % 1000, 3, 10, QLatin1Char('0')));
    case Headers:
        return r.headers;
    }
    return {};
}

QVariant TopicRecordModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Offset:
        return tr("Offset");
    case Key:
        return tr("Key");
    case Value:
        return tr("Value");
    case Timestamp:
        return tr("Timestamp");
    case Headers:
        return tr("Headers");
    }
    return {};
}

} // namespace postoffice::ui
