using Keyhold.Ontap;
using Keyhold.Kmip;

namespace Keyhold.External;

/// <summary>Maps KMIP failures onto ONTAP's key-server error codes.</summary>
public static class KmipFailures
{
    public static OntapException ToOntap(KmipException e, string? target = null) => (e.Kind switch
    {
        KmipErrorKind.ServerCertificateUntrusted => OntapErrors.TlsServerCaIncorrect,
        KmipErrorKind.ClientCertificateRejected => OntapErrors.TlsClientCertificateIncorrect,
        KmipErrorKind.Network => OntapErrors.TlsNetworkError,
        KmipErrorKind.Operation => OntapErrors.KmipVersionQueryFailed,
        _ => OntapErrors.TlsCryptsoftError,
    }).With(target);

    /// <summary>Whether an error is one <see cref="ToOntap"/> gives: no key server could be used.</summary>
    public static bool IsKmipFailure(OntapError error) =>
        error == OntapErrors.TlsServerCaIncorrect || error == OntapErrors.TlsClientCertificateIncorrect || error == OntapErrors.TlsNetworkError
        || error == OntapErrors.KmipVersionQueryFailed || error == OntapErrors.TlsCryptsoftError;
}
