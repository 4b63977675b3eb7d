using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.KeyManagers;
using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.Api.KeyManagers;

/// <summary>
/// The bytes of recent GETs of one key manager, each kept with the store's change stamp taken just before it was read
/// (<see cref="IStore.ChangeStampAsync(CancellationToken)"/>): while that stamp stays the same nothing (no node, no door,
/// no SQL by hand) has committed anything since, so the same request gets the same bytes after one read of the stamp
/// instead of reading the row and its key_backup and writing the record again (the per-request floor, docs/scaling.md).
/// Any commit moves the stamp, so the next GET builds its answer afresh. A store without one (PostgreSQL) keeps nothing here.
/// <para>
/// Only what comes from that one read is kept (<see cref="KeyManagerRecord.Version"/>: no status, no external
/// configuration), and only small answers: a key_backup of many keys streams out as before. An answer is kept per
/// request shape: the key manager, the query string, plain or HAL JSON, and whether the caller may read key_backup; the
/// SVM scope is checked on every request against the kept record's SVM, and authentication, roles and the audit run
/// before the handler as for any request.
/// </para>
/// </summary>
public sealed class KeyManagerAnswers(IStore store)
{
    /// <summary>Largest answer kept: the small GET; a key_backup of ~150 keys and more is written afresh each time.</summary>
    internal const int MaxBytes = 64 * 1024;

    /// <summary>Most answers kept; past it, all are dropped and kept again as they are asked for.</summary>
    private const int MaxAnswers = 64;

    private readonly ConcurrentDictionary<Shape, Answer> answers = new();

    private long hits;

    /// <summary>GETs answered from kept bytes (for the tests of this path).</summary>
    internal long Hits => Interlocked.Read(ref hits);

    /// <summary>What a GET asks for; the same shape gets the same bytes while nothing changed.</summary>
    public readonly record struct Shape(Guid KeyManager, string Query, bool Plain, bool MayReadSecrets);

    /// <summary>A kept answer: the body, the record's SVM (for the scope check), whether it holds key_backup.</summary>
    public sealed record Answer(long Version, Guid? Svm, bool WithKeyBackup, byte[] Body);

    /// <summary>The kept answer for <paramref name="shape"/> when the store has not moved since it was read; else null.</summary>
    public async ValueTask<Answer?> FindAsync(Shape shape, CancellationToken ct)
    {
        if (!answers.TryGetValue(shape, out var answer) || await store.ChangeStampAsync(ct) != answer.Version)
        {
            return null;
        }
        Interlocked.Increment(ref hits);
        return answer;
    }

    /// <summary>
    /// The body of <paramref name="json"/> (the record of <paramref name="record"/>) projected through
    /// <paramref name="selection"/>, kept for <paramref name="shape"/>; null when it may not be kept (read apart from the
    /// version, or too large): then the caller writes the record as it always did.
    /// </summary>
    public Answer? Keep(Shape shape, KeyManagerRecord record, JsonObject json, FieldSelection selection)
    {
        if (record.Version is not { } version || record.KeyBackup?.EscapedLength > MaxBytes)
        {
            return null;
        }
        var body = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(body, OntapBodyResult.WriterOptions))
        {
            selection.WriteProjected(writer, json, shape.Plain, root: true);
        }
        if (body.WrittenCount > MaxBytes)
        {
            return null;
        }
        if (answers.Count >= MaxAnswers)
        {
            answers.Clear();
        }
        var answer = new Answer(version, record.KeyManager.SvmUuid, record.HasKeyBackup, body.WrittenSpan.ToArray());
        answers[shape] = answer;
        return answer;
    }
}
