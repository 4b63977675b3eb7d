namespace Keyhold.Tests.Support;

/// <summary>Where the tests run from: the repository around the test assembly and the configuration it was built in.</summary>
public static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(d.FullName, "Keyhold.slnx")))
            {
                return d.FullName;
            }
        }
        throw new InvalidOperationException("Keyhold.slnx not found above " + AppContext.BaseDirectory);
    });

    public static string Root => LazyRoot.Value;

    /// <summary>Release or Debug: the folder above the target framework's in bin/CONFIG/net10.0/.</summary>
    public static string Configuration => System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/')))!;

    public static string PathOf(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
