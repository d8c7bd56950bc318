#include "ScenarioLoader.h"

#include "JsonKeyScan.h"
#include "ScenarioClusterReader.h"
#include "ScenarioEdgeReader.h"
#include "ScenarioFaultReader.h"
#include "ScenarioFieldReader.h"
#include "ScenarioNarrationReader.h"
#include "ScenarioNodeReader.h"
#include "ScenarioReaderIssues.h"
#include "ScenarioReaderState.h"
#include "ScenarioReaderText.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <vector>

namespace postoffice::app {

namespace {

using Need = ScenarioFieldReader::Need;
using Text = ScenarioReaderText;

// The file's top level, part by part in the order the parts depend on each other: the cluster
// bounds topics and broker nodes, nodes are what edges and faults name, architectures are what
// faults name. The order of the messages follows, so it must not change.
Scenario readRoot(ScenarioReaderIssues &issues, const JsonKeyScan &keyScan, const QJsonObject &root)
{
    ScenarioReaderState state(issues, &keyScan);
    Scenario &s = state.scenario;
    ScenarioClusterReader cluster(state);
    ScenarioFieldReader f(issues, root, QStringLiteral("$"));

    if (auto schema = f.string(QStringLiteral("schema"), Need::Required)) {
        if (*schema != ScenarioLoader::SchemaVersion) {
            // A different version may mean anything; checking it against version 1 would only
            // bury this one message under many wrong ones.
            issues.error(f.at(QStringLiteral("schema")),
                         QStringLiteral("unsupported schema version ") + Text::quoted(*schema) +
                             QStringLiteral("; expected ") + Text::quoted(ScenarioLoader::SchemaVersion));
            return s;
        }
        s.schema = *schema;
    }
    if (auto v = f.string(QStringLiteral("name"), Need::Required))
        s.name = *v;
    if (auto v = f.string(QStringLiteral("description"), Need::Optional, true))
        s.description = *v;
    if (auto v = f.integer(QStringLiteral("seed"), Need::Optional, 0, ScenarioReaderRules::MaxJsonInteger,
                           QStringLiteral("a non-negative integer")))
        s.seed = quint64(*v);
    if (auto v = f.number(QStringLiteral("duration_s"), Need::Required, ScenarioReaderRules::Positive)) {
        s.duration_s = *v;
        state.references.setDurationKnown();
    }
    if (auto v = f.object(QStringLiteral("cluster"), Need::Optional))
        cluster.read(*v, f.at(QStringLiteral("cluster")), s.cluster);
    if (auto v = f.array(QStringLiteral("nodes"), Need::Required))
        ScenarioNodeReader(state, cluster).read(*v, f.at(QStringLiteral("nodes")));
    if (auto v = f.object(QStringLiteral("architectures"), Need::Required))
        ScenarioEdgeReader(state).readArchitectures(*v, f.at(QStringLiteral("architectures")));
    if (auto v = f.array(QStringLiteral("faults"), Need::Optional))
        ScenarioFaultReader(state).read(*v, f.at(QStringLiteral("faults")));
    if (auto v = f.array(QStringLiteral("narration"), Need::Optional))
        ScenarioNarrationReader(state).read(*v, f.at(QStringLiteral("narration")));
    s.extra = f.leftovers(QStringLiteral("root"), QString(), QString());
    return s;
}

// QJsonParseError gives a byte offset; people need a line and a column (in characters).
std::pair<int, int> lineAndColumn(const QByteArray &bytes, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, bytes.size());
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        const char c = bytes.at(i);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++column; // count UTF-8 lead bytes only
        }
    }
    return {line, column};
}

// 1-based line of each byte offset, for findings that come by the hundred (a line index built once
// rather than a scan from the top per finding).
class LineIndex
{
public:
    explicit LineIndex(const QByteArray &bytes)
    {
        for (qsizetype i = 0; i < bytes.size(); ++i)
            if (bytes.at(i) == '\n')
                m_newlines.push_back(i);
    }
    qsizetype line(qsizetype offset) const
    {
        return 1 + (std::lower_bound(m_newlines.begin(), m_newlines.end(), offset) - m_newlines.begin());
    }

private:
    std::vector<qsizetype> m_newlines;
};

// QJsonDocument keeps the last of two equal keys without a word; a hand-edited file must hear of it.
void reportDuplicateKeys(ScenarioReaderIssues &issues, const QByteArray &bytes, const JsonKeyScan &scan)
{
    if (scan.duplicates().empty())
        return;
    const LineIndex lines(bytes);
    for (const JsonKeyScan::Duplicate &d : scan.duplicates())
        issues.error(d.path, QStringLiteral("duplicate key ") + Text::quoted(d.key) +
                                 QStringLiteral(" (line ") + QString::number(lines.line(d.offset)) +
                                 QStringLiteral(", first at line ") + QString::number(lines.line(d.first)) +
                                 QStringLiteral("); expected each key once in an object: JSON keeps only the "
                                                "last value, so the other is silently ignored"));
}

} // namespace

QStringList ScenarioLoader::Result::messages() const
{
    return ScenarioIssue::toStrings(issues);
}

QStringList ScenarioLoader::Result::errors() const
{
    QList<ScenarioIssue> onlyErrors;
    std::copy_if(issues.begin(), issues.end(), std::back_inserter(onlyErrors),
                 [](const ScenarioIssue &i) { return i.isError(); });
    return ScenarioIssue::toStrings(onlyErrors);
}

ScenarioLoader::Result ScenarioLoader::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ScenarioReaderIssues issues(path);
        issues.fileError(QStringLiteral("cannot open: ") + file.errorString());
        return {std::nullopt, issues.issues()};
    }
    if (file.size() > MaxFileBytes) {
        ScenarioReaderIssues issues(path);
        issues.fileError(QStringLiteral("file too large (") + QString::number(file.size()) +
                         QStringLiteral(" bytes); a scenario is at most ") + QString::number(MaxFileBytes) +
                         QStringLiteral(" bytes"));
        return {std::nullopt, issues.issues()};
    }
    return parse(file.readAll(), path);
}

ScenarioLoader::Result ScenarioLoader::parse(const QByteArray &bytes, const QString &fileName)
{
    ScenarioReaderIssues issues(fileName);
    Result result;
    if (bytes.trimmed().isEmpty()) {
        issues.fileError(QStringLiteral("the file is empty; expected a JSON object with \"schema\": ") +
                         Text::quoted(SchemaVersion));
        result.issues = issues.issues();
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(bytes, parseError.offset);
        issues.fileError(QStringLiteral("invalid JSON: ") + parseError.errorString(), line, column);
        result.issues = issues.issues();
        return result;
    }
    if (!doc.isObject()) {
        const QJsonValue got = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(QJsonValue::Undefined);
        issues.error(QStringLiteral("$"),
                     QStringLiteral("expected a JSON object, got ") + Text::describe(got));
        result.issues = issues.issues();
        return result;
    }
    const JsonKeyScan keyScan = JsonKeyScan::scan(bytes);
    reportDuplicateKeys(issues, bytes, keyScan);
    Scenario scenario = readRoot(issues, keyScan, doc.object());
    result.issues = issues.issues();
    if (!issues.hasErrors())
        result.scenario = std::move(scenario);
    return result;
}

} // namespace postoffice::app
