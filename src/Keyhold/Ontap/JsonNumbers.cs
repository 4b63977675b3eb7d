using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Ontap;

/// <summary>Integer reading that works for parsed JSON and for values built in code as int, long, uint, short or double.</summary>
internal static class JsonNumbers
{
    public static bool TryGetInt64(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
            return false;
        if (v.TryGetValue(out value))
            return true;
        if (v.TryGetValue(out int i))
        {
            value = i;
            return true;
        }

        // Other CLR number types: their JSON text is an integer (possibly written as 5.0 or 5e0) or it is not.
        var text = v.ToJsonString();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            return true;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d != Math.Floor(d) || Math.Abs(d) > 9e15)
            return false;
        value = (long)d;
        return true;
    }
}
