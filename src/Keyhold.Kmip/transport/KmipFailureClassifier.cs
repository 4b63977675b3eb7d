using System.Net.Sockets;
using System.Security.Authentication;

namespace Keyhold.Kmip;

/// <summary>Turns transport exceptions into <see cref="KmipException"/> kinds the service maps to ONTAP errors.</summary>
internal static class KmipFailureClassifier
{
    // OpenSSL alert texts a server sends when it refuses the client certificate.
    private static readonly string[] ClientCertificateAlerts =
    [
        "unknown ca", "bad certificate", "certificate required", "certificate unknown",
        "unsupported certificate", "certificate expired", "certificate revoked", "access denied",
    ];

    public static KmipException Timeout(string endpoint, ConnectionPhase phase, TimeSpan timeout) =>
        new(KmipErrorKind.Network, $"KMIP server {endpoint} timed out after {timeout.TotalSeconds:0.###} s while {Describe(phase)}.");

    public static KmipException Classify(Exception e, string endpoint, ConnectionPhase phase, ServerCertificateCheck? check,
        bool firstExchange, bool sentClientCertificate)
    {
        if (e is KmipException known)
        {
            return known;
        }

        string where = $"KMIP server {endpoint}";
        if (check is { Invoked: true, Accepted: false })
        {
            return new KmipException(KmipErrorKind.ServerCertificateUntrusted,
                $"{where} presented an untrusted certificate: {check.Describe()}.", e);
        }

        if (FindSocketError(e) is { } socketError && !(phase == ConnectionPhase.Handshaking && check?.Accepted == true))
        {
            return new KmipException(KmipErrorKind.Network, $"{where} is unreachable while {Describe(phase)}: {socketError}.", e);
        }

        // On Linux, SslStream validates the server certificate only after the handshake completes, so when the server
        // aborts the handshake the alert text is the only evidence. A server that requires a certificate we did not
        // send answers with a plain handshake_failure (measured against PyKMIP).
        bool certificateAlert = MentionsClientCertificateAlert(e) || (!sentClientCertificate && Mentions(e, "handshake failure"));
        switch (phase)
        {
            case ConnectionPhase.Connecting:
                return new KmipException(KmipErrorKind.Network, $"{where} could not be reached: {e.Message}", e);
            case ConnectionPhase.Handshaking when certificateAlert || check?.Accepted == true:
                // We were satisfied with the server; it aborted, which is how TLS 1.2 servers reject a client certificate.
                return new KmipException(KmipErrorKind.ClientCertificateRejected,
                    $"{where} rejected the client certificate during the TLS handshake.", e);
            case ConnectionPhase.Handshaking:
                return new KmipException(KmipErrorKind.Protocol, $"TLS handshake with {where} failed: {e.Message}", e);
            case ConnectionPhase.Exchanging when firstExchange && certificateAlert:
                // TLS 1.3 servers check the client certificate after the handshake and alert on the first read.
                return new KmipException(KmipErrorKind.ClientCertificateRejected,
                    $"{where} rejected the client certificate after the TLS handshake.", e);
            case ConnectionPhase.Exchanging when e is IOException or AuthenticationException:
                return new KmipException(KmipErrorKind.Network, $"Connection to {where} broke: {e.Message}", e);
            default:
                return new KmipException(KmipErrorKind.Protocol, $"{where} failed while {Describe(phase)}: {e.Message}", e);
        }
    }

    private static SocketError? FindSocketError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException s)
            {
                return s.SocketErrorCode;
            }
        }

        return null;
    }

    private static bool MentionsClientCertificateAlert(Exception e) => ClientCertificateAlerts.Any(alert => Mentions(e, alert));

    private static bool Mentions(Exception? e, string text)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e.Message.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(ConnectionPhase phase) => phase switch
    {
        ConnectionPhase.WaitingForConnection => "waiting for the connection",
        ConnectionPhase.Connecting => "connecting",
        ConnectionPhase.Handshaking => "performing the TLS handshake",
        _ => "exchanging a request",
    };
}
