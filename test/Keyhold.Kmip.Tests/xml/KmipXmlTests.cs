using System.Xml.Linq;
using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Xml;

namespace Keyhold.Kmip.Tests.Xml;

public class KmipXmlTests
{
    public static TheoryData<string> VectorFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(VectorRoot(), "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(VectorRoot(), file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorFiles))]
    public void Every_message_of_every_OASIS_file_reads_and_writes_back_to_the_same_tree(string file)
    {
        XElement[] messages = XDocument.Load(Path.Combine(VectorRoot(), file)).Root!.Elements().ToArray();
        Assert.NotEmpty(messages);
        Assert.Equal(["RequestMessage", "ResponseMessage"], messages.Select(m => m.Name.LocalName).Distinct().Order());
        foreach (XElement message in messages)
        {
            TtlvNode node = KmipXmlReader.Read(message, allowPlaceholders: true);
            TtlvNode again = KmipXmlReader.Read(KmipXmlWriter.Write(node), allowPlaceholders: true);
            Assert.True(node.DeepEquals(again), $"{file}: {message.Name.LocalName} changed through XML");
            if (!HasPlaceholder(node))
            {
                byte[] ttlv = node.ToTtlv();
                Assert.True(node.DeepEquals(TtlvNode.FromTtlv(ttlv)), $"{file}: {message.Name.LocalName} changed through TTLV");
                Assert.Equal(ttlv, KmipXmlReader.ToTtlv(KmipXmlWriter.FromTtlv(ttlv)));
            }
        }
    }

    [Fact]
    public void Names_become_the_specified_numbers()
    {
        var xml = XElement.Parse("""
            <TemplateAttribute>
              <Attribute>
                <AttributeName type="TextString" value="Cryptographic Algorithm"/>
                <AttributeValue type="Enumeration" value="AES"/>
              </Attribute>
              <Attribute>
                <AttributeName type="TextString" value="Cryptographic Usage Mask"/>
                <AttributeValue type="Integer" value="Encrypt Decrypt"/>
              </Attribute>
              <ObjectType type="Enumeration" value="SymmetricKey"/>
              <OpaqueDataType type="Enumeration" value="0x80000001"/>
              <TTLV tag="0x540001" type="ByteString" value="00ff"/>
              <ActivationDate type="DateTime" value="2009-11-12T10:47:30+00:00"/>
            </TemplateAttribute>
            """);
        TtlvNode node = KmipXmlReader.Read(xml);

        Assert.Equal(0x420091, node.Tag);
        Assert.Equal(3u, node.Children[0].Children[1].Value);       // AES
        Assert.Equal(0x0C, node.Children[1].Children[1].Value);     // Encrypt (4) | Decrypt (8)
        Assert.Equal(2u, node.Children[2].Value);                    // SymmetricKey
        Assert.Equal(0x80000001u, node.Children[3].Value);
        Assert.Equal(0x540001, node.Children[4].Tag);
        Assert.Equal(new DateTimeOffset(2009, 11, 12, 10, 47, 30, TimeSpan.Zero), node.Children[5].Value);
    }

    [Fact]
    public void Masks_compare_by_bits_not_by_the_order_of_their_names()
    {
        TtlvNode a = KmipXmlReader.Read(XElement.Parse("""<CryptographicUsageMask type="Integer" value="Decrypt Encrypt"/>"""));
        TtlvNode b = KmipXmlReader.Read(XElement.Parse("""<CryptographicUsageMask type="Integer" value="Encrypt Decrypt"/>"""));
        Assert.True(a.DeepEquals(b));
        Assert.Equal("Encrypt Decrypt", KmipXmlWriter.Write(a).Attribute("value")!.Value);
    }

    [Fact]
    public void A_request_header_encodes_to_the_bytes_KMIP_specifies()
    {
        byte[] ttlv = KmipXmlReader.ToTtlv(XElement.Parse("""
            <ProtocolVersion>
              <ProtocolVersionMajor type="Integer" value="1"/>
              <ProtocolVersionMinor type="Integer" value="4"/>
            </ProtocolVersion>
            """));
        Assert.Equal(
            "420069010000002042006a02000000040000000100000000" + "42006b02000000040000000400000000",
            Convert.ToHexStringLower(ttlv));
    }

    [Theory]
    [InlineData("""<NoSuchTag type="Integer" value="1"/>""")]
    [InlineData("""<ObjectType type="Enumeration" value="NoSuchObject"/>""")]
    [InlineData("""<BatchCount type="Integer" value="many"/>""")]
    [InlineData("""<BatchCount type="Integer" value="4294967296"/>""")]
    [InlineData("""<BatchCount type="Wobbly" value="1"/>""")]
    [InlineData("""<BatchCount type="Integer"/>""")]
    [InlineData("""<KeyMaterial type="ByteString" value="0g"/>""")]
    [InlineData("""<RequestHeader value="1"/>""")]
    public void What_cannot_become_TTLV_is_a_KmipXmlException(string xml) =>
        Assert.Throws<KmipXmlException>(() => KmipXmlReader.ToTtlv(XElement.Parse(xml)));

    [Fact]
    public void A_placeholder_is_kept_when_asked_for_and_refuses_to_encode()
    {
        TtlvNode node = KmipXmlReader.Read(XElement.Parse("""<UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/>"""), allowPlaceholders: true);
        Assert.Equal("$UNIQUE_IDENTIFIER_0", node.Placeholder);
        Assert.Equal(TtlvType.TextString, node.Type);
        Assert.Throws<KmipXmlException>(node.ToTtlv);
    }

    private static bool HasPlaceholder(TtlvNode node) => node.Placeholder is not null || node.Children.Any(HasPlaceholder);

    private static string VectorRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Keyhold.slnx")))
            {
                return Path.Combine(d.FullName, "test", "kmip-vectors");
            }
        }

        throw new InvalidOperationException("Keyhold.slnx not found above " + AppContext.BaseDirectory);
    }
}
