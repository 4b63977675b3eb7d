namespace Keyhold.Ontap.Schemas;

/// <summary>The external.* fields of a key manager (servers are created here, managed under key-servers).</summary>
public static class ExternalFields
{
    private const FieldAccess Read = FieldAccess.Read;
    private const FieldAccess ReadWrite = FieldAccess.Read | FieldAccess.Create | FieldAccess.Modify;
    private const FieldAccess ReadCreate = FieldAccess.Read | FieldAccess.Create;

    public static readonly FieldDef[] All =
    [
        new("external", FieldKind.Object, ReadWrite),
        new("external.client_certificate", FieldKind.Object, ReadWrite),
        new("external.client_certificate.uuid", FieldKind.String, ReadWrite),
        new("external.client_certificate.name", FieldKind.String, ReadWrite),
        new("external.server_ca_certificates", FieldKind.Object, ReadWrite, InArray: true),
        new("external.server_ca_certificates.uuid", FieldKind.String, ReadWrite, InArray: true),
        new("external.server_ca_certificates.name", FieldKind.String, ReadWrite, InArray: true),
        new("external.servers", FieldKind.Object, ReadCreate, InArray: true),
        new("external.servers.server", FieldKind.String, ReadCreate, InArray: true),
        new("external.servers.timeout", FieldKind.Integer, Read, InArray: true),
        new("external.servers.username", FieldKind.String, Read, InArray: true),
        // Inside a key manager record the secondaries are one comma-separated string, as ONTAP shows them there.
        new("external.servers.secondary_key_servers", FieldKind.String, Read, InArray: true),
        new("external.servers.create_remove_timeout", FieldKind.Integer, Read, InArray: true),
        new("external.servers.connectivity", FieldKind.Object, Read, Expensive: true, InArray: true),
        new("external.servers.connectivity.cluster_availability", FieldKind.Boolean, Read, Expensive: true, InArray: true),
        new("external.servers.connectivity.records", FieldKind.Object, Read, Expensive: true, InArray: true),
        new("external.servers.connectivity.records.state", FieldKind.String, Read, Expensive: true, InArray: true),
        new("external.servers.connectivity.records.node", FieldKind.Object, Read, Expensive: true, InArray: true),
        new("external.servers.connectivity.records.node.uuid", FieldKind.String, Read, Expensive: true, InArray: true),
        new("external.servers.connectivity.records.node.name", FieldKind.String, Read, Expensive: true, InArray: true),
    ];
}
