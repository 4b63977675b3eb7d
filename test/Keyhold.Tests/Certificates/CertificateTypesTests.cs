using Keyhold.Certificates;

namespace Keyhold.Tests.Certificates;

public class CertificateTypesTests
{
    [Theory]
    [InlineData("client", CertificateType.Client)]
    [InlineData("server", CertificateType.Server)]
    [InlineData("client_ca", CertificateType.ClientCa)]
    [InlineData("server_ca", CertificateType.ServerCa)]
    [InlineData("root_ca", CertificateType.RootCa)]
    public void Wire_names_round_trip(string wire, CertificateType type)
    {
        Assert.Equal(type, CertificateTypes.Parse(wire));
        Assert.Equal(wire, type.ToWire());
    }

    [Theory]
    [InlineData("server-ca")]
    [InlineData("Client")]
    [InlineData("")]
    public void Unknown_names_are_refused(string wire)
    {
        Assert.Throws<FormatException>(() => CertificateTypes.Parse(wire));
        Assert.False(CertificateTypes.TryParse(wire, out _));
    }

    [Fact]
    public void Only_ca_types_are_ca_types()
    {
        Assert.True(CertificateType.RootCa.IsCaType());
        Assert.True(CertificateType.ServerCa.IsCaType());
        Assert.True(CertificateType.ClientCa.IsCaType());
        Assert.False(CertificateType.Client.IsCaType());
        Assert.False(CertificateType.Server.IsCaType());
    }
}
