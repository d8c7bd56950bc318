// The folders depend one way: broker <- app <- ui <- the executable in ui/main. A source file may
// include its own folder's headers and those of the layers below, never one above; broker includes
// no Qt at all and app no Qt module beyond QtCore, QtSql and QtNetwork (it runs headless). The
// shipped tree is checked, and so is a deliberately tangled tree, so the check itself can fail.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Layer
{
    QString folder;        // relative to the source root
    QStringList allowedQt; // Qt modules it may include; {"*"}: any
};

// Lowest first: a layer may include what lies at its own index or below.
const QList<Layer> &layers()
{
    static const QList<Layer> all = {
        {QStringLiteral("broker"), {}},
        {QStringLiteral("app"),
         {QStringLiteral("QtCore"), QStringLiteral("QtSql"), QStringLiteral("QtNetwork")}},
        {QStringLiteral("ui"), {QStringLiteral("*")}},
        {QStringLiteral("ui/main"), {QStringLiteral("*")}},
    };
    return all;
}

class IncludeScan
{
public:
    IncludeScan(const QString &root, const QString &qtHeaders) : m_root(root), m_qtHeaders(qtHeaders)
    {
        for (const Layer &layer : layers()) {
            QStringList names;
            for (const QFileInfo &file : QDir(m_root + QLatin1Char('/') + layer.folder)
                                             .entryInfoList({QStringLiteral("*.h")}, QDir::Files))
                names << file.fileName();
            m_headers << names;
        }
    }

    // One line per include that runs against the layering: "file:line: why".
    QStringList violations() const
    {
        QStringList out;
        for (int level = 0; level < layers().size(); ++level) {
            const QDir dir(m_root + QLatin1Char('/') + layers()[level].folder);
            const QFileInfoList files =
                dir.entryInfoList({QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files, QDir::Name);
            for (const QFileInfo &file : files)
                out << scanFile(file.absoluteFilePath(), level);
        }
        return out;
    }

private:
    QStringList scanFile(const QString &path, int level) const
    {
        static const QRegularExpression include(QStringLiteral(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])"));
        QStringList out;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            return {QStringLiteral("%1: cannot be read").arg(path)};
        const QString where = QDir(m_root).relativeFilePath(path);
        int lineNumber = 0;
        while (!file.atEnd()) {
            const QString line = QString::fromUtf8(file.readLine());
            ++lineNumber;
            const QRegularExpressionMatch m = include.match(line);
            if (!m.hasMatch())
                continue;
            const QString header = m.captured(2);
            const QString at = QStringLiteral("%1:%2: ").arg(where).arg(lineNumber);
            if (m.captured(1) == QLatin1String("\"")) {
                const int owner = ownerOf(header, level);
                if (owner > level)
                    out << at + QStringLiteral("\"%1\" belongs to %2, a layer above %3")
                                    .arg(header, layers()[owner].folder, layers()[level].folder);
                continue;
            }
            const QString module = qtModuleOf(header);
            const QStringList &allowed = layers()[level].allowedQt;
            if (!module.isEmpty() && !allowed.contains(QLatin1String("*")) && !allowed.contains(module))
                out << at + QStringLiteral("<%1> is %2, which %3 may not use")
                                .arg(header, module, layers()[level].folder);
        }
        return out;
    }

    // The layer whose folder holds the header: the including file's own layer first, as the
    // compiler's search path does; -1 when no layer has it (a generated or test header).
    int ownerOf(const QString &header, int level) const
    {
        if (m_headers[level].contains(header))
            return level;
        for (int other = 0; other < m_headers.size(); ++other)
            if (m_headers[other].contains(header))
                return other;
        return -1;
    }

    // "QtWidgets" for <QWidget> or <QtWidgets/QWidget>, empty for anything that is not Qt's.
    QString qtModuleOf(const QString &header) const
    {
        const qsizetype slash = header.indexOf(QLatin1Char('/'));
        if (slash > 0) {
            const QString prefix = header.left(slash);
            return prefix.startsWith(QLatin1String("Qt")) ? prefix : QString();
        }
        if (header == QLatin1String("QtTest") || header.startsWith(QLatin1String("Qt")))
            return QFileInfo::exists(m_qtHeaders + QLatin1Char('/') + header) ? header : QString();
        if (!header.startsWith(QLatin1Char('Q')))
            return {};
        for (const QString &module : QDir(m_qtHeaders).entryList({QStringLiteral("Qt*")}, QDir::Dirs))
            if (QFileInfo::exists(m_qtHeaders + QLatin1Char('/') + module + QLatin1Char('/') + header))
                return module;
        return {};
    }

    QString m_root;
    QString m_qtHeaders;
    QList<QStringList> m_headers; // per layer, its headers' file names
};

void writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

} // namespace

class LayersTest : public QObject
{
    Q_OBJECT

private slots:
    void qtHeadersAreFound();
    void shippedTreeIncludesOnlyDownwards();
    void upwardIncludesAreCaught();
};

void LayersTest::qtHeadersAreFound()
{
    // Without Qt's headers every Qt include would look foreign and the check would pass vacuously.
    const QString headers = QLibraryInfo::path(QLibraryInfo::HeadersPath);
    QVERIFY2(QFileInfo::exists(headers + QStringLiteral("/QtWidgets/QWidget")), qPrintable(headers));
    QVERIFY(QFileInfo::exists(headers + QStringLiteral("/QtCore/QString")));
}

void LayersTest::shippedTreeIncludesOnlyDownwards()
{
    const IncludeScan scan(QStringLiteral(POSTOFFICE_SOURCE_DIR),
                           QLibraryInfo::path(QLibraryInfo::HeadersPath));
    const QStringList found = scan.violations();
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

void LayersTest::upwardIncludesAreCaught()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString r = root.path();
    writeFile(r + QStringLiteral("/broker/Log.h"), "#include <QString>\n#include <vector>\n");
    writeFile(r + QStringLiteral("/broker/Log.cpp"), "#include \"Log.h\"\n#include \"Engine.h\"\n");
    writeFile(r + QStringLiteral("/app/Engine.h"), "#include \"Log.h\"\n#include <QtSql/QSqlQuery>\n");
    writeFile(r + QStringLiteral("/app/Engine.cpp"), "#include \"Window.h\"\n  #  include <QWidget>\n");
    writeFile(r + QStringLiteral("/ui/Window.h"), "#include \"Engine.h\"\n#include <QWidget>\n");
    writeFile(r + QStringLiteral("/ui/main/main.cpp"), "#include \"Window.h\"\n#include \"Log.h\"\n");

    const IncludeScan scan(r, QLibraryInfo::path(QLibraryInfo::HeadersPath));
    const QStringList found = scan.violations();
    const QStringList expected = {
        QStringLiteral("broker/Log.cpp:2: \"Engine.h\" belongs to app, a layer above broker"),
        QStringLiteral("broker/Log.h:1: <QString> is QtCore, which broker may not use"),
        QStringLiteral("app/Engine.cpp:1: \"Window.h\" belongs to ui, a layer above app"),
        QStringLiteral("app/Engine.cpp:2: <QWidget> is QtWidgets, which app may not use"),
    };
    QCOMPARE(found, expected);
}

QTEST_GUILESS_MAIN(LayersTest)
#include "tst_layers.moc"
