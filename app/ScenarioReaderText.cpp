#include "ScenarioReaderText.h"

#include <algorithm>
#include <vector>

namespace postoffice::app {

namespace {

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

QString ScenarioReaderText::quoted(const QString &text)
{
    constexpr qsizetype kMaxShown = 60;
    return u'"' + (text.size() > kMaxShown ? text.left(kMaxShown) + QStringLiteral("...") : text) + u'"';
}

QString ScenarioReaderText::formatNumber(double v)
{
    return QString::number(v, 'g', 15);
}

QString ScenarioReaderText::describe(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return formatNumber(v.toDouble());
    case QJsonValue::String:
        return QStringLiteral("the string ") + quoted(v.toString());
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString ScenarioReaderText::oneOf(const QStringList &choices)
{
    QStringList q;
    for (const QString &c : choices)
        q << quoted(c);
    if (q.size() == 1)
        return q.first();
    return QStringLiteral("one of ") + q.mid(0, q.size() - 1).join(QStringLiteral(", ")) +
           QStringLiteral(" or ") + q.last();
}

QString ScenarioReaderText::suggestion(const QString &wrong, const QStringList &candidates)
{
    constexpr qsizetype kMaxCompared = 64; // names longer than this are no typo of ours
    if (wrong.size() > kMaxCompared)
        return {};
    QString best;
    int bestDistance = 3; // at most two edits
    for (const QString &c : candidates) {
        const int d = editDistance(wrong, c);
        if (d < bestDistance && d < c.size()) {
            bestDistance = d;
            best = c;
        }
    }
    return best.isEmpty() ? QString()
                          : QStringLiteral(" (did you mean ") + quoted(best) + QStringLiteral("?)");
}

} // namespace postoffice::app
