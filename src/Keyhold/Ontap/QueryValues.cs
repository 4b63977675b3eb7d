using System.Globalization;

namespace Keyhold.Ontap;

/// <summary>Parses the values of control parameters; 262197 with the parameter as target on a bad value.</summary>
internal static class QueryValues
{
    public static int Integer(string name, string? text, int min, int max)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        throw OntapErrors.InvalidFieldValue.With(name, text ?? "", name);
    }

    public static bool Boolean(string name, string? text) =>
        bool.TryParse(text, out var value) ? value : throw OntapErrors.InvalidFieldValue.With(name, text ?? "", name);

    public static TimeSpan ReturnTimeout(string? text) =>
        TimeSpan.FromSeconds(Integer(QueryParameters.ReturnTimeout, text, 0, QueryParameters.MaxReturnTimeout));
}
