namespace Keyhold.Ontap;

/// <summary>ONTAP <c>*</c> wildcard matching (greedy, anywhere, case-insensitive) without regex.</summary>
internal static class Wildcard
{
    public static bool IsMatch(string text, string pattern)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
            return text.Equals(pattern, StringComparison.OrdinalIgnoreCase);
        var first = parts[0];
        var last = parts[^1];
        if (text.Length < first.Length + last.Length
            || !text.StartsWith(first, StringComparison.OrdinalIgnoreCase)
            || !text.EndsWith(last, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Middle parts must appear in order between the fixed prefix and suffix; the leftmost match is always safe.
        var position = first.Length;
        var end = text.Length - last.Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            if (parts[i].Length == 0)
                continue;
            var found = text.IndexOf(parts[i], position, end - position, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
                return false;
            position = found + parts[i].Length;
        }

        return true;
    }
}
