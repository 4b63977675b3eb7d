using System.Runtime.CompilerServices;
using System.Text;

namespace Keyhold.Storage;

/// <summary>
/// Keyhold's SQL names its parameters (<c>@name</c>), which both stores accept. Npgsql turns them into PostgreSQL's
/// <c>$1</c>, <c>$2</c>, ... by parsing the SQL text of every command it runs, prepared or not (SqlQueryParser was the
/// node's costliest Npgsql frame under volume POST load); a command whose parameters have no names is sent as it is.
/// So on PostgreSQL the translation is done here, once per SQL text (kept while the text is alive, keyed by reference:
/// the repositories' SQL is constant), and the values are bound by position. Text this simple scanner does not fully
/// understand (comments, dollar quoting, several statements, escapes) is left to Npgsql.
/// </summary>
internal static class PositionalSql
{
    internal sealed record Translated(string Sql, string[] Names);

    private static readonly Translated NotTranslated = new("", []);
    private static readonly ConditionalWeakTable<string, Translated> Known = new();

    /// <summary><paramref name="sql"/> with <c>$n</c> for each distinct <c>@name</c> (in order of first use), or null when left to Npgsql.</summary>
    public static Translated? Of(string sql)
    {
        var translated = Known.GetValue(sql, Translate);
        return ReferenceEquals(translated, NotTranslated) ? null : translated;
    }

    /// <summary>
    /// The values of <paramref name="names"/> in order, from <paramref name="parameters"/> (name, value); null unless each
    /// parameter is used and each name given exactly once (PostgreSQL refuses a value it has no placeholder for).
    /// </summary>
    public static object?[]? Values(string[] names, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        if (names.Length != parameters.Count)
        {
            return null;
        }
        var values = new object?[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var found = false;
            for (var j = 0; j < parameters.Count && !found; j++)
            {
                if (string.Equals(parameters[j].Name, names[i], StringComparison.Ordinal))
                {
                    values[i] = parameters[j].Value;
                    found = true;
                }
            }
            if (!found)
            {
                return null;
            }
        }
        return values;
    }

    private static Translated Translate(string sql)
    {
        var names = new List<string>();
        var text = new StringBuilder(sql.Length + 8);
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            if (c is '\'' or '"')
            {
                // A literal or quoted name, copied as it is ('it''s' is two adjacent pieces, copied alike).
                var end = sql.IndexOf(c, i + 1);
                if (end < 0)
                {
                    return NotTranslated;
                }
                text.Append(sql, i, end - i + 1);
                i = end;
            }
            else if (c is '$' or ';' or '\\' or '?' || (c == '-' && next == '-') || (c == '/' && next == '*'))
            {
                return NotTranslated;
            }
            else if (c == '@')
            {
                var end = i + 1;
                while (end < sql.Length && (char.IsAsciiLetterOrDigit(sql[end]) || sql[end] == '_'))
                {
                    end++;
                }
                if (end == i + 1 || char.IsAsciiDigit(sql[i + 1]))
                {
                    return NotTranslated; // an operator (@>, @@), not a parameter
                }
                var name = sql[i..end];
                var index = names.IndexOf(name);
                if (index < 0)
                {
                    names.Add(name);
                    index = names.Count - 1;
                }
                text.Append('$').Append(index + 1);
                i = end - 1;
            }
            else
            {
                text.Append(c);
            }
        }
        return new Translated(text.ToString(), [.. names]);
    }
}
