using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Xml;

namespace Keyhold.Tests.Kmip.Conformance;

/// <summary>
/// Compares a server's response with the test case's expected one. Free, as the OASIS notes allow: date-times (time
/// stamps), placeholders (identifiers, server-chosen data: captured the first time, repeated after), the free-text
/// ResultMessage, and the material of keys the server generated itself (the byte strings and big integers of their
/// KeyValue, and their Digest value, which no two servers share). Two answers describe the server itself rather than
/// the objects, and are compared for what a profile requires of them: a Query answer must list at least the operations
/// and object types expected (a server may support more, in its own order) and some vendor identification and server
/// information; the value of a Random Number Generator attribute names the server's own generator (the test cases'
/// server used ANSI X9.31, which NIST withdrew; claiming it would be false), so only its presence is checked.
/// Everything else must be equal and in the same order: tags, types, values, result status and reason, and which
/// attributes come back.
/// </summary>
public static class ResponseMatcher
{
    private static readonly int ResultMessage = Tag("ResultMessage");
    private static readonly int KeyValue = Tag("KeyValue");
    private static readonly int DigestValue = Tag("DigestValue");
    private static readonly int BatchItem = Tag("BatchItem");
    private static readonly int ResponsePayload = Tag("ResponsePayload");
    private static readonly int UniqueIdentifier = Tag("UniqueIdentifier");
    private static readonly int Attribute = Tag("Attribute");
    private static readonly int AttributeName = Tag("AttributeName");
    private static readonly int AttributeValue = Tag("AttributeValue");
    private static readonly int Operation = Tag("Operation");
    private static readonly int VendorIdentification = Tag("VendorIdentification");
    private static readonly int ServerInformation = Tag("ServerInformation");
    private static readonly uint QueryOperation = KmipNames.TryGetEnumValue(Tag("Operation"), "Query", out uint q) ? q : throw new InvalidOperationException();

    /// <summary>The first difference, as a path and what differs; null when the response matches.</summary>
    /// <param name="generated">Whether a unique identifier names an object the server generated (Create, Create Key Pair).</param>
    public static string? Compare(TtlvNode expected, TtlvNode actual, Placeholders placeholders, Func<string, bool> generated) =>
        Compare(expected, actual, new Context(placeholders, generated, false, false), Label(expected));

    private sealed record Context(Placeholders Placeholders, Func<string, bool> Generated, bool GeneratedObject, bool MaterialFree, bool Query = false);

    private static string? Compare(TtlvNode expected, TtlvNode actual, Context context, string path)
    {
        if (expected.Tag != actual.Tag)
        {
            return $"{path}: expected {Label(expected)}, got {Label(actual)}";
        }
        if (expected.Type != actual.Type)
        {
            return $"{path}: expected type {expected.Type}, got {actual.Type}";
        }
        if (expected.Placeholder is { } name)
        {
            string? mismatch = context.Placeholders.Match(name, actual);
            return mismatch is null ? null : $"{path}: {mismatch}";
        }
        if (expected.Type != TtlvType.Structure)
        {
            bool free = expected.Type is TtlvType.DateTime or TtlvType.DateTimeExtended
                || (context.MaterialFree && expected.Type is TtlvType.ByteString or TtlvType.BigInteger)
                || (context.GeneratedObject && expected.Tag == DigestValue);
            return free || expected.SameValue(actual) ? null : $"{path}: expected {Placeholders.Show(expected)}, got {Placeholders.Show(actual)}";
        }

        if (expected.Tag == BatchItem)
        {
            string? uid = actual.Find(ResponsePayload)?.Find(UniqueIdentifier)?.Value as string;
            context = context with
            {
                GeneratedObject = uid is not null && context.Generated(uid),
                MaterialFree = false,
                Query = expected.Find(Operation)?.Value is uint op && op == QueryOperation,
            };
        }
        else if (expected.Tag == ResponsePayload && context.Query)
        {
            return CompareQuery(expected, actual, context, path);
        }
        else if (expected.Tag == Attribute && expected.Find(AttributeName)?.Value is "Random Number Generator")
        {
            return actual.Find(AttributeName)?.Value is "Random Number Generator" && actual.Find(AttributeValue) is not null
                ? null
                : $"{path}: expected a Random Number Generator attribute with a value";
        }
        else if (expected.Tag == KeyValue && context.GeneratedObject)
        {
            context = context with { MaterialFree = true };
        }

        TtlvNode[] want = expected.Children.Where(c => c.Tag != ResultMessage).ToArray();
        TtlvNode[] got = actual.Children.Where(c => c.Tag != ResultMessage).ToArray();
        for (int i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            if (i >= want.Length)
            {
                return $"{path}: unexpected {Label(got[i])} after the {want.Length} expected items";
            }
            if (i >= got.Length)
            {
                return $"{path}: missing {Label(want[i])} (got {string.Join(", ", got.Select(Label))})";
            }
            string? difference = Compare(want[i], got[i], context, $"{path}/{Label(want[i])}");
            if (difference is not null)
            {
                return difference;
            }
        }
        return null;
    }

    /// <summary>A Query answer: every expected item somewhere in the answer; vendor and server information only present.</summary>
    private static string? CompareQuery(TtlvNode expected, TtlvNode actual, Context context, string path)
    {
        foreach (TtlvNode want in expected.Children)
        {
            bool found = want.Tag == VendorIdentification || want.Tag == ServerInformation
                ? actual.Find(want.Tag) is not null
                : actual.Children.Any(got => Compare(want, got, context with { Query = false }, path) is null);
            if (!found)
            {
                return $"{path}: the Query answer lacks {Label(want)} {(want.Type == TtlvType.Structure ? "" : Placeholders.Show(want))}".TrimEnd();
            }
        }
        return null;
    }

    /// <summary>A tag by name; an Attribute with its name, so paths read "ResponsePayload/Attribute[Digest]".</summary>
    private static string Label(TtlvNode node) =>
        node.Tag == Attribute && node.Find(AttributeName)?.Value is string a
            ? $"Attribute[{a}]"
            : KmipNames.TagName(node.Tag) ?? $"0x{node.Tag:X6}";

    private static int Tag(string name) => KmipNames.TryGetTag(name, out int tag) ? tag : throw new InvalidOperationException(name);
}
