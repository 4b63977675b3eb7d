namespace Keyhold.Kmip.Tests;

/// <summary>Key material and passwords must not leak through ToString or exception messages.</summary>
public class SecretHygieneTests
{
    [Fact]
    public void ToString_NeverShowsMaterialOrPassword()
    {
        byte[] material = Enumerable.Repeat((byte)0xAB, 32).ToArray();
        string[] texts =
        [
            new RegisterSymmetricKeyRequest(material, "k").ToString()!,
            new RegisterSecretDataRequest(material).ToString()!,
            new KmipCredential("user", "hunter2-secret").ToString(),
            new KmipClientOptions { Host = "h", Username = "user", Password = "hunter2-secret" }.ToString(),
            BatchResponseMatcher.Match([new GetRequest("1")], ResponseMessage.Decode(Hex.Parse(GoldenVectors.GetSymmetricV14Response)),
                ProtocolVersion.V1_4)[0].Response!.ToString()!,
        ];
        foreach (string text in texts)
        {
            Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
            Assert.DoesNotContain("abab", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AB-AB", text, StringComparison.Ordinal);
        }
    }
}
