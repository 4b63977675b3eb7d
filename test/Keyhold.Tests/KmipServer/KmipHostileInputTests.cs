using System.Buffers.Binary;
using Keyhold.Kmip;
using Keyhold.Kmip.Codec;
using Keyhold.KmipServer;

namespace Keyhold.Tests.KmipServer;

/// <summary>Bounded lengths, frame limit, idle timeout and connection cap: hostile input costs a connection, never the server.</summary>
public sealed class KmipHostileInputTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_oversized_frame_closes_its_connection_before_the_body_is_read_and_the_server_keeps_serving()
    {
        await using var server = await KmipServerHarness.StartAsync();
        var options = server.Options("alice");
        await using (var raw = await RawKmipConnection.OpenAsync(options))
        {
            byte[] header = [0x42, 0x00, 0x78, 0x01, 0x7F, 0xFF, 0xFF, 0xF8];
            await raw.SendAsync(header);
            Assert.Null(await raw.ReceiveAsync(Wait));
        }

        await using var client = new KmipClient(options);
        Assert.NotEmpty(await client.DiscoverVersionsAsync());
    }

    [Fact]
    public async Task A_malformed_message_within_a_good_frame_gets_invalid_message_and_the_connection_stays_usable()
    {
        await using var server = await KmipServerHarness.StartAsync();
        await using var raw = await RawKmipConnection.OpenAsync(server.Options("alice"));
        // A RequestMessage structure whose child declares more bytes than remain.
        byte[] bad = [0x42, 0x00, 0x78, 0x01, 0, 0, 0, 16, 0x42, 0x00, 0x77, 0x01, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        await raw.SendAsync(bad);
        byte[] answer = (await raw.ReceiveAsync(Wait))!;
        var item = TtlvElement.Parse(answer).Required(KmipTag.BatchItem);
        Assert.Equal((uint)ResultStatus.OperationFailed, item.Required(KmipTag.ResultStatus).GetEnumeration());
        Assert.Equal((uint)ResultReason.InvalidMessage, item.Required(KmipTag.ResultReason).GetEnumeration());

        // Random frames of the right shape: every one answered or the connection closed, never a hang.
        var random = new Random(9);
        for (int i = 0; i < 200; i++)
        {
            byte[] body = new byte[8 * random.Next(0, 40)];
            random.NextBytes(body);
            byte[] frame = new byte[8 + body.Length];
            frame[0] = 0x42; frame[1] = 0x00; frame[2] = 0x78; frame[3] = 0x01;
            BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(4), body.Length);
            body.CopyTo(frame, 8);
            await raw.SendAsync(frame);
            Assert.NotNull(await raw.ReceiveAsync(Wait));
        }
    }

    [Fact]
    public async Task Idle_connections_are_closed_and_connections_beyond_the_cap_are_refused()
    {
        var factorySettings = new Dictionary<string, string> { ["Keyhold:Kmip:IdleTimeout"] = "00:00:01", ["Keyhold:Kmip:MaxConnections"] = "2" };
        await using var server = await KmipServerHarness.StartAsync(settings: factorySettings);
        var options = server.Options("alice");
        await using var first = await RawKmipConnection.OpenAsync(options);
        await using var second = await RawKmipConnection.OpenAsync(options);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var third = await RawKmipConnection.OpenAsync(options);
            Assert.Null(await third.ReceiveAsync(Wait));
            throw new IOException("closed");
        });
        Assert.True(server.Factory.Service<KmipListenerState>().Refused >= 1);

        // Both idle connections are closed by the server within a few idle timeouts.
        Assert.Null(await first.ReceiveAsync(Wait));
        Assert.Null(await second.ReceiveAsync(Wait));
        await using var client = new KmipClient(options);
        Assert.NotEmpty(await client.DiscoverVersionsAsync());
    }
}
