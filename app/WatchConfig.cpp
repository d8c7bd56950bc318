#include "WatchConfig.h"

#include <QFile>
#include <QRegularExpression>

namespace postoffice::app {

namespace {

// java.util.Properties' escapes that matter in client configs (paths on Windows, JAAS quotes).
QString unescape(const QString &s)
{
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i] != u'\\' || i + 1 == s.size()) {
            out += s[i];
            continue;
        }
        const QChar c = s[++i];
        out += c == u't' ? QChar(u'\t') : c == u'n' ? QChar(u'\n') : c == u'r' ? QChar(u'\r') : c;
    }
    return out;
}

} // namespace

std::optional<QString> WatchConfig::loadProperties(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return QStringLiteral("cannot read config file '%1': %2").arg(path, file.errorString());
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    properties.clear();
    QString pending;
    int startLine = 0;
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (pending.isEmpty()) {
            line = line.trimmed();
            if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u'!'))
                continue;
            startLine = i + 1;
        } else {
            line = line.trimmed();
        }
        // A trailing backslash continues the value on the next line (java.util.Properties).
        if (line.endsWith(u'\\') && !line.endsWith(QStringLiteral("\\\\"))) {
            pending += line.chopped(1);
            if (i + 1 < lines.size())
                continue;
            line.clear();
        }
        const QString entry = pending + line;
        pending.clear();
        qsizetype sep = -1;
        for (qsizetype k = 0; k < entry.size(); ++k) {
            if (entry[k] == u'\\') {
                ++k;
                continue;
            }
            if (entry[k] == u'=' || entry[k] == u':') {
                sep = k;
                break;
            }
        }
        if (sep <= 0)
            return QStringLiteral("%1:%2: expected key=value").arg(path).arg(startLine);
        const QString key = unescape(entry.left(sep).trimmed());
        const QString value = unescape(entry.mid(sep + 1).trimmed());
        if (key.isEmpty())
            return QStringLiteral("%1:%2: expected key=value").arg(path).arg(startLine);
        properties.emplace_back(key, value);
    }
    return std::nullopt;
}

std::optional<QString> WatchConfig::bootstrapProblem(const QString &bootstrap)
{
    if (bootstrap.trimmed().isEmpty())
        return QStringLiteral("--bootstrap expects HOST:PORT[,HOST:PORT...]");
    static const QRegularExpression hostPort(
        QStringLiteral(R"(^(?:[A-Za-z]+://)?(\[[^\]]+\]|[^:\s,]+):(\d{1,5})$)"));
    for (const QString &server : bootstrap.split(u',')) {
        const auto m = hostPort.match(server.trimmed());
        const int port = m.hasMatch() ? m.captured(2).toInt() : 0;
        if (!m.hasMatch() || port < 1 || port > 65535)
            return QStringLiteral("--bootstrap expects HOST:PORT[,HOST:PORT...], got '%1'")
                .arg(server.trimmed());
    }
    return std::nullopt;
}

bool WatchConfig::isSecret(const QString &key)
{
    const QString k = key.toLower();
    // sasl.password, ssl.key.password, ssl.keystore.password, sasl.jaas.config (holds the
    // password), sasl.oauthbearer.client.secret, ssl.key.pem, ssl_key (the PEM itself), tokens.
    static const char *const words[] = {"password", "secret", "sasl.jaas", "token", "credential"};
    for (const char *w : words)
        if (k.contains(QLatin1String(w)))
            return true;
    const QStringList parts = k.split(QRegularExpression(QStringLiteral("[._-]")));
    return parts.contains(QStringLiteral("key"));
}

std::vector<std::pair<QString, QString>> WatchConfig::redacted() const
{
    std::vector<std::pair<QString, QString>> out;
    out.reserve(properties.size());
    for (const auto &[key, value] : properties)
        out.emplace_back(key, isSecret(key) ? QStringLiteral("***") : value);
    return out;
}

QString WatchConfig::describe() const
{
    QStringList parts;
    for (const auto &[key, value] : redacted())
        parts << key + u'=' + value;
    return parts.join(QStringLiteral(", "));
}

} // namespace postoffice::app
