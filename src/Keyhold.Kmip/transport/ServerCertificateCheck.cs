using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Kmip;

/// <summary>
/// Records what our side concluded about the server certificate, so a handshake failure can be
/// attributed to us (untrusted server) or to the server (it rejected our client certificate).
/// The chain policy passed to SslStream already restricts trust to the configured CAs.
/// </summary>
internal sealed class ServerCertificateCheck
{
    public bool Invoked { get; private set; }

    public SslPolicyErrors Errors { get; private set; }

    public string? ChainStatus { get; private set; }

    public bool Accepted => Invoked && Errors == SslPolicyErrors.None;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        Invoked = true;
        Errors = errors;
        if (chain is not null && errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            ChainStatus = string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
        }

        return errors == SslPolicyErrors.None;
    }

    public string Describe()
    {
        var parts = new List<string>();
        if (Errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            parts.Add("the server sent no certificate");
        }

        if (Errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            parts.Add("the certificate does not match the host name");
        }

        if (Errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            parts.Add($"the certificate does not chain to a trusted CA ({ChainStatus})");
        }

        return string.Join("; ", parts);
    }
}
