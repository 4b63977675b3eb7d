using Keyhold.Kmip;
using Keyhold.Kmip.Server;
using N = Keyhold.Kmip.Server.KmipAttributeNames;

namespace Keyhold.KmipObjects;

/// <summary>
/// Who may set which attribute and when (KMIP 1.4 section 3: "Modifiable by server/client", "Deletable by client",
/// single or multiple instances). A refusal is Permission Denied, as the OASIS test cases expect.
/// </summary>
public static class KmipAttributeRules
{
    /// <summary>Set by the server only: a client may not send them on Create/Register or change them later.</summary>
    private static readonly HashSet<string> ServerOnly =
    [
        N.UniqueIdentifier, N.ObjectType, N.Digest, N.State, N.InitialDate, N.LastChangeDate, N.OriginalCreationDate,
        N.CompromiseDate, N.DestroyDate, N.RevocationReason, N.ArchiveDate, N.Fresh, N.AlwaysSensitive, N.NeverExtractable,
        N.RandomNumberGenerator, N.LeaseTime, N.UsageLimits,
    ];

    /// <summary>Fixed once the object exists (the material's own facts).</summary>
    private static readonly HashSet<string> FixedAfterCreation = [N.CryptographicAlgorithm, N.CryptographicLength];

    /// <summary>Standard attributes that may have several instances; custom attributes may too.</summary>
    private static readonly HashSet<string> MultiValued = [N.Name, N.ObjectGroup, N.Link, N.ApplicationSpecificInformation, N.AlternativeName];

    /// <summary>Standard attributes a client may delete.</summary>
    private static readonly HashSet<string> Deletable =
    [
        N.Name, N.ObjectGroup, N.Link, N.ApplicationSpecificInformation, N.AlternativeName, N.ContactInformation,
        N.Description, N.Comment, N.OperationPolicyName, N.CryptographicParameters,
    ];

    public static bool IsMultiValued(string name) => MultiValued.Contains(name) || !N.IsStandard(name);

    /// <summary>Checks an attribute sent with Create or Register.</summary>
    public static void CheckInitial(KmipAttribute a)
    {
        CheckKnown(a.Name);
        if (ServerOnly.Contains(a.Name))
        {
            throw Denied($"The server sets '{a.Name}'.");
        }
    }

    public static void CheckAdd(KmipObject o, KmipAttribute a)
    {
        CheckInitial(a);
        if (FixedAfterCreation.Contains(a.Name) || (!IsMultiValued(a.Name) && o.Attributes.Has(a.Name)))
        {
            throw Denied($"'{a.Name}' is already set and has one instance only.");
        }

        CheckDates(o, a.Name);
    }

    public static void CheckModify(KmipObject o, KmipAttribute a)
    {
        CheckInitial(a);
        if (FixedAfterCreation.Contains(a.Name))
        {
            throw Denied($"'{a.Name}' cannot change once the object exists.");
        }

        CheckDates(o, a.Name);
    }

    public static void CheckDelete(KmipObject o, string name)
    {
        CheckKnown(name);
        if (N.IsStandard(name) && !Deletable.Contains(name))
        {
            throw Denied($"'{name}' cannot be deleted.");
        }

        CheckDates(o, name);
    }

    /// <summary>Dates that drive the state may change only before the state they lead to (KMIP 1.4 section 3.24, 3.27).</summary>
    private static void CheckDates(KmipObject o, string name)
    {
        bool locked = name switch
        {
            N.ActivationDate or N.ProcessStartDate => o.State != KmipObjectState.PreActive,
            N.DeactivationDate or N.ProtectStopDate => o.State is not (KmipObjectState.PreActive or KmipObjectState.Active),
            N.CryptographicUsageMask => o.State != KmipObjectState.PreActive && o.State != KmipObjectState.Active,
            _ => false,
        };
        if (locked)
        {
            throw Denied($"'{name}' cannot change in state {o.State}.");
        }
    }

    private static void CheckKnown(string name)
    {
        KmipAttribute.CheckName(name);
        if (!N.IsStandard(name) && !N.IsCustom(name))
        {
            throw new KmipFaultException(ResultReason.InvalidField, $"'{name}' is neither a standard nor a custom (x-) attribute.");
        }
    }

    private static KmipFaultException Denied(string message) => new(ResultReason.PermissionDenied, message);
}
