using System.Reflection;

namespace Keyhold.Ontap;

/// <summary>
/// <see cref="OntapErrors"/> as data, read by reflection so that a row added to the table is listed without
/// anyone remembering to list it (the API document publishes every code from here).
/// </summary>
public static class OntapErrorTable
{
    private static readonly Lazy<IReadOnlyList<NamedOntapError>> Rows = new(Read);

    /// <summary>Every error the service can return, ordered by HTTP status, then code, then name.</summary>
    public static IReadOnlyList<NamedOntapError> All => Rows.Value;

    private static List<NamedOntapError> Read() =>
    [
        .. typeof(OntapErrors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(OntapError))
            .Select(f => new NamedOntapError(f.Name, (OntapError)f.GetValue(null)!))
            .OrderBy(e => e.Error.Status)
            .ThenBy(e => e.Error.Code.Length)
            .ThenBy(e => e.Error.Code, StringComparer.Ordinal)
            .ThenBy(e => e.Name, StringComparer.Ordinal),
    ];
}
