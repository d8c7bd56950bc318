#pragma once

// A one-line progress bar redrawn in place with '\r', for `postoffice run` and `export` on a
// terminal. Disabled it prints nothing at all, so piped output and logs stay clean.

#include <QElapsedTimer>
#include <QString>

#include <cstdio>

namespace postoffice::app {

class ProgressBar
{
public:
    ProgressBar(FILE *out, bool enabled);
    ~ProgressBar();

    // True when `stream` is an interactive terminal (isatty).
    static bool isTerminal(FILE *stream);

    bool enabled() const { return m_enabled; }
    // fraction in [0, 1]; redraws at most ten times a second unless `force`.
    void update(double fraction, const QString &detail, bool force = false);
    // Clears the line so that what follows starts at column 0.
    void finish();

    // The bar's text for a fraction and detail, without the leading '\r'.
    static QString render(double fraction, const QString &detail, int width = 30);

private:
    FILE *m_out;
    bool m_enabled;
    bool m_drawn = false;
    int m_lastLength = 0;
    QElapsedTimer m_sinceDraw;
};

} // namespace postoffice::app
