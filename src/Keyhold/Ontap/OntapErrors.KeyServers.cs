namespace Keyhold.Ontap;

/// <summary>PATCH /security/key-managers/{uuid}/key-servers/{server}: credentials and secondary key servers (ONTAP 9.14.1's table).</summary>
public static partial class OntapErrors
{
    public static readonly OntapError KeyServerMissingUsername = new(400, "65536845", "Missing username.");
    public static readonly OntapError KeyServerMissingPassword = new(400, "65536846", "Missing password.");
    public static readonly OntapError SecondaryKeyServersTooMany = new(400, "65537400", "Exceeded maximum number of secondary key servers.");
    public static readonly OntapError SecondaryDuplicatesPrimary = new(400, "65538407", "A secondary key server is a duplicate of the associated primary key server.");
    public static readonly OntapError SecondaryKeyServersDuplicated = new(400, "65538408", "The list of secondary key servers contains duplicates.");
    public static readonly OntapError SecondaryKeyServerMalformed = new(400, "65538413", "A secondary key server address is not formatted correctly.");
    public static readonly OntapError SecondaryIsAlsoPrimary = new(400, "65538502", "A secondary key server is also a primary key server.");
    public static readonly OntapError SecondaryKeyServersNeedRelease = new(400, "65538503", "Support for adding secondary key servers requires an ECV of ONTAP 9.11.1 or later.");
}
