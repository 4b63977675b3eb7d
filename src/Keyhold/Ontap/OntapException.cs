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

    /// <summary>How much of a value an error message quotes: enough to recognise it, never a client's megabytes back.</summary>
    public const int QuotedValueLimit = 64;

    private static string Format(string template, object[] args) =>
        args is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, template, [.. args.Select(Shorten)]) : template;

    private static object Shorten(object arg) =>
        arg is string { Length: > QuotedValueLimit } text ? string.Concat(text.AsSpan(0, QuotedValueLimit), "...") : arg;
}
