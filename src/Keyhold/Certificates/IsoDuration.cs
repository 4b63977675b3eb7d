using System.Globalization;
using System.Text.RegularExpressions;

namespace Keyhold.Certificates;

/// <summary>
/// ISO-8601 durations as ONTAP takes them for expiry_time on POST (e.g. <c>P365DT</c>). Calendar units are fixed,
/// since a certificate validity has no anchor date: a year is 365 days, a month 30 days, a week 7 days.
/// </summary>
public static partial class IsoDuration
{
    /// <summary>ONTAP's shortest allowed expiry_time.</summary>
    public static readonly TimeSpan MinExpiry = TimeSpan.FromDays(1);

    /// <summary>ONTAP's longest allowed expiry_time: 10 years of 365 days.</summary>
    public static readonly TimeSpan MaxExpiry = TimeSpan.FromDays(3650);

    /// <summary>ONTAP's default expiry_time, P365DT.</summary>
    public static readonly TimeSpan DefaultExpiry = TimeSpan.FromDays(365);

    /// <summary>Parses <c>PnYnMnWnDTnHnMnS</c> (integer units; a trailing <c>T</c> as in <c>P365DT</c> is accepted).</summary>
    /// <exception cref="FormatException">Not a non-empty, non-negative duration of that form, or too large.</exception>
    public static TimeSpan Parse(string text)
    {
        var m = text is null ? null : Pattern().Match(text);
        if (m is null || !m.Success || !HasAnyUnit(m))
            throw new FormatException($"'{text}' is not an ISO-8601 duration such as P365DT, P1Y or PT12H.");

        try
        {
            return checked(TimeSpan.FromDays(Unit(m, "y") * 365 + Unit(m, "mo") * 30 + Unit(m, "w") * 7 + Unit(m, "d"))
                + TimeSpan.FromHours(Unit(m, "h")) + TimeSpan.FromMinutes(Unit(m, "mi")) + TimeSpan.FromSeconds(Unit(m, "s")));
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            throw new FormatException($"The duration '{text}' is too large.", ex);
        }
    }

    /// <summary>Non-throwing <see cref="Parse"/>.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        try
        {
            duration = Parse(text!);
            return true;
        }
        catch (FormatException)
        {
            duration = default;
            return false;
        }
    }

    /// <summary>True when <paramref name="duration"/> is within ONTAP's expiry_time range, 1 day to 10 years inclusive.</summary>
    public static bool IsValidExpiry(TimeSpan duration) => duration >= MinExpiry && duration <= MaxExpiry;

    private static bool HasAnyUnit(Match m) => m.Groups.Cast<Group>().Skip(1).Any(g => g.Success);

    private static long Unit(Match m, string name) =>
        m.Groups[name].Success ? long.Parse(m.Groups[name].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    // Digits are capped at 9 so each unit fits comfortably before the checked arithmetic above.
    [GeneratedRegex(@"^P(?:(?<y>\d{1,9})Y)?(?:(?<mo>\d{1,9})M)?(?:(?<w>\d{1,9})W)?(?:(?<d>\d{1,9})D)?(?:T(?:(?<h>\d{1,9})H)?(?:(?<mi>\d{1,9})M)?(?:(?<s>\d{1,9})S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
