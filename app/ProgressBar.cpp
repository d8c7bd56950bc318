#include "ProgressBar.h"

#include <QtGlobal>

#include <cmath>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace postoffice::app {

ProgressBar::ProgressBar(FILE *out, bool enabled) : m_out(out), m_enabled(enabled && out) {}

ProgressBar::~ProgressBar()
{
    finish();
}

bool ProgressBar::isTerminal(FILE *stream)
{
#ifdef Q_OS_UNIX
    return stream && isatty(fileno(stream));
#else
    Q_UNUSED(stream);
    return false;
#endif
}

QString ProgressBar::render(double fraction, const QString &detail, int width)
{
    const double f = std::isfinite(fraction) ? qBound(0.0, fraction, 1.0) : 0.0;
    const int filled = int(std::floor(f * width));
    QString bar =
        QStringLiteral("[") + QString(filled, u'#') + QString(width - filled, u'.') + QStringLiteral("] ");
    bar += QStringLiteral("%1%").arg(int(std::floor(f * 100.0)), 3);
    if (!detail.isEmpty())
        bar += QStringLiteral("  ") + detail;
    return bar;
}

void ProgressBar::update(double fraction, const QString &detail, bool force)
{
    if (!m_enabled)
        return;
    // A terminal redraw costs a system call and the user cannot read faster than this anyway.
    if (m_drawn && !force && m_sinceDraw.elapsed() < 100)
        return;
    const QByteArray line = render(fraction, detail).toLocal8Bit();
    // Pad with spaces over a longer previous line instead of relying on terminal escape codes.
    const int pad = qMax(0, m_lastLength - int(line.size()));
    std::fprintf(m_out, "\r%s%*s", line.constData(), pad, "");
    std::fflush(m_out);
    m_lastLength = int(line.size());
    m_drawn = true;
    m_sinceDraw.start();
}

void ProgressBar::finish()
{
    if (!m_enabled || !m_drawn)
        return;
    std::fprintf(m_out, "\r%*s\r", m_lastLength, "");
    std::fflush(m_out);
    m_drawn = false;
    m_lastLength = 0;
}

} // namespace postoffice::app
