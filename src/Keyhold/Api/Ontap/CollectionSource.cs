using System.Text.Json;
using System.Text.Json.Nodes;

using Keyhold.Ontap;

using Keyhold.Storage.Query;

namespace Keyhold.Api.Ontap;

/// <summary>Where a collection GET's rows come from and how a row becomes its record; see <see cref="OntapCollection"/>.</summary>
/// <typeparam name="T">A row as the repository reads it.</typeparam>
public sealed class CollectionSource<T>
{
    /// <summary>
    /// Hands the plan's rows, in plan order (<see cref="SqlPlan.ToSql"/>), one by one to the callback until it answers
    /// false. Rows are not kept: the page is written while the store reads.
    /// </summary>
    public required Func<SqlPlan, Func<T, ValueTask<bool>>, CancellationToken, Task> Stream { get; init; }

    /// <summary>The full record of a row (in-memory filters read it; <c>fields</c> projects it).</summary>
    public required Func<T, JsonObject> ToJson { get; init; }

    /// <summary>
    /// Counts the rows the plan's WHERE keeps, in the store (<c>return_records=false</c> with every filter in SQL);
    /// null counts by streaming.
    /// </summary>
    public Func<SqlPlan, CancellationToken, Task<long>>? Count { get; init; }

    /// <summary>
    /// Writes a row's projected record straight to the writer (the selection, plain JSON), the same bytes as projecting
    /// <see cref="ToJson"/>'s record, for when no filter needs the record itself; null projects <see cref="ToJson"/>.
    /// </summary>
    public Action<Utf8JsonWriter, T, FieldSelection, bool>? Write { get; init; }

    /// <summary>
    /// True when a row's record is made from its stored row alone (nothing of the clock, the node or another service), so
    /// a whole page may be kept while the store has not changed (<see cref="PageAnswers"/>).
    /// </summary>
    public bool Keep { get; init; }
}
