using System.Net;
using System.Net.Sockets;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Hosting;

/// <summary>
/// README's first command leaves a node on the default address (127.0.0.1:8443) while its second runs the tests. The
/// in-process test host binds no port, so a taken default port must not stop it: it did, and every in-process test
/// failed with "The entry point exited without ever building an IHost".
/// </summary>
public sealed class DefaultPortTakenTests
{
    [Fact]
    public async Task An_in_process_node_starts_while_the_default_port_is_taken()
    {
        // Taken by this test, or already by something else (a node of README's first command): either way, taken.
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            holder.Bind(new IPEndPoint(IPAddress.Loopback, 8443));
            holder.Listen();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
        }

        using var factory = new KeyholdFactory();
        using var admin = factory.Admin();
        var cluster = await admin.GetJsonAsync("/api/cluster?fields=uuid");

        cluster.AssertStatus(HttpStatusCode.OK);
        var stored = StoreProbe.Rows(factory.DataDir, "SELECT name FROM users").Select(r => (string)r[0]!);
        Assert.Contains("admin", stored);
    }
}
