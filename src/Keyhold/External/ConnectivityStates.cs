namespace Keyhold.External;

/// <summary>ONTAP's connectivity states of a key server as seen from one node.</summary>
public static class ConnectivityStates
{
    public const string Available = "available", NotResponding = "not_responding", Unknown = "unknown";
}
