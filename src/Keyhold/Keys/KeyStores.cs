using Keyhold.Ontap;

namespace Keyhold.Keys;

/// <summary>
/// The registered key stores, one per key manager kind (register more with AddSingleton&lt;IKeyStore, T&gt;). As with any
/// service, the last registration of a kind wins, so a host can wrap or replace a store.
/// </summary>
public sealed class KeyStores(IEnumerable<IKeyStore> stores)
{
    private readonly IKeyStore[] all = stores.ToArray();

    /// <summary>The store for a key manager kind; 400 when none is registered (no fake success for external keys).</summary>
    public IKeyStore For(string kind, string? target = null) =>
        Find(kind) ?? throw OntapErrors.KeyStoreUnavailable.With(target, kind);

    public IKeyStore? Find(string kind) => all.LastOrDefault(s => s.Kind == kind);
}
