// The raw-byte key scan that finds what QJsonDocument hides: keys written twice in one object
// (wherever they are, however they are escaped) and the order keys were written in. Every case is
// also checked against QJsonDocument, so that the scan and the real parser agree on what a key is.

#include "JsonKeyScan.h"
#include "JsonPath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>

using namespace postoffice::app;

namespace {

QStringList duplicatePaths(const JsonKeyScan &scan)
{
    QStringList paths;
    for (const JsonKeyScan::Duplicate &d : scan.duplicates())
        paths << d.path;
    return paths;
}

// The number of members QJsonDocument keeps in all objects, and the number of distinct keys the
// scan found: they must be equal, since QJsonDocument keeps one member per distinct key.
qsizetype memberCount(const QJsonValue &v)
{
    qsizetype n = 0;
    if (v.isArray())
        for (const QJsonValue &e : v.toArray())
            n += memberCount(e);
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        n += o.size();
        for (auto it = o.begin(); it != o.end(); ++it)
            n += memberCount(it.value());
    }
    return n;
}

} // namespace

class TestJsonKeyScan : public QObject
{
    Q_OBJECT

private slots:
    void duplicates_data();
    void duplicates();
    void offsetsPointAtTheKeys();
    void keysInTheOrderWritten();
    void brokenTextEndsCleanly_data();
    void brokenTextEndsCleanly();
};

void TestJsonKeyScan::duplicates_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("expected"); // JSONPaths of the repeats, in file order
    QTest::addColumn<QString>("key");          // the first repeat's decoded key

    auto row = [](const char *name, const QByteArray &json, const QStringList &expected, const QString &key) {
        QTest::newRow(name) << json << expected << key;
    };
    row("none", R"({"b": 1, "a": 2})", {}, {});
    row("flat", R"({"a": 1, "a": 2})", {"$.a"}, "a");
    row("three times", R"({"a": 1, "a": 2, "a": 3})", {"$.a", "$.a"}, "a");
    row("nested object", R"({"x": {"a": 1, "b": {"a": 2}, "a": 3}})", {"$.x.a"}, "a");
    row("inside an array", R"({"nodes": [{"w": 1}, {"w": 1, "w": 2}]})", {"$.nodes[1].w"}, "w");
    row("arrays of arrays", R"({"m": [[1, {"k": 1}], [{"k": 1, "k": 2}]]})", {"$.m[1][0].k"}, "k");
    row("root array", R"([{"a": 1}, {"a": 2, "a": 3}])", {"$[1].a"}, "a");
    row("siblings may share keys", R"([{"a": 1}, {"a": 2}, {"b": {"a": 3}}])", {}, {});
    row("values are not keys", R"({"a": "a", "b": "a", "c": ["a", "a"]})", {}, {});
    row("case matters", R"({"a": 1, "A": 2})", {}, {});
    row("escaped quote in key", R"({"a\"b": 1, "a\"b": 2})", {"$['a\"b']"}, "a\"b");
    row("backslash at the end of a key", R"({"a\\": 1, "a\\": 2})", {"$['a\\\\']"}, "a\\");
    row("structure inside strings", R"({"{": "}", "x": "\",", "{": [1]})", {"$['{']"}, "{");
    row("unicode escape equals the letter", R"({"workers": 1, "work\u0065rs": 2})", {"$.workers"}, "workers");
    row("escaped solidus", R"({"a/b": 1, "a\/b": 2})", {"$['a/b']"}, "a/b");
    row("surrogate pair equals UTF-8", "{\"\\ud83d\\ude00\": 1, \"\xF0\x9F\x98\x80\": 2}",
        {"$['\xF0\x9F\x98\x80']"}, QStringLiteral("\U0001F600"));
    row("control escapes", R"({"a\tb\n": 1, "a\u0009b\u000a": 2})", {"$['a\tb\n']"}, "a\tb\n");
    row("no white space", R"({"a":{"b":1,"b":2},"a":[]})", {"$.a.b", "$.a"}, "b");
    row("repeat in a repeated member", R"({"c": {"x": 1}, "c": {"y": 1, "y": 2}})", {"$.c", "$.c.y"}, "c");
}

