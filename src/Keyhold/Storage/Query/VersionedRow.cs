using System.Data.Common;

namespace Keyhold.Storage.Query;

/// <summary>
/// One state of a stored row, as a key for what was made from it: the store it was read from, the version the store gave
/// the row (<c>row_version</c>, new at every insert and update, see the schema step) and the version of the row its
/// record also shows (a volume's SVM, for its name; 0 when none). Equal keys mean the same record.
/// <para>
/// A version names the row as well as its state: PostgreSQL takes every version of both tables from one sequence, so no
/// two rows ever share one; SQLite draws a random 64-bit value, so two rows share one by a 1 in 2^64 chance per write.
/// Only rows stored before the row-version step still hold 0, the one value many rows share: for them the uuid is read
/// and is part of the key (<see cref="Uuid"/>; <see cref="Guid.Empty"/> otherwise). <see cref="Store"/> keeps rows of two
/// stores apart in one process (tests run many), since two PostgreSQL databases count their sequences alike.
/// </para>
/// </summary>
public readonly struct RowVersion(object store, Guid uuid, long version, long parentVersion) : IEquatable<RowVersion>
{
    public object Store { get; } = store;

    /// <summary>The row's uuid when <see cref="Version"/> is 0 (a row not written since the step), else empty.</summary>
    public Guid Uuid { get; } = uuid;

    public long Version { get; } = version;

    public long ParentVersion { get; } = parentVersion;

    public bool Equals(RowVersion other) =>
        Version == other.Version && ParentVersion == other.ParentVersion && Uuid == other.Uuid && ReferenceEquals(Store, other.Store);

    public override bool Equals(object? obj) => obj is RowVersion other && Equals(other);

    // The versions are random (SQLite) or a sequence (PostgreSQL): they spread well without the uuid or the store.
    public override int GetHashCode() => HashCode.Combine(Version, ParentVersion, Uuid);

    public static bool operator ==(RowVersion left, RowVersion right) => left.Equals(right);

    public static bool operator !=(RowVersion left, RowVersion right) => !left.Equals(right);
}

/// <summary>
/// A page row as the store hands it over: its <see cref="Version"/> read at once (one or two integer columns; the uuid
/// too only for a row that has no version yet), its value read from the same reader row only when asked. A page that
/// already holds a row's record (Api/Ontap/RowBytes) then reads two of its columns instead of all of them: on SQLite
/// each column read is one or two native calls, and a text column a string besides.
/// Valid only inside the callback it was handed to: the reader moves on after it.
/// </summary>
/// <typeparam name="T">The row's value, read by the repository's own mapping.</typeparam>
public sealed class VersionedRow<T>
    where T : class
{
    private readonly object store;
    private readonly Func<DbDataReader, T> read;
    private readonly int versionAt;
    private readonly int parentVersionAt;
    private DbDataReader? reader;
    private T? value;

    /// <param name="store">The store the rows come from (part of each <see cref="RowVersion"/>).</param>
    /// <param name="read">The value from the reader's current row (its uuid in column 0).</param>
    /// <param name="versionAt">The column of the row's version.</param>
    /// <param name="parentVersionAt">The column of the parent row's version, or -1.</param>
    internal VersionedRow(object store, Func<DbDataReader, T> read, int versionAt, int parentVersionAt) =>
        (this.store, this.read, this.versionAt, this.parentVersionAt) = (store, read, versionAt, parentVersionAt);

    public RowVersion Version { get; private set; }

    /// <summary>The row's value, read from its columns on first use.</summary>
    public T Value => value ??= read(reader!);

    /// <summary>The reader's current row: its version now, its value when asked.</summary>
    internal VersionedRow<T> MoveTo(DbDataReader current)
    {
        reader = current;
        value = null;
        var version = current.GetInt64(versionAt);
        Version = new RowVersion(store, version == 0 ? Guid.Parse(current.GetString(0)) : Guid.Empty, version,
            parentVersionAt < 0 ? 0 : current.GetInt64(parentVersionAt));
        return this;
    }
}
