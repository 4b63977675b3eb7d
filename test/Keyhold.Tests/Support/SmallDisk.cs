using System.Diagnostics;

namespace Keyhold.Tests.Support;

/// <summary>
/// A tmpfs of a few megabytes mounted in a temporary folder, so a test can fill a disk without touching the machine's.
/// Needs the right to mount (root, or CAP_SYS_ADMIN); where the machine refuses, the test is skipped with the reason.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    private string FillerPath => System.IO.Path.Combine(Path, "filler");

    public static SmallDisk Mount(int megabytes)
    {
        var path = TempDir.Create();
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0755", "tmpfs", path);
        Skip.If(code != 0, $"this machine refuses to mount a small tmpfs for the disk-full test (mount: {error.Trim()})");
        return new SmallDisk(path);
    }

    /// <summary>Writes a file until the disk refuses (ENOSPC); returns its size.</summary>
    public long Fill()
    {
        var chunk = new byte[64 * 1024];
        using var file = new FileStream(FillerPath, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true)
            {
                file.Write(chunk);
            }
        }
        catch (IOException)
        {
            // Full. Whatever part of the last chunk fit stays written.
        }
        return new FileInfo(FillerPath).Length;
    }

    public void Free() => File.Delete(FillerPath);

    private static (int Code, string Error) Run(string program, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the run's temporary folder to take.
        }
    }
}
