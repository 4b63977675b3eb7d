// BareKestrel: the upper bound for Keyhold's GETs. Serves fixed response bodies (fetched from Keyhold by
// bench/run.sh) over the same TLS certificate, with the same Content-Type, and does nothing else: no auth
// (the Authorization header wrk sends is ignored), no routing tables, no logging, no JSON work.
//
// usage: BareKestrel --urls https://127.0.0.1:PORT --cert tls.crt --key tls.key PATH=FILE [PATH=FILE ...]
// PATH is matched against the request path only (the query string is ignored).
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

string? urls = null, certPath = null, keyPath = null;
var bodies = new Dictionary<string, byte[]>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--urls": urls = args[++i]; break;
        case "--cert": certPath = args[++i]; break;
        case "--key": keyPath = args[++i]; break;
        default:
            var eq = args[i].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) { Console.Error.WriteLine($"bad argument {args[i]}"); return 2; }
            bodies[args[i][..eq]] = File.ReadAllBytes(args[i][(eq + 1)..]);
            break;
    }
}
if (urls is null || certPath is null || keyPath is null)
{
    Console.Error.WriteLine("usage: BareKestrel --urls URL --cert CRT --key KEY PATH=FILE...");
    return 2;
}

// Same re-import Keyhold does for a PEM pair (an ephemeral PEM key cannot be used by SslStream on every platform).
using var pem = X509Certificate2.CreateFromPemFile(certPath, keyPath);
var cert = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrelHttpsConfiguration();
builder.WebHost.UseUrls(urls);
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false; // as Keyhold
    k.ConfigureHttpsDefaults(h => h.ServerCertificate = cert);
});
builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(e => e.Protocols = HttpProtocols.Http1AndHttp2));
var app = builder.Build();
app.Run(async http =>
{
    if (!bodies.TryGetValue(http.Request.Path.Value ?? "", out var body))
    {
        http.Response.StatusCode = 404;
        return;
    }
    http.Response.ContentType = "application/hal+json";
    http.Response.ContentLength = body.Length;
    await http.Response.Body.WriteAsync(body);
});
Console.WriteLine("BareKestrel: serving " + string.Join(", ", bodies.Keys));
await app.RunAsync();
return 0;
