using System.Globalization;

namespace Keyhold.Ontap;

/// <summary>An error that reaches the client as the ONTAP envelope <c>{"error":{"message","code","target"}}</c>.</summary>
public sealed class OntapException(OntapError error, string? target = null, params object[] args)
    : Exception(Format(error.Message, args))
{
    public OntapError Error { get; } = error;

    public int Status => Error.Status;

    public string Code => Error.Code;

    /// <summary>The field or parameter the error is about (omitted from the envelope when null).</summary>
    public string? Target { get; } = target;

    /// <summary>How much of a quoted value an error message repeats: enough to recognise it, never a client's megabytes back.</summary>
    public const int QuotedValueLimit = 64;

    /// <summary>
    /// Fills the template. An argument the template quotes (<c>"{0}"</c>) is a value as received and is cut to
    /// <see cref="QuotedValueLimit"/>; unquoted arguments are Keyhold's own text (a reason, a list of keys) and stay whole.
    /// </summary>
    private static string Format(string template, object[] args)
    {
        if (args is not { Length: > 0 })
        {
            return template;
        }
        var shown = new object[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            shown[i] = args[i] is string { Length: > QuotedValueLimit } text && template.Contains($"\"{{{i}}}\"", StringComparison.Ordinal)
                ? string.Concat(text.AsSpan(0, QuotedValueLimit), "...")
                : args[i];
        }
        return string.Format(CultureInfo.InvariantCulture, template, shown);
    }
}
