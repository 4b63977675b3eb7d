namespace Keyhold.Certificates;

/// <summary>Why a certificate or its parameters were refused; the REST layer maps these to ONTAP errors.</summary>
public enum CertificateProblem
{
    /// <summary>public_certificate is missing, not PEM, or not a parsable X.509 certificate.</summary>
    BadPem,
    /// <summary>private_key is not a readable, unencrypted RSA or EC key.</summary>
    BadPrivateKey,
    /// <summary>private_key does not belong to public_certificate.</summary>
    KeyMismatch,
    /// <summary>The certificate's notAfter is in the past.</summary>
    Expired,
    /// <summary>The certificate's notBefore is in the future.</summary>
    NotYetValid,
    /// <summary>client and server certificates must come with their private key.</summary>
    PrivateKeyRequired,
    /// <summary>CA certificates are trust anchors; a private key is refused so it is never stored.</summary>
    PrivateKeyNotAllowed,
    /// <summary>A CA type was given a certificate whose basicConstraints says CA:FALSE.</summary>
    NotACa,
    /// <summary>An intermediate certificate is not a parsable, currently valid X.509 certificate.</summary>
    BadIntermediate,
    /// <summary>public_certificate holds more than one certificate.</summary>
    MultipleCertificates,
    /// <summary>The key or signature algorithm is not one ONTAP can describe (only RSA and ECDSA with SHA-1/2 or MD5).</summary>
    UnsupportedAlgorithm,
    /// <summary>A creation parameter (key_size, hash_function, expiry_time, common_name) is out of range.</summary>
    BadParameter,
}
