namespace Keyhold.Api.Ontap;

/// <summary>
/// Errors of the resources around key managers (SVMs, certificates) and Keyhold's own conditions.
/// Where ONTAP's code is not public, the code is a Keyhold choice and says so.
/// </summary>
public static partial class OntapErrors
{
    /// <summary>{0} = name. ONTAP refuses a duplicate SVM name; code is a Keyhold choice.</summary>
    public static readonly OntapError SvmNameExists = new(409, "13434908", "Duplicate SVM name \"{0}\".");

    /// <summary>{0} = name. Code is a Keyhold choice.</summary>
    public static readonly OntapError SvmInUse = new(400, "13434920", "SVM \"{0}\" still has key managers, certificates or keys; delete them first.");

    /// <summary>{0} = what is wrong, from the certificate parser (never key material).</summary>
    public static readonly OntapError CertificateInvalid = new(400, "262197", "{0}");

    /// <summary>Code is a Keyhold choice.</summary>
    public static readonly OntapError CertificateExists = new(409, "3735646", "A certificate with this type, serial number and CA is already installed.");

    /// <summary>Code is a Keyhold choice.</summary>
    public static readonly OntapError CertificateInUse = new(400, "3735650", "The certificate is in use by a key manager.");

    /// <summary>A POST names neither onboard nor external, or both.</summary>
    public static readonly OntapError OnboardAndExternalTogether = new(400, "262197", "Onboard and external key management are mutually exclusive; provide one of \"onboard\" or \"external\".");

    /// <summary>An onboard change on a key manager that is not onboard. Code is a Keyhold choice.</summary>
    public static readonly OntapError OnboardNotEnabled = new(400, "65537301", "The Onboard Key Manager is not enabled.");
}
