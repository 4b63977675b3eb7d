using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Keyhold.Kmip;
using Keyhold.Kmip.Fuzz;
using Keyhold.Kmip.Xml;

namespace Keyhold.Tests.KmipServer;

/// <summary>
/// Throws mutated and random TTLV frames at a KMIP listener over mutually authenticated TLS, from several connections
/// at once. Most frames carry a consistent outer header (so the server reads a whole message and must answer it or
/// close); one in sixteen is sent as mutated, header and all, followed by TLS close_notify (so a frame that promises
/// more bytes than it has ends in end-of-stream, not a wait). Every frame must end, within the deadline, in an answer
/// that decodes as TTLV or in a closed connection: anything else is a hang.
/// </summary>
public sealed class ListenerFuzz(string host, int port, X509Certificate2 clientCertificate, X509Certificate2 trustedCa, TimeSpan deadline)
{
    public sealed record Report(long Frames, long Answered, long Closed, IReadOnlyList<string> Hangs, IReadOnlyList<string> BadAnswers, TimeSpan Elapsed);

    public async Task<Report> RunAsync(int seed, long frames, int connections, IReadOnlyList<byte[]> seeds, CancellationToken ct = default)
    {
        long answered = 0, closed = 0, next = -1;
        var hangs = new List<string>();
        var bad = new List<string>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var mutator = new TtlvMutator(seed * 1000 + worker, seeds);
            var random = new Random(seed * 1000 + worker);
            SslStream? tls = null;
            try
            {
                while (Interlocked.Increment(ref next) < frames && !ct.IsCancellationRequested)
                {
                    bool raw = random.Next(16) == 0;
                    byte[] frame = raw ? mutator.Next() : Framed(mutator.Next());
                    tls ??= await ConnectAsync(ct);
                    Outcome outcome = await SendAsync(tls, frame, raw, ct);
                    switch (outcome.Kind)
                    {
                        case OutcomeKind.Answered:
                            Interlocked.Increment(ref answered);
                            break;
                        case OutcomeKind.Closed:
                            Interlocked.Increment(ref closed);
                            break;
                        case OutcomeKind.Hang:
                            lock (hangs) { hangs.Add($"worker {worker} (seed {seed}): {Convert.ToHexString(frame.AsSpan(0, Math.Min(64, frame.Length)))}"); }
                            break;
                        default:
                            lock (bad) { bad.Add($"worker {worker}: {outcome.Detail}"); }
                            break;
                    }
                    if (raw || outcome.Kind != OutcomeKind.Answered)
                    {
                        await tls.DisposeAsync();
                        tls = null;
                    }
                }
            }
            finally
            {
                if (tls is not null)
                {
                    await tls.DisposeAsync();
                }
            }
        }, ct)));
        return new Report(Math.Min(frames, next), answered, closed, hangs, bad, clock.Elapsed);
    }

    /// <summary>The frame under a well-formed RequestMessage header whose length is exactly what follows (padded to 8).</summary>
    private static byte[] Framed(byte[] mutated)
    {
        int body = Math.Max(0, mutated.Length - 8);
        int padded = (body + 7) & ~7;
        byte[] frame = new byte[8 + padded];
        mutated.AsSpan(Math.Min(8, mutated.Length)).CopyTo(frame.AsSpan(8));
        frame[0] = 0x42; frame[1] = 0x00; frame[2] = 0x78; frame[3] = 0x01;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(4), padded);
        return frame;
    }

    private enum OutcomeKind { Answered, Closed, Hang, BadAnswer }

    private sealed record Outcome(OutcomeKind Kind, string? Detail = null);

    private async Task<Outcome> SendAsync(SslStream tls, byte[] frame, bool raw, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(deadline);
        try
        {
            await tls.WriteAsync(frame, timeout.Token);
            if (raw)
            {
                await tls.ShutdownAsync();
            }
            byte[] header = new byte[8];
            int read = await tls.ReadAtLeastAsync(header, 8, throwOnEndOfStream: false, timeout.Token);
            if (read < 8)
            {
                return new Outcome(OutcomeKind.Closed);
            }
            int length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
            if (length is < 0 or > 16 * 1024 * 1024)
            {
                return new Outcome(OutcomeKind.BadAnswer, $"answer declares {length} bytes");
            }
            byte[] answer = new byte[8 + length];
            header.CopyTo(answer, 0);
            await tls.ReadExactlyAsync(answer.AsMemory(8), timeout.Token);
            try
            {
                TtlvNode.FromTtlv(answer);
                return new Outcome(OutcomeKind.Answered);
            }
            catch (KmipException e)
            {
                return new Outcome(OutcomeKind.BadAnswer, "answer is not TTLV: " + e.Message);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Outcome(OutcomeKind.Hang);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or EndOfStreamException)
        {
            return new Outcome(OutcomeKind.Closed);
        }
    }

    private async Task<SslStream> ConnectAsync(CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(host, port, ct);
                var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
                var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
                policy.CustomTrustStore.Add(trustedCa);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    CertificateChainPolicy = policy,
                    ClientCertificateContext = SslStreamCertificateContext.Create(clientCertificate, null, offline: true),
                }, ct);
                return tls;
            }
            catch (Exception e) when (attempt < 5 && e is IOException or SocketException or System.Security.Authentication.AuthenticationException)
            {
                // The listener caps connections; a moment later one of ours has been closed.
                socket.Dispose();
                await Task.Delay(50 * (attempt + 1), ct);
            }
        }
    }
}
