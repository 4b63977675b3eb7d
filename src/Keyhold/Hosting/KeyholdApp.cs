using Keyhold.Api;
using Keyhold.Api.Ontap;
using Keyhold.Api.Svms;
using Keyhold.Ontap;
using Keyhold.Jobs;

using Keyhold.Api.Health;
using Keyhold.Api.Security;
using Keyhold.Hosting.Observability;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Keyhold.Hosting;

/// <summary>Builds the web application of `keyhold serve`: HTTPS, the ONTAP error envelope, auth, the resources.</summary>
public static class KeyholdApp
{
    public const string DefaultUrl = "https://127.0.0.1:8443";

    public static WebApplication Build(string[] args, string? urls, string? dataDir)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (dataDir is not null)
        {
            builder.Configuration[$"{KeyholdOptions.Section}:DataDir"] = dataDir;
        }
        if (Environment.GetEnvironmentVariable("KEYHOLD_ADMIN_PASSWORD") is { Length: > 0 } password)
        {
            builder.Configuration[$"{KeyholdOptions.Section}:AdminPassword"] = password;
        }
        builder.WebHost.UseUrls(urls ?? builder.Configuration["urls"] ?? DefaultUrl);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.AddServerHeader = false;
            RequestSizeLimits.Configure(kestrel.Limits);
            var data = context.Configuration[$"{KeyholdOptions.Section}:DataDir"] ?? new KeyholdOptions().DataDir;
            var certificate = TlsCertificate.LoadOrCreate(Directory.CreateDirectory(data).FullName);
            kestrel.ConfigureHttpsDefaults(https =>
            {
                https.ServerCertificate = certificate;
                // Certificate login (ONTAP's "certificate" method): ask for a client certificate, never require one, and
                // accept any at TLS; Security/CertificateLogin decides against the installed client_ca certificates.
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.ClientCertificateValidation = (_, _, _) => true;
            });
        });
        LogSetup.Configure(builder.Logging, builder.Configuration);
        builder.Services.AddKeyhold(builder.Configuration);

        var app = builder.Build();
        app.Services.GetRequiredService<Bootstrap>().InitializeAsync().GetAwaiter().GetResult();
        // Before the first request: nothing may see this node's dead jobs as running.
        app.Services.GetRequiredService<JobSweep>().RunAsync().GetAwaiter().GetResult();
        ObservabilityRegistration.StartMeters(app.Services);
        Configure(app);
        app.Lifetime.ApplicationStarted.Register(() => StartBanner.Log(app));
        return app;
    }

    private static void Configure(WebApplication app)
    {
        // Outermost: every line logged inside a request, the audit's included, carries its ID.
        app.UseMiddleware<RequestIdMiddleware>();
        // Next, so it records the status the error envelope finally sent.
        app.Use(AuditMiddleware.InvokeAsync);
        app.UseOntapErrors();
        // Before anything reads the path or headers: oversized ones are refused in the envelope (see RequestSizeLimits).
        app.Use(RequestSizeLimits.Middleware);
        // Clients that follow next links by string surgery send "/api//security/...".
        app.Use((http, next) =>
        {
            var path = http.Request.Path.Value;
            if (path is not null && path.Contains("//", StringComparison.Ordinal))
            {
                while (path.Contains("//", StringComparison.Ordinal))
                {
                    path = path.Replace("//", "/", StringComparison.Ordinal);
                }
                http.Request.Path = path;
            }
            return next(http);
        });
        app.UseRouting();
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.Use(BasicAuthentication.Middleware));
        app.UseWhen(http => http.Request.Path.StartsWithSegments(MetricsAccess.Path), metrics => metrics.Use(MetricsAccess.Middleware));
        // Routing picks a built-in endpoint for a known path with another method; answer it in ONTAP's envelope.
        // No endpoint, in /api or outside it: ONTAP's 404 envelope rather than Kestrel's empty answer.
        app.Use((http, next) => http.GetEndpoint() switch
        {
            null => throw new OntapException(OntapErrors.ApiNotFound),
            // An endpoint newer than the release this cluster is (Keyhold:Ontap:Version) is one it does not have.
            { } newer when ClusterRelease.Lacks(http, newer) => throw new OntapException(OntapErrors.ApiNotFound),
            { DisplayName: "405 HTTP Method Not Supported" } => throw new OntapException(OntapErrors.MethodNotAllowed),
            _ => next(http),
        });

        app.MapCluster();
        app.MapNodes();
        app.MapJobs();
        app.MapSvms();
        app.MapAccounts();
        app.MapRoles();
        app.MapAccountPassword();
        app.MapVserverCli();
        app.MapCertificates();
        app.MapKeyManagers();
        app.MapKeyStores();
        app.MapKeyServers();
        app.MapKeyIds();
        app.MapAuthKeys();
        app.MapRestore();
        app.MapMigrate();
        app.MapOnboardRecover();
        app.MapVolumes();
        app.MapAuditMessages();
        app.MapAuditSettings();
        app.MapKeyManagerConfigs();
        app.MapKmip();
        app.MapCloudKms();
        app.MapHealth();
        app.MapPrometheusScrapingEndpoint(MetricsAccess.Path);
        app.MapDocs();
    }
}
