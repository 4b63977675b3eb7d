namespace Keyhold.Certificates;

/// <summary>ONTAP certificate roles; wire names are <c>client</c>, <c>server</c>, <c>client_ca</c>, <c>server_ca</c>, <c>root_ca</c>.</summary>
public enum CertificateType
{
    Client,
    Server,
    ClientCa,
    ServerCa,
    RootCa,
}
