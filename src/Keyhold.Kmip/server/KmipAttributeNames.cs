using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip.Server;

/// <summary>The standard attributes' 1.x names and the tags 2.0 writes them under (KMIP 1.4 section 3, 2.0 section 4).</summary>
public static class KmipAttributeNames
{
    public const string UniqueIdentifier = "Unique Identifier";
    public const string Name = "Name";
    public const string ObjectType = "Object Type";
    public const string CryptographicAlgorithm = "Cryptographic Algorithm";
    public const string CryptographicLength = "Cryptographic Length";
    public const string CryptographicParameters = "Cryptographic Parameters";
    public const string CryptographicUsageMask = "Cryptographic Usage Mask";
    public const string Digest = "Digest";
    public const string OperationPolicyName = "Operation Policy Name";
    public const string LeaseTime = "Lease Time";
    public const string UsageLimits = "Usage Limits";
    public const string State = "State";
    public const string InitialDate = "Initial Date";
    public const string ActivationDate = "Activation Date";
    public const string ProcessStartDate = "Process Start Date";
    public const string ProtectStopDate = "Protect Stop Date";
    public const string DeactivationDate = "Deactivation Date";
    public const string DestroyDate = "Destroy Date";
    public const string CompromiseOccurrenceDate = "Compromise Occurrence Date";
    public const string CompromiseDate = "Compromise Date";
    public const string RevocationReason = "Revocation Reason";
    public const string ArchiveDate = "Archive Date";
    public const string ObjectGroup = "Object Group";
    public const string Fresh = "Fresh";
    public const string Link = "Link";
    public const string ApplicationSpecificInformation = "Application Specific Information";
    public const string ContactInformation = "Contact Information";
    public const string LastChangeDate = "Last Change Date";
    public const string AlternativeName = "Alternative Name";
    public const string OriginalCreationDate = "Original Creation Date";
    public const string RandomNumberGenerator = "Random Number Generator";
    public const string Description = "Description";
    public const string Comment = "Comment";
    public const string Sensitive = "Sensitive";
    public const string AlwaysSensitive = "Always Sensitive";
    public const string Extractable = "Extractable";
    public const string NeverExtractable = "Never Extractable";

    private static readonly (string Name, KmipTag Tag)[] Table =
    [
        (UniqueIdentifier, KmipTag.UniqueIdentifier), (Name, KmipTag.Name), (ObjectType, KmipTag.ObjectType),
        (CryptographicAlgorithm, KmipTag.CryptographicAlgorithm), (CryptographicLength, KmipTag.CryptographicLength),
        (CryptographicParameters, KmipTag.CryptographicParameters), (CryptographicUsageMask, KmipTag.CryptographicUsageMask),
        (Digest, KmipTag.Digest), (OperationPolicyName, KmipTag.OperationPolicyName), (LeaseTime, KmipTag.LeaseTime),
        (UsageLimits, KmipTag.UsageLimits), (State, KmipTag.State), (InitialDate, KmipTag.InitialDate),
        (ActivationDate, KmipTag.ActivationDate), (ProcessStartDate, KmipTag.ProcessStartDate),
        (ProtectStopDate, KmipTag.ProtectStopDate), (DeactivationDate, KmipTag.DeactivationDate),
        (DestroyDate, KmipTag.DestroyDate), (CompromiseOccurrenceDate, KmipTag.CompromiseOccurrenceDate),
        (CompromiseDate, KmipTag.CompromiseDate), (RevocationReason, KmipTag.RevocationReason),
        (ArchiveDate, KmipTag.ArchiveDate), (ObjectGroup, KmipTag.ObjectGroup), (Fresh, KmipTag.Fresh), (Link, KmipTag.Link),
        (ApplicationSpecificInformation, KmipTag.ApplicationSpecificInformation),
        (ContactInformation, KmipTag.ContactInformation), (LastChangeDate, KmipTag.LastChangeDate),
        (AlternativeName, KmipTag.AlternativeName), (OriginalCreationDate, KmipTag.OriginalCreationDate),
        (RandomNumberGenerator, KmipTag.RandomNumberGenerator), (Description, KmipTag.Description), (Comment, KmipTag.Comment),
        (Sensitive, KmipTag.Sensitive), (AlwaysSensitive, KmipTag.AlwaysSensitive), (Extractable, KmipTag.Extractable),
        (NeverExtractable, KmipTag.NeverExtractable),
    ];

    private static readonly Dictionary<string, KmipTag> ByName = Table.ToDictionary(e => e.Name, e => e.Tag, StringComparer.Ordinal);
    private static readonly Dictionary<KmipTag, string> ByTag = Table.ToDictionary(e => e.Tag, e => e.Name);

    public static KmipTag? TagOf(string name) => ByName.TryGetValue(name, out KmipTag tag) ? tag : null;

    public static string? NameOf(KmipTag tag) => ByTag.TryGetValue(tag, out string? name) ? name : null;

    public static bool IsStandard(string name) => ByName.ContainsKey(name);

    /// <summary>Custom attributes: "x-" (client) and "y-" (server) names, KMIP 1.x section 3.41.</summary>
    public static bool IsCustom(string name) => name.StartsWith("x-", StringComparison.Ordinal) || name.StartsWith("y-", StringComparison.Ordinal);
}
