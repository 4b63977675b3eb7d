using System.Globalization;
using System.Text.RegularExpressions;
using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Xml;

namespace Keyhold.Tests.Kmip.Conformance;

/// <summary>
/// The OASIS test cases' placeholders (test/kmip-vectors/README.md): <c>$NOW</c> and <c>$NOW-3600</c> are the clock
/// plus or minus seconds; any other <c>$NAME</c> is a value a response chose (an identifier, server-made data) that later
/// requests send back and later responses must repeat. One instance per replayed file.
/// </summary>
public sealed partial class Placeholders
{
    private readonly Dictionary<string, TtlvNode> _captured = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public Placeholders(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

    public static bool IsTime(string placeholder) => NowPattern().IsMatch(placeholder);

    /// <summary>The request with every placeholder replaced; a name no response has given yet is an error.</summary>
    public TtlvNode Fill(TtlvNode node)
    {
        if (node.Placeholder is { } name)
        {
            Match now = NowPattern().Match(name);
            if (now.Success)
            {
                long offset = now.Groups[1].Success ? long.Parse(now.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
                return new TtlvNode(node.Tag, node.Type, _clock.GetUtcNow().AddSeconds(offset));
            }
            if (!_captured.TryGetValue(name, out TtlvNode? value))
            {
                throw new ReplayException($"the request sends {name} before any response gave it");
            }
            if (value.Type != node.Type)
            {
                throw new ReplayException($"{name} was a {value.Type} and is sent as a {node.Type}");
            }
            return new TtlvNode(node.Tag, node.Type, value.Value);
        }
        return node.Children.Count == 0 ? node : node.WithChildren(node.Children.Select(Fill).ToArray());
    }

    /// <summary>
    /// Checks a response value against a placeholder: the same value it had before, or, the first time, a value no
    /// other placeholder of its family holds (two different identifiers cannot be one object). Null when it matches.
    /// </summary>
    public string? Match(string name, TtlvNode actual)
    {
        if (IsTime(name))
        {
            return null;
        }
        if (_captured.TryGetValue(name, out TtlvNode? known))
        {
            return known.SameValue(actual) ? null : $"{name} was {Show(known)}, now {Show(actual)}";
        }
        string family = name.TrimEnd("0123456789".ToCharArray());
        foreach ((string other, TtlvNode value) in _captured)
        {
            if (other.TrimEnd("0123456789".ToCharArray()) == family && value.SameValue(actual))
            {
                return $"{name} is {Show(actual)}, which is already {other}";
            }
        }
        _captured[name] = actual;
        return null;
    }

    public bool TryGet(string name, out TtlvNode? value) => _captured.TryGetValue(name, out value);

    /// <summary>A value for a message: never the bytes of a byte string, which may be key material.</summary>
    public static string Show(TtlvNode node) => node.Value switch
    {
        byte[] b => $"<{b.Length} bytes>",
        string s => $"\"{s}\"",
        null => node.Placeholder ?? "(structure)",
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        uint u when node.Type == TtlvType.Enumeration => KmipXmlWriter.Write(node).Attribute("value")!.Value,
        object o => Convert.ToString(o, CultureInfo.InvariantCulture) ?? "",
    };

    [GeneratedRegex(@"^\$NOW([-+]\d+)?$")]
    private static partial Regex NowPattern();
}

public sealed class ReplayException(string message) : Exception(message);
