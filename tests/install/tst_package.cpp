// The .deb of `make package`, as a Debian user gets it: its dependencies are Debian's runtime
// packages, its files land where a desktop looks for them, and unpacked into an empty root it
// validates and runs a shipped scenario.

#include "../ProcessRun.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using postoffice::test::runProcess;

class TestPackage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void dependsOnDebiansRuntimePackages();
    void holdsTheDesktopApplication();
    void unpackedPackageRunsAScenario();

private:
    QTemporaryDir m_scratch;
    QString m_deb;
};

void TestPackage::initTestCase()
{
    QVERIFY(m_scratch.isValid());
    const QString out = m_scratch.filePath("out");
    const auto r =
        runProcess(QStringLiteral("cpack"),
                   {QStringLiteral("--config"), QStringLiteral(POSTOFFICE_BUILD_DIR "/CPackConfig.cmake"),
                    QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("-B"), out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QStringList debs = QDir(out).entryList({QStringLiteral("postoffice_*.deb")}, QDir::Files);
    QCOMPARE(debs.size(), 1);
    m_deb = QDir(out).filePath(debs.first());
}

void TestPackage::dependsOnDebiansRuntimePackages()
{
    const auto r =
        runProcess(QStringLiteral("dpkg-deb"), {QStringLiteral("--field"), m_deb, QStringLiteral("Depends")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QStringList names;
    for (const QString &clause : r.out.simplified().split(u','))
        names << clause.trimmed().section(u' ', 0, 0);
    // Linked (read off the binary by dpkg-shlibdeps) and loaded at run time (named by hand).
    for (const char *package : {"libqt6charts6", "libqt6widgets6", "libqt6sql6", "libqt6sql6-sqlite",
                                "libqt6svg6", "libstdc++6", "fonts-dejavu-core"})
        QVERIFY2(names.contains(QLatin1String(package)),
                 qPrintable(package + QStringLiteral(" missing from ") + r.out));
    // No development package: a user installs the program, not its build.
    for (const QString &name : names)
        QVERIFY2(!name.endsWith(QLatin1String("-dev")), qPrintable(name));
}

void TestPackage::holdsTheDesktopApplication()
{
    const auto r = runProcess(QStringLiteral("dpkg-deb"), {QStringLiteral("--contents"), m_deb});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    for (const char *file :
         {"./usr/bin/postoffice", "./usr/share/applications/org.postoffice.PostOffice.desktop",
          "./usr/share/metainfo/org.postoffice.PostOffice.metainfo.xml",
          "./usr/share/mime/packages/org.postoffice.PostOffice.xml",
          "./usr/share/icons/hicolor/48x48/apps/org.postoffice.PostOffice.png",
          "./usr/share/postoffice/scenarios/baseline.json"})
        QVERIFY2(r.out.contains(QLatin1String(file)), file);
}

void TestPackage::unpackedPackageRunsAScenario()
{
    const QString root = m_scratch.filePath("root");
    const auto unpack = runProcess(QStringLiteral("dpkg"), {QStringLiteral("-x"), m_deb, root});
    QVERIFY2(unpack.exitCode == 0, qPrintable(unpack.describe()));
    const QString binary = root + QStringLiteral("/usr/bin/postoffice");
    const auto validate = runProcess(binary, {QStringLiteral("validate"), QStringLiteral("baseline")});
    QVERIFY2(validate.exitCode == 0, qPrintable(validate.describe()));
    const QString db = m_scratch.filePath("runs.sqlite");
    const auto run =
        runProcess(binary, {QStringLiteral("run"), QStringLiteral("baseline"), QStringLiteral("--duration"),
                            QStringLiteral("60"), QStringLiteral("--db"), db});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QLatin1String("Baseline order flow")), qPrintable(run.describe()));
    QVERIFY(QFileInfo(db).size() > 0);
}

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
