namespace Keyhold.Certificates;

/// <summary>Maps <see cref="CertificateType"/> to and from ONTAP wire names and answers role questions.</summary>
public static class CertificateTypes
{
    /// <summary>Parses an ONTAP wire name (exact, lowercase). Throws <see cref="FormatException"/> otherwise.</summary>
    public static CertificateType Parse(string wire) => TryParse(wire, out var type)
        ? type
        : throw new FormatException($"Unknown certificate type '{wire}'; expected client, server, client_ca, server_ca or root_ca.");

    /// <summary>Non-throwing <see cref="Parse"/>.</summary>
    public static bool TryParse(string? wire, out CertificateType type)
    {
        // Exact match only: ONTAP's enum is lowercase, and "server-ca" in one doc example is a typo.
        CertificateType? found = wire switch
        {
            "client" => CertificateType.Client,
            "server" => CertificateType.Server,
            "client_ca" => CertificateType.ClientCa,
            "server_ca" => CertificateType.ServerCa,
            "root_ca" => CertificateType.RootCa,
            _ => null,
        };
        type = found.GetValueOrDefault();
        return found.HasValue;
    }

    /// <summary>The ONTAP wire name.</summary>
    public static string ToWire(this CertificateType type) => type switch
    {
        CertificateType.Client => "client",
        CertificateType.Server => "server",
        CertificateType.ClientCa => "client_ca",
        CertificateType.ServerCa => "server_ca",
        CertificateType.RootCa => "root_ca",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown certificate type."),
    };

    /// <summary>True for client_ca, server_ca and root_ca: trust anchors that carry no private key here.</summary>
    public static bool IsCaType(this CertificateType type) =>
        type is CertificateType.ClientCa or CertificateType.ServerCa or CertificateType.RootCa;
}