void TestJsonKeyScan::duplicates()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, expected);
    QFETCH(QString, key);

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, QJsonParseError::NoError); // the scan runs on text QJsonDocument accepted

    const JsonKeyScan scan = JsonKeyScan::scan(json);
    QCOMPARE(duplicatePaths(scan), expected);
    if (!expected.isEmpty())
        QCOMPARE(scan.duplicates().front().key, key);

    // Against the real parser: as many members as distinct keys, at the same paths.
    qsizetype distinct = 0;
    std::function<void(const QJsonValue &, const QString &)> walk = [&](const QJsonValue &v,
                                                                        const QString &path) {
        if (v.isArray()) {
            const QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i)
                walk(a.at(i), JsonPath::element(path, i));
        } else if (v.isObject()) {
            const QJsonObject o = v.toObject();
            QStringList scanned = scan.keys(path);
            QStringList parsed = o.keys();
            scanned.sort();
            parsed.sort();
            QCOMPARE(scanned, parsed);
            distinct += scanned.size();
            for (auto it = o.begin(); it != o.end(); ++it)
                walk(it.value(), JsonPath::member(path, it.key()));
        }
    };
    const QJsonValue root = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    walk(root, JsonPath::Root);
    QCOMPARE(distinct, memberCount(root));
}

void TestJsonKeyScan::offsetsPointAtTheKeys()
{
    const QByteArray json = "{\n  \"workers\": 8,\n  \"x\": \"workers\",\n  \"workers\": 2\n}";
    const JsonKeyScan scan = JsonKeyScan::scan(json);
    QCOMPARE(scan.duplicates().size(), size_t(1));
    const JsonKeyScan::Duplicate &d = scan.duplicates().front();
    QCOMPARE(d.first, json.indexOf("\"workers\""));
    QCOMPARE(d.offset, json.lastIndexOf("\"workers\""));
    QVERIFY(d.first < d.offset);
}

void TestJsonKeyScan::keysInTheOrderWritten()
{
    const QByteArray json = R"({"schema": "s", "architectures": {"tight": {"edges": []},
        "decoupled": {"edges": [{"kind": "call", "from": "a"}]}, "b-side": {}, "tight": {}},
        "nodes": [{"id": "z", "kind": "k"}, {"kind": "k2", "id": "y"}]})";
    const JsonKeyScan scan = JsonKeyScan::scan(json);
    QCOMPARE(scan.keys(QStringLiteral("$.architectures")),
             (QStringList{"tight", "decoupled", "b-side"})); // a repeat keeps its first place
    QCOMPARE(scan.keys(QStringLiteral("$")), (QStringList{"schema", "architectures", "nodes"}));
    QCOMPARE(scan.keys(QStringLiteral("$.nodes[1]")), (QStringList{"kind", "id"}));
    QCOMPARE(scan.keys(QStringLiteral("$.architectures.decoupled.edges[0]")), (QStringList{"kind", "from"}));
    QCOMPARE(scan.keys(QStringLiteral("$.architectures['b-side']")), QStringList());
    QVERIFY(scan.keys(QStringLiteral("$.nowhere")).isEmpty());
}

void TestJsonKeyScan::brokenTextEndsCleanly_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("open string") << QByteArray(R"({"a)");
    QTest::newRow("backslash at the end") << QByteArray(R"({"a\)");
    QTest::newRow("short unicode escape") << QByteArray(R"({"a\u12)");
    QTest::newRow("bad unicode escape") << QByteArray(R"({"a\uZZZZ": 1, "a\uZZZZ": 2})");
    QTest::newRow("more closers than openers") << QByteArray("]]]}}},,,\"x\":\"");
    QTest::newRow("only openers") << QByteArray(10000, '{');
    QTest::newRow("invalid UTF-8") << QByteArray("{\"\xff\xfe\": 1, \"\xc3\": 2}");
    QTest::newRow("NUL bytes") << QByteArray("{\"a\0b\": 1}", 11);
}

void TestJsonKeyScan::brokenTextEndsCleanly()
{
    // Not JSON: the answer means nothing, but the scan ends, reads nothing out of bounds (the
    // sanitizer build checks that) and finds no more keys than the text has strings.
    QFETCH(QByteArray, text);
    const JsonKeyScan scan = JsonKeyScan::scan(text);
    QVERIFY(qsizetype(scan.duplicates().size()) * 2 <= text.count('"'));
}

QTEST_GUILESS_MAIN(TestJsonKeyScan)
#include "tst_json_key_scan.moc"
