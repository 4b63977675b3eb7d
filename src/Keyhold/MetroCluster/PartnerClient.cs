using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Keyhold.Keys;
using Keyhold.Ontap;
using Microsoft.Extensions.Options;

namespace Keyhold.MetroCluster;

/// <summary>
/// Reads the partner cluster's key manager through its ONTAP REST API, as any client would: authenticated HTTPS to the
/// configured partner only. What crosses is the onboard key_backup, in which every key is wrapped under the root key and
/// the root key under the passphrase; nothing unwrapped leaves either side and nothing of the answer is logged.
/// </summary>
public sealed class PartnerClient : IDisposable
{
    /// <summary>
    /// Every ordinary field (key_backup among them), so that a 9.16+ partner sends <c>enabled</c> and an older one,
    /// which has no such field, is not refused it (naming it in <c>fields</c> would be 262197 there).
    /// </summary>
    private const string Query = "/api/security/key-managers?scope=cluster&fields=*";

    private readonly MetroClusterOptions options;
    private readonly ILogger<PartnerClient> log;
    private readonly Lazy<HttpClient> http;

    public PartnerClient(IOptions<MetroClusterOptions> options, ILogger<PartnerClient> log)
    {
        this.options = options.Value;
        this.log = log;
        http = new Lazy<HttpClient>(Create);
    }

    /// <summary>Whether this cluster is part of a MetroCluster configuration.</summary>
    public bool Configured => options.Partner is not null;

    /// <summary>The partner's cluster key manager; 65537246 without a partner, 65536310 when the partner does not answer as it should.</summary>
    public async Task<PartnerKeyManager> ReadKeyManagerAsync(CancellationToken ct)
    {
        if (!Configured)
        {
            throw new OntapException(OntapErrors.SyncNotMetroCluster);
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Timeout);
            using var response = await http.Value.GetAsync(Query, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                log.LogWarning("MetroCluster partner {Partner} answered {Status}; treated as unhealthy.", options.Partner, (int)response.StatusCode);
                throw new OntapException(OntapErrors.MetroClusterPeerUnhealthy);
            }
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var json = await JsonDocument.ParseAsync(body, default, timeout.Token);
            return Parse(json.RootElement);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            // The type says enough (refused, TLS, timeout, not ONTAP JSON); messages could quote what the partner sent.
            log.LogWarning("MetroCluster partner {Partner} unreachable ({Reason}); treated as unhealthy.", options.Partner, e.GetType().Name);
            throw new OntapException(OntapErrors.MetroClusterPeerUnhealthy);
        }
    }

    private static PartnerKeyManager Parse(JsonElement root)
    {
        if (!root.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException("The partner's answer has no records.");
        }
        // A configuration the partner only staged (create_inactive, 9.16+) is not its key manager: its hierarchy is not
        // the one to adopt, and it does not make the partner an onboard or external site.
        foreach (var record in records.EnumerateArray().Where(IsKeyManager))
        {
            if (record.TryGetProperty("onboard", out var onboard) && onboard.ValueKind == JsonValueKind.Object)
            {
                var backup = onboard.TryGetProperty("key_backup", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
                return backup is null
                    ? throw new InvalidOperationException("The partner's onboard key manager has no key_backup.")
                    : new PartnerKeyManager(PartnerKeyManagerKind.Onboard, backup);
            }
            if (record.TryGetProperty("external", out var external) && external.ValueKind == JsonValueKind.Object)
            {
                return new PartnerKeyManager(PartnerKeyManagerKind.External, null);
            }
        }
        return new PartnerKeyManager(PartnerKeyManagerKind.None, null);
    }

    private static bool IsKeyManager(JsonElement record) =>
        InactiveConfigurations.IsKeyManagerOfItsSvm(Flag(record, "enabled"), record.TryGetProperty("onboard", out var onboard) ? Flag(onboard, "enabled") : null);

    private static bool? Flag(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    private HttpClient Create()
    {
        var trust = PartnerTrust.FromPemFile(options.PartnerCertificate!);
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => trust.Validate(certificate, errors) },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var client = new HttpClient(handler) { BaseAddress = options.Partner, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.PartnerUser}:{options.PartnerPassword}")));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public void Dispose()
    {
        if (http.IsValueCreated)
        {
            http.Value.Dispose();
        }
    }
}
