namespace Keyhold.Tests.Support;

public static class TempDir
{
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "keyhold-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
