namespace Keyhold.Hosting.Observability;

/// <summary>Who may scrape /metrics (Keyhold:Metrics:Access): anonymous, authenticated (any account; the default) or admin.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Keyhold:Metrics";

    public const string Anonymous = "anonymous", Authenticated = "authenticated", Admin = "admin";

    public string Access { get; set; } = Authenticated;

    public bool IsValid => Access is Anonymous or Authenticated or Admin;
}
