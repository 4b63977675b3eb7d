using System.Globalization;
using System.Text;

namespace Keyhold.Hosting.Observability;

/// <summary>
/// Escapes control characters in logged text: a request path with %0A decodes to a line feed, which must not let a
/// client forge a log line. Unicode line and paragraph separators are escaped too, as some viewers break on them.
/// </summary>
public static class LogEscaping
{
    public static string Escape(string text)
    {
        if (!NeedsEscape(text))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\\': builder.Append("\\\\"); break;
                default:
                    if (IsEscaped(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.ToString();
    }

    private static bool NeedsEscape(string text)
    {
        foreach (var c in text)
        {
            if (c == '\\' || c == '\t' || IsEscaped(c))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsEscaped(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
