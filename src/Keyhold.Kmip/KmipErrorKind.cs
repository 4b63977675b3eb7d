namespace Keyhold.Kmip;

/// <summary>Why a KMIP call failed, coarse enough to map onto ONTAP's key-server error codes.</summary>
public enum KmipErrorKind
{
    /// <summary>No usable TCP path: refused, unreachable, DNS failure, or a connect/handshake/read timeout.</summary>
    Network = 1,

    /// <summary>The server's certificate does not chain to a trusted CA or does not match the host name.</summary>
    ServerCertificateUntrusted = 2,

    /// <summary>The server refused our client certificate (TLS alert) or answered AuthenticationNotSuccessful.</summary>
    ClientCertificateRejected = 3,

    /// <summary>Any other TLS or KMIP encoding failure.</summary>
    Protocol = 4,

    /// <summary>The server processed the request and reported a failed result for an operation.</summary>
    Operation = 5,
}
