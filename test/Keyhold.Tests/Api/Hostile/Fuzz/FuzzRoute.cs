namespace Keyhold.Tests.Api.Hostile.Fuzz;

/// <summary>A mapped route: its template (e.g. /api/storage/volumes/{uuid}) and the methods it answers.</summary>
public sealed record FuzzRoute(string Template, string[] Methods)
{
    public override string ToString() => $"{string.Join('|', Methods)} {Template}";
}
