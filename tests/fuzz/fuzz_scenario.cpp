// libFuzzer entry for the scenario loader. Any input must give either a scenario or at least one
// error, never a crash; a scenario that loads must survive save and reload unchanged, and saving
// twice must give the same bytes. A broken invariant aborts, which libFuzzer reports as a crash.

#include "ScenarioLoader.h"
#include "ScenarioWriter.h"

#include <QByteArray>

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

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
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
