using System.Globalization;

namespace Keyhold.Ontap;

/// <summary>
/// An ONTAP release (generation.major.minor, e.g. 9.14.1): the one a cluster reports in <c>/api/cluster</c>, or the one a
/// resource, endpoint or field appeared in (<see cref="VersionTable"/>).
/// </summary>
public sealed record OntapVersion(int Generation, int Major, int Minor) : IComparable<OntapVersion>
{
    public static readonly OntapVersion V9_6 = new(9, 6, 0);
    public static readonly OntapVersion V9_7 = new(9, 7, 0);
    public static readonly OntapVersion V9_8 = new(9, 8, 0);
    public static readonly OntapVersion V9_9 = new(9, 9, 0);
    public static readonly OntapVersion V9_10 = new(9, 10, 0);
    public static readonly OntapVersion V9_11 = new(9, 11, 0);
    public static readonly OntapVersion V9_11_1 = new(9, 11, 1);
    public static readonly OntapVersion V9_12 = new(9, 12, 0);
    public static readonly OntapVersion V9_13 = new(9, 13, 0);
    public static readonly OntapVersion V9_14 = new(9, 14, 0);
    public static readonly OntapVersion V9_15 = new(9, 15, 0);
    public static readonly OntapVersion V9_16 = new(9, 16, 0);
    public static readonly OntapVersion V9_17 = new(9, 17, 0);

    /// <summary>The oldest release a cluster may report: the key-manager contract Keyhold was built from.</summary>
    public static readonly OntapVersion Oldest = V9_7;

    /// <summary>The newest release a cluster may report: the newest whose documentation was read.</summary>
    public static readonly OntapVersion Newest = new(9, 17, 1);

    /// <summary>Parses "9.14.1" (or "9.14", minor 0).</summary>
    public static bool TryParse(string? text, out OntapVersion version)
    {
        version = V9_7;
        var parts = (text ?? "").Trim().Split('.');
        if (parts.Length is < 2 or > 3)
            return false;
        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]) || numbers[i] > 99)
                return false;
        }

        version = new OntapVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    public int CompareTo(OntapVersion? other) =>
        other is null ? 1
        : Generation != other.Generation ? Generation.CompareTo(other.Generation)
        : Major != other.Major ? Major.CompareTo(other.Major)
        : Minor.CompareTo(other.Minor);

    public static bool operator <(OntapVersion a, OntapVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(OntapVersion a, OntapVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(OntapVersion a, OntapVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(OntapVersion a, OntapVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Generation}.{Major}.{Minor}";
}
