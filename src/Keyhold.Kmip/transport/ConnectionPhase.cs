namespace Keyhold.Kmip;

/// <summary>Where a call was when it failed; decides how a raw exception is classified.</summary>
internal enum ConnectionPhase
{
    WaitingForConnection,
    Connecting,
    Handshaking,
    Exchanging,
}
