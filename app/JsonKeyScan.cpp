#include "JsonKeyScan.h"

#include "JsonPath.h"

#include <optional>

namespace postoffice::app {

namespace {

struct Frame
{
    bool object = false;
    QString path;
    qsizetype index = 0;   // arrays: the element being read
    bool expectKey = true; // objects: the next string is a key (after '{' or ',')
    QString key;           // objects: the member being read
    QHash<QString, qsizetype> seen;
    QStringList order;
};

std::optional<char16_t> hex4(const char *p)
{
    char16_t value = 0;
    for (int k = 0; k < 4; ++k) {
        const char c = p[k];
        int digit = 0;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return std::nullopt;
        value = char16_t(value * 16 + digit);
    }
    return value;
}

// Decodes the string whose opening quote is at `i` and leaves `i` past its closing quote. A
// \uXXXX escape yields one UTF-16 unit, so an escaped surrogate pair becomes the character it
// encodes, as in QJsonDocument.
QString readString(const char *data, qsizetype size, qsizetype &i)
{
    QString text;
    ++i; // the opening quote
    while (i < size) {
        const char c = data[i];
        if (c == '"') {
            ++i;
            break;
        }
        if (c != '\\') {
            // Up to the next quote or backslash: ASCII bytes, so no UTF-8 sequence is cut.
            qsizetype end = i;
            while (end < size && data[end] != '"' && data[end] != '\\')
                ++end;
            text += QString::fromUtf8(data + i, end - i);
            i = end;
            continue;
        }
        if (i + 1 >= size) {
            i = size;
            break;
        }
        const char escaped = data[i + 1];
        i += 2;
        switch (escaped) {
        case 'b':
            text += u'\b';
            break;
        case 'f':
            text += u'\f';
            break;
        case 'n':
            text += u'\n';
            break;
        case 'r':
            text += u'\r';
            break;
        case 't':
            text += u'\t';
            break;
        case 'u':
            if (i + 4 <= size) {
                if (const auto unit = hex4(data + i)) {
                    text += QChar(*unit);
                    i += 4;
                }
            }
            break;
        default: // \" \\ \/ stand for themselves
            text += QLatin1Char(escaped);
            break;
        }
    }
    return text;
}

} // namespace

JsonKeyScan JsonKeyScan::scan(const QByteArray &json)
{
    JsonKeyScan result;
    std::vector<Frame> stack;
    const char *data = json.constData();
    const qsizetype size = json.size();
    qsizetype i = 0;
    while (i < size) {
        switch (data[i]) {
        case '{':
        case '[': {
            Frame frame;
            frame.object = data[i] == '{';
            if (stack.empty())
                frame.path = JsonPath::Root;
            else if (stack.back().object)
                frame.path = JsonPath::member(stack.back().path, stack.back().key);
            else
                frame.path = JsonPath::element(stack.back().path, stack.back().index);
            stack.push_back(std::move(frame));
            ++i;
            break;
        }
        case '}':
        case ']':
            if (!stack.empty()) {
                if (stack.back().object)
                    result.m_keys.insert(stack.back().path, stack.back().order);
                stack.pop_back();
            }
            ++i;
            break;
        case ',':
            if (!stack.empty()) {
                stack.back().expectKey = true;
                ++stack.back().index;
            }
            ++i;
            break;
        case '"': {
            const qsizetype start = i;
            QString text = readString(data, size, i);
            if (stack.empty() || !stack.back().object || !stack.back().expectKey)
                break; // a string value
            Frame &frame = stack.back();
            frame.expectKey = false;
            const auto seen = frame.seen.constFind(text);
            if (seen != frame.seen.constEnd()) {
                result.m_duplicates.push_back(
                    {JsonPath::member(frame.path, text), text, start, seen.value()});
            } else {
                frame.seen.insert(text, start);
                frame.order << text;
            }
            frame.key = std::move(text);
            break;
        }
        default: // white space, ':', numbers, true/false/null
            ++i;
            break;
        }
    }
    return result;
}

} // namespace postoffice::app
