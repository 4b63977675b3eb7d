using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Hostile;

/// <summary>
/// Issue 11 row 5: the refusals the server and routing layers make themselves carry ONTAP's error envelope. Raw bytes
/// over TLS to a real `keyhold serve`, so nothing in between (HttpClient, TestServer) can tidy the request or answer.
/// </summary>
public sealed class KestrelRefusalTests(KestrelRefusalTests.Server server) : IClassFixture<KestrelRefusalTests.Server>
{
    public sealed class Server : IDisposable
    {
        public KeyholdProcess Process { get; } = new();

        public void Dispose() => Process.Dispose();
    }

    private static readonly string Auth = "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + KeyholdFactory.AdminPassword)) + "\r\n";

    [Theory]
    [InlineData("GET /nothere HTTP/1.1", 404, "3")]
    [InlineData("GET /favicon.ico HTTP/1.1", 404, "3")]
    [InlineData("GET /api/no/such/route HTTP/1.1", 404, "3")]
    [InlineData("PUT /api/cluster/nodes HTTP/1.1", 405, "5")]
    public async Task Routing_refusals_carry_the_envelope(string requestLine, int status, string code)
    {
        var (gotStatus, body) = await SendAsync(requestLine + "\r\nHost: localhost\r\n" + Auth + "Content-Length: 0\r\n\r\n");
        AssertEnvelope(status, code, gotStatus, body);
    }

    [Fact]
    public async Task A_uri_too_long_gets_414_in_the_envelope()
    {
        var (status, body) = await SendAsync($"GET /api/cluster?name={new string('a', 10_000)} HTTP/1.1\r\nHost: localhost\r\n{Auth}\r\n");
        AssertEnvelope(414, "262191", status, body);
    }

    [Fact]
    public async Task Headers_too_large_get_431_in_the_envelope()
    {
        var (status, body) = await SendAsync($"GET /api/cluster HTTP/1.1\r\nHost: localhost\r\n{Auth}X-Filler: {new string('a', 40_000)}\r\n\r\n");
        AssertEnvelope(431, "262192", status, body);
    }

    [Fact]
    public async Task A_body_too_large_gets_413_in_the_envelope_and_nothing_is_stored()
    {
        // Only the headers are sent: the size is refused from Content-Length before the body is read.
        var (status, body) = await SendAsync($"POST /api/svm/svms HTTP/1.1\r\nHost: localhost\r\n{Auth}Content-Type: application/json\r\nContent-Length: 52428800\r\n\r\n");
        AssertEnvelope(413, "262190", status, body);
        using var client = server.Process.Client();
        var svms = JsonNode.Parse(await client.GetStringAsync("/api/svm/svms"))!;
        Assert.Equal(0, (int)svms["num_records"]!);
    }

    [Fact]
    public async Task Ordinary_requests_still_pass_the_limits()
    {
        var (status, body) = await SendAsync($"GET /api/cluster HTTP/1.1\r\nHost: localhost\r\n{Auth}X-Filler: {new string('a', 20_000)}\r\n\r\n");
        Assert.Equal(200, status);
        Assert.NotNull(JsonNode.Parse(body)!["uuid"]);
    }

    private static void AssertEnvelope(int wantedStatus, string code, int status, string body)
    {
        Assert.Equal(wantedStatus, status);
        var error = JsonNode.Parse(body)!["error"]!;
        Assert.Equal(code, (string?)error["code"]);
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
    }

    /// <summary>Sends <paramref name="request"/> as is and reads one response: status line, headers, Content-Length bytes.</summary>
    private async Task<(int Status, string Body)> SendAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", server.Process.Port);
        // The process's self-signed certificate: the identity is not what these tests check.
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => certificate is not null);
        await tls.AuthenticateAsClientAsync("localhost");
        await tls.WriteAsync(Encoding.ASCII.GetBytes(request));
        await tls.FlushAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var received = new List<byte>();
        var chunk = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOf(received, "\r\n\r\n"u8.ToArray())) < 0)
        {
            var read = await tls.ReadAsync(chunk, timeout.Token);
            Assert.True(read > 0, "connection closed before the response headers");
            received.AddRange(chunk.AsSpan(0, read));
        }
        var head = Encoding.ASCII.GetString(received.GetRange(0, headerEnd).ToArray());
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var length = head.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var bodyStart = headerEnd + 4;
        while (received.Count - bodyStart < length)
        {
            var read = await tls.ReadAsync(chunk, timeout.Token);
            Assert.True(read > 0, "connection closed inside the body");
            received.AddRange(chunk.AsSpan(0, read));
        }
        return (status, Encoding.UTF8.GetString(received.GetRange(bodyStart, length).ToArray()));
    }

    private static int IndexOf(List<byte> data, byte[] pattern) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(data).IndexOf(pattern);
}
