using Keyhold.Kmip;
using Keyhold.KmipServer.Operations;

namespace Keyhold.KmipServer;

/// <summary>The operations this server implements, each mapped onto its handler; anything else is Operation Not Supported.</summary>
public sealed class KmipOperationTable
{
    private readonly Dictionary<KmipOperation, Func<KmipCall, CancellationToken, Task<byte[]>>> handlers;

    public KmipOperationTable(ObjectOperations objects, AttributeOperations attributes, LifecycleOperations lifecycle, LocateOperation locate)
    {
        handlers = new()
        {
            [KmipOperation.Create] = objects.CreateAsync,
            [KmipOperation.Register] = objects.RegisterAsync,
            [KmipOperation.Get] = objects.GetAsync,
            [KmipOperation.Locate] = locate.LocateAsync,
            [KmipOperation.GetAttributes] = attributes.GetAttributesAsync,
            [KmipOperation.GetAttributeList] = attributes.GetAttributeListAsync,
            [KmipOperation.AddAttribute] = attributes.AddAttributeAsync,
            [KmipOperation.ModifyAttribute] = attributes.ModifyAttributeAsync,
            [KmipOperation.DeleteAttribute] = attributes.DeleteAttributeAsync,
            [KmipOperation.Activate] = lifecycle.ActivateAsync,
            [KmipOperation.Revoke] = lifecycle.RevokeAsync,
            [KmipOperation.Destroy] = lifecycle.DestroyAsync,
            [KmipOperation.Check] = lifecycle.CheckAsync,
            [KmipOperation.Query] = (call, _) => Task.FromResult(ServerInfoOperations.Query(call, Supported)),
            [KmipOperation.DiscoverVersions] = (call, _) => Task.FromResult(ServerInfoOperations.DiscoverVersions(call)),
        };
    }

    /// <summary>In the order Query lists them.</summary>
    public IEnumerable<KmipOperation> Supported => handlers.Keys.OrderBy(o => o);

    public Func<KmipCall, CancellationToken, Task<byte[]>>? Find(uint operation) =>
        handlers.TryGetValue((KmipOperation)operation, out var handler) ? handler : null;
}
