using Keyhold.Ontap;

namespace Keyhold.External;

/// <summary>A key server as "host:port"; the port defaults to 5696, IPv6 hosts are bracketed.</summary>
public readonly record struct ServerAddress(string Host, int Port)
{
    public const int DefaultPort = 5696;

    /// <summary>The normalised form stored and compared: lower-case host, explicit port.</summary>
    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>The address, or 262197 on <paramref name="target"/> when it is not a host with an optional port.</summary>
    public static ServerAddress Parse(string? text, string target) =>
        TryParse(text, out var address) ? address : throw OntapErrors.InvalidFieldValue.With(target, text ?? "", target);

    public static bool TryParse(string? text, out ServerAddress address)
    {
        address = default;
        var value = text?.Trim() ?? "";
        string host;
        var portText = "";
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']');
            if (close < 0)
            {
                return false;
            }
            host = value[1..close];
            var rest = value[(close + 1)..];
            if (rest.Length > 0 && (!rest.StartsWith(':') || (portText = rest[1..]).Length == 0))
            {
                return false;
            }
        }
        else if (value.Count(c => c == ':') == 1)
        {
            (host, portText) = (value[..value.IndexOf(':')], value[(value.IndexOf(':') + 1)..]);
        }
        else
        {
            host = value; // no port, or an unbracketed IPv6 address
        }
        var port = DefaultPort;
        if (portText.Length > 0 && (!int.TryParse(portText, System.Globalization.NumberStyles.None, null, out port) || port is < 1 or > 65535))
        {
            return false;
        }
        if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            return false;
        }
        address = new ServerAddress(host.ToLowerInvariant(), port);
        return true;
    }
}
