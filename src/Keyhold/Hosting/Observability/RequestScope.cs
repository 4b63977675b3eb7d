using System.Collections;

namespace Keyhold.Hosting.Observability;

/// <summary>
/// The logging scope of one request: every entry logged while it runs carries its ID (the JSON format lists it under
/// Scopes, the plain format prints it as request=ID).
/// </summary>
public sealed class RequestScope(string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string Key = "RequestId";

    public string RequestId { get; } = requestId;

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(Key, RequestId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Key}:{RequestId}";

    /// <summary>The innermost request ID among the current scopes, or null outside a request.</summary>
    public static string? Find(IExternalScopeProvider? scopes)
    {
        string? found = null;
        scopes?.ForEachScope((scope, _) =>
        {
            if (scope is RequestScope request)
            {
                found = request.RequestId;
            }
        }, (object?)null);
        return found;
    }
}
