using System.Data.Common;

namespace Keyhold.Storage.Query;

/// <summary>
/// One state of a stored row: its uuid, the version the store gave it (<c>row_version</c>, new at every insert and
/// update, see the schema step) and the version of the row its record also shows (a volume's SVM, for its name; 0 when
/// none). Equal versions mean the same record.
/// </summary>
public readonly record struct RowVersion(Guid Uuid, long Version, long ParentVersion);

/// <summary>
/// A page row as the store hands it over: its <see cref="Version"/> read at once (three columns), its value read from
/// the same reader row only when asked. A page that already holds a row's record (Api/Ontap/RowBytes) then reads three
/// of its columns instead of all of them: on SQLite each column read is one or two native calls and a string.
/// Valid only inside the callback it was handed to: the reader moves on after it.
/// </summary>
/// <typeparam name="T">The row's value, read by the repository's own mapping.</typeparam>
public sealed class VersionedRow<T>
    where T : class
{
    private readonly Func<DbDataReader, T> read;
    private readonly int versionAt;
    private readonly int parentVersionAt;
    private DbDataReader? reader;
    private T? value;

    /// <param name="read">The value from the reader's current row (its uuid in column 0).</param>
    /// <param name="versionAt">The column of the row's version.</param>
    /// <param name="parentVersionAt">The column of the parent row's version, or -1.</param>
    internal VersionedRow(Func<DbDataReader, T> read, int versionAt, int parentVersionAt) =>
        (this.read, this.versionAt, this.parentVersionAt) = (read, versionAt, parentVersionAt);

    public RowVersion Version { get; private set; }

    /// <summary>The row's value, read from its columns on first use.</summary>
    public T Value => value ??= read(reader!);

    /// <summary>The reader's current row: its version now, its value when asked.</summary>
    internal VersionedRow<T> MoveTo(DbDataReader current)
    {
        reader = current;
        value = null;
        Version = new RowVersion(Guid.Parse(current.GetString(0)), current.GetInt64(versionAt),
            parentVersionAt < 0 ? 0 : current.GetInt64(parentVersionAt));
        return this;
    }
}
