using Keyhold.Kmip;
using Keyhold.Kmip.Xml;

namespace Keyhold.Tests.Kmip.Conformance;

/// <summary>The outcome of one replayed file: passed, or the exchange (1-based) and the first difference.</summary>
public sealed record VectorResult(VectorFile File, bool Passed, int Exchange, string? Failure)
{
    public override string ToString() => Passed ? $"PASS {File.Name}" : $"FAIL {File.Name} exchange {Exchange}: {Failure}";
}

/// <summary>
/// Replays OASIS test case files against a live KMIP server: each request's placeholders are filled, the XML becomes
/// TTLV and is sent on one connection per file; each answer is decoded and compared with the expected response
/// (<see cref="ResponseMatcher"/>). A profile's files run in order, so later files find what earlier ones left.
/// </summary>
public sealed class VectorReplayer(Func<CancellationToken, Task<KmipRawConnection>> connect)
{
    private static readonly HashSet<string> Generating = new(["Create", "CreateKeyPair", "ReKey", "ReKeyKeyPair", "DeriveKey"], StringComparer.Ordinal);
    private static readonly int[] IdentifierTags = [Tag("UniqueIdentifier"), Tag("PrivateKeyUniqueIdentifier"), Tag("PublicKeyUniqueIdentifier")];

    public async Task<IReadOnlyList<VectorResult>> ReplayProfileAsync(IEnumerable<VectorFile> files, CancellationToken ct = default)
    {
        var results = new List<VectorResult>();
        // A profile's files share the server: a key TL-M-2 created is still the server's own when TL-M-3 gets it.
        var generated = new HashSet<string>(StringComparer.Ordinal);
        foreach (VectorFile file in files)
        {
            results.Add(await ReplayAsync(file, generated, ct));
        }
        return results;
    }

    public Task<VectorResult> ReplayAsync(VectorFile file, CancellationToken ct = default) =>
        ReplayAsync(file, new HashSet<string>(StringComparer.Ordinal), ct);

    private async Task<VectorResult> ReplayAsync(VectorFile file, HashSet<string> generated, CancellationToken ct)
    {
        var placeholders = new Placeholders();
        KmipRawConnection? connection = null;
        try
        {
            for (int i = 0; i < file.Exchanges.Count; i++)
            {
                (var requestXml, var responseXml) = file.Exchanges[i];
                try
                {
                    TtlvNode request = placeholders.Fill(KmipXmlReader.Read(requestXml, allowPlaceholders: true));
                    TtlvNode expected = KmipXmlReader.Read(responseXml, allowPlaceholders: true);
                    connection ??= await connect(ct);
                    byte[] answer = await connection.ExchangeAsync(request.ToTtlv(), ct);
                    TtlvNode actual = TtlvNode.FromTtlv(answer);
                    // Before comparing: a batch may create a key and get it in the same message.
                    RememberGenerated(request, actual, generated);
                    string? difference = ResponseMatcher.Compare(expected, actual, placeholders, generated.Contains);
                    if (difference is not null)
                    {
                        return new VectorResult(file, false, i + 1, difference);
                    }
                }
                catch (Exception e) when (e is ReplayException or KmipException or IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException or System.Net.Sockets.SocketException)
                {
                    return new VectorResult(file, false, i + 1, $"{e.GetType().Name}: {e.Message}");
                }
            }
            return new VectorResult(file, true, file.Exchanges.Count, null);
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Objects made by Create and its kin: their material and digest are the server's own to choose.</summary>
    private static void RememberGenerated(TtlvNode request, TtlvNode response, HashSet<string> generated)
    {
        var requests = request.Children.Where(c => c.Tag == Tag("BatchItem")).ToArray();
        var responses = response.Children.Where(c => c.Tag == Tag("BatchItem")).ToArray();
        foreach ((TtlvNode asked, TtlvNode answered) in requests.Zip(responses))
        {
            TtlvNode? operation = asked.Find(Tag("Operation"));
            if (operation is null || KmipNames.EnumName(operation.Tag, (uint)operation.Value!) is not { } name || !Generating.Contains(name))
            {
                continue;
            }
            foreach (TtlvNode id in answered.Find(Tag("ResponsePayload"))?.Children.Where(c => IdentifierTags.Contains(c.Tag)) ?? [])
            {
                generated.Add((string)id.Value!);
            }
        }
    }

    private static int Tag(string name) => KmipNames.TryGetTag(name, out int tag) ? tag : throw new InvalidOperationException(name);
}
