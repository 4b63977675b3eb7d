using System.Text.Json.Nodes;

namespace Keyhold.KeyManagers;

/// <summary>The external.* part of a key manager record. Filled in by the external key management work.</summary>
public sealed class ExternalView
{
    public Task<JsonObject> BuildAsync(KeyManager km, bool connectivity, CancellationToken ct) =>
        Task.FromResult(new JsonObject());

    public Task<JsonObject> StatusAsync(KeyManager km, CancellationToken ct) =>
        Task.FromResult(new JsonObject { ["code"] = 0, ["message"] = KeyManagerView.StatusOk });
}
