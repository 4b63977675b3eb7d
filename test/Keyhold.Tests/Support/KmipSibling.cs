namespace Keyhold.Tests.Support;

/// <summary>A throwaway PyKMIP server sharing A's CA and client certificate, stopped (if still running) on dispose.</summary>
public sealed class KmipSibling : IDisposable
{
    public KmipSibling() => Peer = KmipPeers.StartSiblingOfA(TempDir.Create());

    public KmipPeer Peer { get; }

    public string Server => Peer.Server;

    public void Stop() => KmipPeers.Stop(Peer);

    /// <summary>Starts it again on its folder: the same port (when still free), certificates and objects.</summary>
    public void Restart() => KmipPeers.StartSiblingOfA(Peer.Directory);

    public void Dispose() => Stop();
}
