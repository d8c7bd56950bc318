#include "SummaryTable.h"

#include <QStringList>

#include <algorithm>
#include <functional>

namespace postoffice::app {

namespace {

QString count(quint64 n)
{
    return QString::number(n);
}

QString ms(const LatencySummary &latency, double LatencySummary::*field)
{
    return latency.count == 0 ? QStringLiteral("-") : QString::number(latency.*field, 'f', 1);
}

// The group whose backlog grew most is the one the lesson is about.
const GroupSummary *worstGroup(const ArchitectureSummary &a)
{
    const auto it =
        std::max_element(a.groups.begin(), a.groups.end(),
                         [](const GroupSummary &x, const GroupSummary &y) { return x.max_lag < y.max_lag; });
    return it == a.groups.end() ? nullptr : &*it;
}

struct Row
{
    QString label;
    std::function<QString(const ArchitectureSummary &)> value;
};

// Rows in sections (a blank line between them): what happened to the orders, what the customer
// saw, when all the work behind an order was done, the backlog, the bookkeeping check. The customer
// wait next to "all effects done" is the point of the decoupled design: the customer is answered at
// once while the work behind the order may wait in a topic for hours.
std::vector<std::vector<Row>> sections()
{
    using A = ArchitectureSummary;
    const auto latencyRows = [](const QString &what, LatencySummary A::*latency) {
        std::vector<Row> rows;
        for (const auto &[name, field] : {std::pair{QStringLiteral("p50"), &LatencySummary::p50},
                                          std::pair{QStringLiteral("p95"), &LatencySummary::p95},
                                          std::pair{QStringLiteral("p99"), &LatencySummary::p99}})
            rows.push_back({QStringLiteral("%1 %2 (ms)").arg(what, name),
                            [latency, field](const A &a) { return ms(a.*latency, field); }});
        return rows;
    };
    return {
        {{QStringLiteral("orders placed"), [](const A &a) { return count(a.placed); }},
         {QStringLiteral("orders completed"), [](const A &a) { return count(a.completed); }},
         {QStringLiteral("orders failed"), [](const A &a) { return count(a.failed); }},
         {QStringLiteral("orders lost"), [](const A &a) { return count(a.lost); }},
         {QStringLiteral("orders in flight"), [](const A &a) { return count(a.in_flight); }},
         {QStringLiteral("service failures"),
          [](const A &a) {
              quint64 failed = 0;
              for (const ServiceSummary &s : a.services)
                  failed += s.failed;
              return count(failed);
          }}},
        [&] {
            std::vector<Row> rows{
                {QStringLiteral("customer answer: accepted"), [](const A &a) { return count(a.accepted); }},
                {QStringLiteral("customer answer: rejected"), [](const A &a) { return count(a.rejected); }}};
            for (Row &row : latencyRows(QStringLiteral("customer wait"), &A::response_latency))
                rows.push_back(std::move(row));
            return rows;
        }(),
        latencyRows(QStringLiteral("all effects done"), &A::latency),
        {{QStringLiteral("most lagging group"),
          [](const A &a) {
              const GroupSummary *g = worstGroup(a);
              return g ? g->group : QStringLiteral("-");
          }},
         {QStringLiteral("max lag (records)"),
          [](const A &a) {
              const GroupSummary *g = worstGroup(a);
              return g ? QString::number(g->max_lag) : QStringLiteral("-");
          }},
         {QStringLiteral("drain time (s)"),
          [](const A &a) {
              const GroupSummary *g = worstGroup(a);
              if (!g)
                  return QStringLiteral("-");
              return g->drain_s ? QString::number(*g->drain_s, 'f', 0) : QStringLiteral("not drained");
          }}},
        {{QStringLiteral("conservation"),
          [](const A &a) { return a.conservation_ok ? QStringLiteral("ok") : QStringLiteral("VIOLATED"); }}},
    };
}

} // namespace

QString SummaryTable::format(const RunSummary &summary)
{
    // Cells first, widths from the widest cell of each column, then the text: no cell can spill
    // into its neighbour, whatever its length.
    QList<QStringList> cells; // [line][column]; an empty list is the blank line between sections
    QStringList header{QString()};
    for (const ArchitectureSummary &a : summary.architectures)
        header << a.name;
    cells << header;
    for (const std::vector<Row> &section : sections()) {
        cells << QStringList();
        for (const Row &row : section) {
            QStringList line{row.label};
            for (const ArchitectureSummary &a : summary.architectures)
                line << row.value(a);
            cells << line;
        }
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &line : cells)
        for (qsizetype c = 0; c < line.size(); ++c)
            widths[c] = std::max(widths[c], line[c].size());

    QString out = QStringLiteral("%1 (seed %2, %3 s simulated)\n")
                      .arg(summary.scenario)
                      .arg(summary.seed)
                      .arg(summary.duration_s);
    for (const QStringList &line : cells) {
        if (line.isEmpty()) {
            out += u'\n';
            continue;
        }
        QString text = line[0].leftJustified(widths[0]);
        for (qsizetype c = 1; c < line.size(); ++c)
            text += QString(ColumnGap, u' ') + line[c].rightJustified(widths[c]);
        out += text + u'\n';
    }
    return out;
}

} // namespace postoffice::app
