#pragma once

#include <QString>

#include <utility>

namespace postoffice::app {

// What every command prints: results on stdout, problems on stderr as "postoffice COMMAND: …".
// Each write is flushed at once, so that a script or a test reading the pipe sees every line as it
// happens (`serve`'s "listening on" lines, `watch`'s status lines), not when a buffer fills.
class CliOutput
{
public:
    explicit CliOutput(QString command) : m_command(std::move(command)) {}

    static void out(const QString &text);
    static void err(const QString &text);

    // The message on stderr, and the exit code that goes with it (Cli::BadInput, Cli::Failure).
    int badInput(const QString &message) const;
    int failure(const QString &message) const;

private:
    QString m_command;
};

} // namespace postoffice::app
