namespace Keyhold.Ontap.Schemas;

/// <summary>The fields of /api/security/key-managers/{uuid}/key-servers.</summary>
public static class KeyServerSchema
{
    private const FieldAccess Read = FieldAccess.Read;
    private const FieldAccess ReadCreate = FieldAccess.Read | FieldAccess.Create;
    private const FieldAccess ReadModify = FieldAccess.Read | FieldAccess.Modify;

    /// <summary>
    /// secondary_key_servers is in the 9.8 documentation but usable from 9.11.1 only (<see cref="SecondariesUsable"/>;
    /// 65538503 below it); create_remove_timeout after 9.11.1 (9.13 assumed: unverified).
    /// </summary>
    public static readonly VersionTable Versions = new(OntapVersion.V9_6)
    {
        Fields =
        {
            ["secondary_key_servers"] = OntapVersion.V9_8,
            ["create_remove_timeout"] = OntapVersion.V9_13,
        },
    };

    /// <summary>The first release that takes secondary_key_servers in a PATCH (ONTAP's 65538503 names the ECV 9.11.1).</summary>
    public static readonly OntapVersion SecondariesUsable = OntapVersion.V9_11_1;

    // After Versions: static fields initialise in order.
    public static readonly ResourceSchema Schema = new(
        "key_server",
        "/api/security/key-managers/{uuid}/key-servers",
        ["uuid", "server"],
        [
            new("uuid", FieldKind.String, Read, Column: "ks.key_manager_uuid"),
            new("server", FieldKind.String, ReadCreate, Column: "ks.server"),
            // records: POST only, for several servers at once; never returned.
            new("records", FieldKind.Object, FieldAccess.Create | FieldAccess.WriteOnly, InArray: true),
            new("records.server", FieldKind.String, FieldAccess.Create | FieldAccess.WriteOnly, InArray: true),
            new("timeout", FieldKind.Integer, ReadModify, Column: "ks.timeout"),
            new("username", FieldKind.String, ReadModify, Column: "ks.username"),
            new("password", FieldKind.String, FieldAccess.Modify | FieldAccess.WriteOnly),
            // ONTAP 9.11.1 (secondaries) and 9.13 (create_remove_timeout); PATCH replaces the whole list.
            new("secondary_key_servers", FieldKind.String, ReadModify, InArray: true),
            new("create_remove_timeout", FieldKind.Integer, ReadModify, Column: "ks.create_remove_timeout"),
            new("connectivity", FieldKind.Object, Read, Expensive: true),
            new("connectivity.cluster_availability", FieldKind.Boolean, Read, Expensive: true),
            new("connectivity.records", FieldKind.Object, Read, Expensive: true, InArray: true),
            new("connectivity.records.state", FieldKind.String, Read, Expensive: true, InArray: true),
            new("connectivity.records.node", FieldKind.Object, Read, Expensive: true, InArray: true),
            new("connectivity.records.node.uuid", FieldKind.String, Read, Expensive: true, InArray: true),
            new("connectivity.records.node.name", FieldKind.String, Read, Expensive: true, InArray: true),
        ],
        "ks.position, ks.server")
    { Versions = Versions };
}
