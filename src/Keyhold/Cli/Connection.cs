using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Keyhold.Cli;

/// <summary>
/// Builds the HTTP client of a remote command from its options and environment: where the node is, whom to trust
/// (--cacert, else DATA/tls.crt when present, else the system's roots), and who we are (a client certificate, or a
/// user with a password from KEYHOLD_PASSWORD or a prompt).
/// </summary>
public static class Connection
{
    public static OntapClient Open(ParseResult parse, CliOptions options, CliIo io)
    {
        var url = parse.GetValue(options.Url) ?? io.Environment("KEYHOLD_URL") ?? CliOptions.DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("https" or "http"))
        {
            throw new CliException(CliExit.Usage, $"--url must be an http(s) address, not \"{url}\".");
        }
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        var trusted = TrustedCertificate(parse, options);
        if (trusted is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusts(trusted, certificate, errors);
        }
        var cert = parse.GetValue(options.Cert);
        var key = parse.GetValue(options.Key);
        if ((cert is null) != (key is null))
        {
            throw new CliException(CliExit.Usage, "--cert and --key go together.");
        }
        if (cert is not null)
        {
            handler.SslOptions.ClientCertificates = [ClientCertificate(cert, key!)];
        }
        var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(5) };
        var password = io.Environment("KEYHOLD_PASSWORD");
        string? user = null;
        if (cert is null || password is not null)
        {
            user = parse.GetValue(options.User) ?? io.Environment("KEYHOLD_USER") ?? "admin";
            password ??= Secrets.Read(io, $"Password for {user}");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }
        return new OntapClient(http, url) { User = user };
    }

    private static X509Certificate2? TrustedCertificate(ParseResult parse, CliOptions options)
    {
        var path = parse.GetValue(options.CaCert)?.FullName;
        if (path is null)
        {
            var local = Path.Combine(parse.GetValue(options.Data) ?? "data", "tls.crt");
            path = File.Exists(local) ? local : null;
        }
        try
        {
            return path is null ? null : X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliException(CliExit.CannotConnect, $"cannot read the certificate to trust {path}: {e.Message}");
        }
    }

    /// <summary>The server's certificate must chain to the trusted one (itself, when self-signed) and match the host name.</summary>
    private static bool Trusts(X509Certificate2 trusted, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }
        using var server = new X509Certificate2(presented);
        if (server.RawDataMemory.Span.SequenceEqual(trusted.RawDataMemory.Span))
        {
            return true;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }

    /// <summary>Re-imported through PKCS#12: on Linux, TLS client authentication needs a key it can persist, not an ephemeral one.</summary>
    private static X509Certificate2 ClientCertificate(FileInfo cert, FileInfo key)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(cert.FullName, key.FullName);
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliException(CliExit.Usage, $"cannot load the client certificate {cert.FullName}: {e.Message}");
        }
    }
}
