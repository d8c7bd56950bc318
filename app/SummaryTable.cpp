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

} // namespace

QString SummaryTable::format(const RunSummary &summary)
{
    struct Row
    {
        QString label;
        std::function<QString(const ArchitectureSummary &)> value;
    };
    const std::vector<Row> rows = {
        {QStringLiteral("orders placed"), [](const auto &a) { return count(a.placed); }},
        {QStringLiteral("orders completed"), [](const auto &a) { return count(a.completed); }},
        {QStringLiteral("orders failed"), [](const auto &a) { return count(a.failed); }},
        {QStringLiteral("orders lost"), [](const auto &a) { return count(a.lost); }},
        {QStringLiteral("orders in flight"), [](const auto &a) { return count(a.in_flight); }},
        {QStringLiteral("service failures"),
         [](const auto &a) {
             quint64 failed = 0;
             for (const ServiceSummary &s : a.services)
                 failed += s.failed;
             return count(failed);
         }},
        {QStringLiteral("latency p50 (ms)"),
         [](const auto &a) { return ms(a.latency, &LatencySummary::p50); }},
        {QStringLiteral("latency p95 (ms)"),
         [](const auto &a) { return ms(a.latency, &LatencySummary::p95); }},
        {QStringLiteral("latency p99 (ms)"),
         [](const auto &a) { return ms(a.latency, &LatencySummary::p99); }},
        {QStringLiteral("max lag (records)"),
         [](const auto &a) {
             const GroupSummary *g = worstGroup(a);
             return g ? QStringLiteral("%1 (%2)").arg(g->max_lag).arg(g->group) : QStringLiteral("-");
         }},
        {QStringLiteral("drain time (s)"),
         [](const auto &a) {
             const GroupSummary *g = worstGroup(a);
             if (!g)
                 return QStringLiteral("-");
             return g->drain_s ? QString::number(*g->drain_s, 'f', 0) : QStringLiteral("not drained");
         }},
        {QStringLiteral("conservation"),
         [](const auto &a) { return a.conservation_ok ? QStringLiteral("ok") : QStringLiteral("VIOLATED"); }},
    };

    QList<QStringList> cells; // [row][column], header first
    QStringList header{QString()};
    for (const ArchitectureSummary &a : summary.architectures)
        header << a.name;
    cells << header;
    for (const Row &row : rows) {
        QStringList line{row.label};
        for (const ArchitectureSummary &a : summary.architectures)
            line << row.value(a);
        cells << line;
    }
    QList<int> widths(header.size(), 0);
    for (const QStringList &line : cells)
        for (int c = 0; c < line.size(); ++c)
            widths[c] = qMax(widths[c], int(line[c].size()));

    QString out = QStringLiteral("%1 (seed %2, %3 s simulated)\n")
                      .arg(summary.scenario)
                      .arg(summary.seed)
                      .arg(summary.duration_s);
    for (const QStringList &line : cells) {
        QString text = line[0].leftJustified(widths[0]);
        for (int c = 1; c < line.size(); ++c)
            text += QStringLiteral("  ") + line[c].rightJustified(widths[c]);
        out += text + u'\n';
    }
    return out;
}

} // namespace postoffice::app
