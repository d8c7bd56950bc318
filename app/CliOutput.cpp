#include "CliOutput.h"

#include "Cli.h"

#include <cstdio>

namespace postoffice::app {

void CliOutput::out(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

void CliOutput::err(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

int CliOutput::badInput(const QString &message) const
{
    err(QStringLiteral("postoffice %1: %2\n").arg(m_command, message));
    return Cli::BadInput;
}

int CliOutput::failure(const QString &message) const
{
    err(QStringLiteral("postoffice %1: %2\n").arg(m_command, message));
    return Cli::Failure;
}

} // namespace postoffice::app
