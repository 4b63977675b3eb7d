using Keyhold.Keys;
using Keyhold.Ontap;

namespace Keyhold.KeyRestore;

/// <summary>
/// The job's message: how many keys were checked and restored, which were restored where, and why any was not. Key IDs and
/// server names only; a long list is cut so a job row stays small.
/// </summary>
public sealed class RestoreReport(string node)
{
    private const int Listed = 10;

    private readonly List<KeyRepair> restored = [];
    private readonly List<(DataKey Key, string Why)> failed = [];
    private int whole;
    private int checkedKeys;

    /// <param name="recorded">Whether the copies the repair added are stored in the key's row.</param>
    public void Add(KeyRepair repair, bool recorded)
    {
        checkedKeys++;
        if (repair.Added.Count > 0 && recorded)
        {
            restored.Add(repair);
        }
        if (!recorded)
        {
            failed.Add((repair.Key, "the key changed while it was being restored"));
        }
        else if (repair.Failure is { } why)
        {
            failed.Add((repair.Key, why));
        }
        else if (repair.Added.Count == 0)
        {
            whole++;
        }
    }

    public string Message
    {
        get
        {
            var text = $"Checked {checkedKeys} key(s) for node {node}: {restored.Count} restored, {whole} already on every primary key server, {failed.Count} not restored.";
            if (restored.Count > 0)
            {
                text += " Restored: " + List(restored.Select(r => $"{r.Key.KeyId} on {string.Join(", ", r.Added.Select(a => a.Server))}"), restored.Count) + ".";
            }
            if (failed.Count > 0)
            {
                text += " Not restored: " + List(failed.Select(f => $"{f.Key.KeyId} ({f.Why})"), failed.Count) + ".";
            }
            return text;
        }
    }

    /// <summary>Null when every key is whole; else ONTAP's error for the kind of key that failed (a volume key's first).</summary>
    public OntapException? Failure()
    {
        if (failed.Count == 0)
        {
            return null;
        }
        var error = failed.Any(f => f.Key.KeyType != AuthKeyTypes.NseAk) ? OntapErrors.RestoreVekFailed : OntapErrors.RestoreAuthKeyFailed;
        // The code stays ONTAP's; the message adds what happened, as the job's message.
        return new OntapException(error with { Message = $"{error.Message} {Message}" });
    }

    private static string List(IEnumerable<string> items, int count) =>
        string.Join("; ", items.Take(Listed)) + (count > Listed ? $"; and {count - Listed} more" : "");
}
