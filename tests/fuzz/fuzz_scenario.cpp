// libFuzzer entry for the scenario loader. Any input must give either a scenario or at least one
// error, never a crash; a scenario that loads must survive save and reload unchanged, and saving
// twice must give the same bytes. The raw-byte key scan (duplicate keys, key order) must agree with
// QJsonDocument about every object's keys. A broken invariant aborts, which libFuzzer reports as a
// crash.

#include "JsonKeyScan.h"
#include "JsonPath.h"
#include "ScenarioLoader.h"
#include "ScenarioWriter.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace postoffice::app;

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &detail)
{
    std::fprintf(stderr, "fuzz_scenario: %s\n%s\n", what, detail.constData());
    std::abort();
}

// Every object QJsonDocument read has, at the same path, the keys the scan found (each once).
void checkKeys(const JsonKeyScan &scan, const QJsonValue &value, const QString &path)
{
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            checkKeys(scan, array.at(i), JsonPath::element(path, i));
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject object = value.toObject();
    QStringList scanned = scan.keys(path);
    QStringList parsed = object.keys();
    scanned.sort();
    parsed.sort();
    if (scanned != parsed)
        fail("key scan disagrees with QJsonDocument",
             (path + QStringLiteral(": ") + scanned.join(u',') + QStringLiteral(" vs ") + parsed.join(u','))
                 .toUtf8());
    for (auto it = object.begin(); it != object.end(); ++it)
        checkKeys(scan, it.value(), JsonPath::member(path, it.key()));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error == QJsonParseError::NoError) {
        const JsonKeyScan scan = JsonKeyScan::scan(bytes);
        checkKeys(scan, doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()), JsonPath::Root);
    }
    const auto first = ScenarioLoader::parse(bytes, QStringLiteral("fuzz.json"));
    for (const ScenarioIssue &issue : first.issues) {
        if (issue.message.isEmpty() || issue.file.isEmpty())
            fail("issue without a message", issue.toString().toUtf8());
    }
    if (!first.ok()) {
        if (first.errors().isEmpty())
            fail("rejected without an error", bytes);
        return 0;
    }
    const QByteArray saved = ScenarioWriter::toBytes(*first.scenario);
    const auto second = ScenarioLoader::parse(saved, QStringLiteral("saved.json"));
    if (!second.ok())
        fail("saved scenario does not load again", second.messages().join(u'\n').toUtf8() + '\n' + saved);
    if (!(*second.scenario == *first.scenario))
        fail("saved scenario loads as a different scenario", saved);
    if (ScenarioWriter::toBytes(*second.scenario) != saved)
        fail("saving is not stable", saved);
    return 0;
}
