#pragma once

// Runs a program to its end and keeps what it said: the command-line and install suites drive
// the real `postoffice` binary and Debian's own tools this way.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace postoffice::test {

struct ProcessResult
{
    int exitCode = -1; // -1: crashed or could not start; -2: timed out
    QString out;
    QString err;

    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(exitCode).arg(out, err);
    }
};

inline ProcessResult runProcess(const QString &program, const QStringList &args,
                                const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                                int timeoutMs = 240000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        const QString why = p.error() == QProcess::FailedToStart
                                ? QStringLiteral("could not start ") + program
                                : QStringLiteral("timed out");
        p.kill();
        p.waitForFinished();
        return {p.error() == QProcess::FailedToStart ? -1 : -2, QString(), why};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromLocal8Bit(p.readAllStandardOutput()),
            QString::fromLocal8Bit(p.readAllStandardError())};
}

} // namespace postoffice::test
