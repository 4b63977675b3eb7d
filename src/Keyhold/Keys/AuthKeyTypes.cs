namespace Keyhold.Keys;

/// <summary>NSE authentication keys: 256 bits, kept where the key manager keeps its keys, tagged (default: the node's name).</summary>
public static class AuthKeyTypes
{
    public const string NseAk = "nse-ak";
}
