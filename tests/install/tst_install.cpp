// Installed as a desktop user's system would have it: `cmake --install` into a scratch prefix,
// then the launcher entry and the AppStream file checked by Debian's own validators, the icon in
// every hicolor size, scenario files recognised as PostOffice's by the MIME database a file
// manager uses (by the .postoffice.json name Save As gives them, or by their contents), and the installed
// binary running on the scenarios installed beside it.

#include "../ProcessRun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QMimeDatabase>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using postoffice::test::runProcess;

namespace {

const QString kAppId = QStringLiteral("org.postoffice.PostOffice");
const QString kScenarioMime = QStringLiteral("application/x-postoffice-scenario");

} // namespace

class TestInstall : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void binaryAndScenariosAreInPlace();
    void launcherEntryIsValid();
    void appStreamMetadataIsValid();
    void iconComesInEveryHicolorSize();
    void scenarioFilesAreRecognised();
    void installedBinaryRunsTheInstalledScenarios();

private:
    QString installed(const QString &relative) const { return m_prefix.filePath(relative); }

    QTemporaryDir m_prefix;
};

void TestInstall::initTestCase()
{
    QVERIFY(m_prefix.isValid());
    const auto r = runProcess(QStringLiteral("cmake"),
                              {QStringLiteral("--install"), QStringLiteral(POSTOFFICE_BUILD_DIR),
                               QStringLiteral("--prefix"), m_prefix.path()});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    // What a package's trigger does on a real system, so the MIME database below sees the type.
    const auto mime = runProcess(QStringLiteral("update-mime-database"), {installed("share/mime")});
    QVERIFY2(mime.exitCode == 0, qPrintable(mime.describe()));
    // QMimeDatabase reads XDG_DATA_DIRS once, on first use: set it before anything asks.
    qputenv("XDG_DATA_DIRS", (installed("share") + QStringLiteral(":/usr/share")).toLocal8Bit());
}

void TestInstall::binaryAndScenariosAreInPlace()
{
    const QFileInfo binary(installed("bin/postoffice"));
    QVERIFY2(binary.isExecutable(), qPrintable(binary.filePath()));
    const QDir scenarios(installed("share/postoffice/scenarios"));
    const QDir source(QStringLiteral(POSTOFFICE_SOURCE_DIR "/scenarios"));
    const QStringList json = {QStringLiteral("*.json")};
    QCOMPARE(scenarios.entryList(json, QDir::Files, QDir::Name),
             source.entryList(json, QDir::Files, QDir::Name));
    QVERIFY(scenarios.exists(QStringLiteral("scenario.schema.json")));
}

void TestInstall::launcherEntryIsValid()
{
    const QString desktop = installed("share/applications/" + kAppId + ".desktop");
    const auto r = runProcess(QStringLiteral("desktop-file-validate"), {desktop});
    QVERIFY2(r.exitCode == 0 && r.out.isEmpty(), qPrintable(r.describe()));
    QSettings entry(desktop, QSettings::IniFormat);
    entry.beginGroup(QStringLiteral("Desktop Entry"));
    QCOMPARE(entry.value("Exec").toString(), QStringLiteral("postoffice gui %f"));
    QCOMPARE(entry.value("Icon").toString(), kAppId);
    QVERIFY2(entry.value("MimeType").toString().contains(kScenarioMime),
             qPrintable(entry.value("MimeType").toString()));
}

void TestInstall::appStreamMetadataIsValid()
{
    const QString metainfo = installed("share/metainfo/" + kAppId + ".metainfo.xml");
    const auto r =
        runProcess(QStringLiteral("appstreamcli"), {QStringLiteral("validate"), QStringLiteral("--no-net"),
                                                    QStringLiteral("--explain"), metainfo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QFile f(metainfo);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QVERIFY2(!text.contains('@'), "the release version is filled in at configure time");
    QVERIFY(text.contains("<launchable type=\"desktop-id\">" + kAppId.toUtf8() + ".desktop</launchable>"));
}

void TestInstall::iconComesInEveryHicolorSize()
{
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
        const QString png =
            installed(QStringLiteral("share/icons/hicolor/%1x%1/apps/").arg(size) + kAppId + ".png");
        QImageReader reader(png);
        QVERIFY2(reader.canRead(), qPrintable(png));
        QCOMPARE(reader.size(), QSize(size, size));
    }
    QVERIFY(QFile::exists(installed("share/icons/hicolor/scalable/apps/" + kAppId + ".svg")));
}

void TestInstall::scenarioFilesAreRecognised()
{
    QMimeDatabase db;
    const QMimeType scenario = db.mimeTypeForName(kScenarioMime);
    QVERIFY2(scenario.isValid(), "the installed MIME package is not seen");
    QVERIFY(scenario.inherits(QStringLiteral("application/json")));
    // A scenario saved by PostOffice, by its name; any scenario, by its contents (a desktop looks
    // at those when the name does not tell, e.g. a download saved without a suffix).
    QCOMPARE(db.mimeTypeForFile(QStringLiteral("/home/trainer/my-shop.postoffice.json"),
                                QMimeDatabase::MatchExtension)
                 .name(),
             kScenarioMime);
    QFile f(installed("share/postoffice/scenarios/baseline.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(db.mimeTypeForData(f.readAll()).name(), kScenarioMime);
    // Any other JSON stays JSON, so PostOffice does not claim the user's other files.
    QTemporaryDir dir;
    QFile other(dir.filePath("package.json"));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("{\n  \"name\": \"not a scenario\"\n}\n");
    other.close();
    QCOMPARE(db.mimeTypeForFile(other.fileName()).name(), QStringLiteral("application/json"));
}

void TestInstall::installedBinaryRunsTheInstalledScenarios()
{
    // A scenario that exists only in the installed folder is found by name: the installed binary
    // reads its own share/postoffice/scenarios, not the source tree it was built from.
    QVERIFY(QFile::copy(installed("share/postoffice/scenarios/baseline.json"),
                        installed("share/postoffice/scenarios/installed-only.json")));
    const QString binary = installed("bin/postoffice");
    const auto validate = runProcess(binary, {QStringLiteral("validate"), QStringLiteral("installed-only")});
    QVERIFY2(validate.exitCode == 0, qPrintable(validate.describe()));
    const auto run =
        runProcess(binary, {QStringLiteral("run"), QStringLiteral("installed-only"),
                            QStringLiteral("--duration"), QStringLiteral("60"), QStringLiteral("--db"),
                            m_prefix.filePath("runs.sqlite"), QStringLiteral("--quiet")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY(QFileInfo(m_prefix.filePath("runs.sqlite")).size() > 0);
}

QTEST_GUILESS_MAIN(TestInstall)
#include "tst_install.moc"
