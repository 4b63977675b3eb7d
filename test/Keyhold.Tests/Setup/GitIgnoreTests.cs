using System.Diagnostics;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Setup;

/// <summary>What README's commands create in the repository is never offered for commit.</summary>
public sealed class GitIgnoreTests
{
    [SkippableTheory]
    [InlineData("data/keyhold.db")]             // README's dotnet run, started at the root
    [InlineData("data/node-key.pem")]
    [InlineData("src/Keyhold/data/tls.key")]    // the same started in the project folder
    [InlineData("test/data/node.json")]         // or anywhere else in the tree
    [InlineData("publish/keyhold")]             // README's dotnet publish -o publish
    [InlineData(".kmip/a/certs/client.key")]    // PyKMIP servers a bare dotnet test starts
    public void Created_files_are_ignored(string path)
    {
        Skip.IfNot(Directory.Exists(Repository.PathOf(".git")) || File.Exists(Repository.PathOf(".git")), "not a git checkout");
        var check = Process.Start(new ProcessStartInfo("git", ["-C", Repository.Root, "check-ignore", "--no-index", "-q", path])
        {
            RedirectStandardError = true,
        })!;
        check.WaitForExit();
        Assert.True(check.ExitCode == 0, $"{path} is not ignored: {check.StandardError.ReadToEnd()}");
    }

    [SkippableFact]
    public void Source_is_not_ignored()
    {
        Skip.IfNot(Directory.Exists(Repository.PathOf(".git")) || File.Exists(Repository.PathOf(".git")), "not a git checkout");
        var check = Process.Start(new ProcessStartInfo("git", ["-C", Repository.Root, "check-ignore", "--no-index", "-q", "src/Keyhold/Hosting/Bootstrap.cs"]))!;
        check.WaitForExit();
        Assert.Equal(1, check.ExitCode);
    }
}
