using System.Runtime.InteropServices;

namespace Keyhold.Onboard;

/// <summary>
/// link(2): puts a finished file in place under a new name only if that name is free, atomically. File.Move without
/// overwrite checks and renames in two steps on some file systems, so two processes starting at once could each
/// install, and keep, a different node key.
/// </summary>
internal static partial class HardLink
{
    private const int AlreadyExists = 17; // EEXIST on Linux

    /// <summary>True when <paramref name="target"/> now names <paramref name="source"/>'s file; false when it already existed.</summary>
    /// <exception cref="IOException">link(2) failed for another reason (e.g. the file system has no hard links).</exception>
    public static bool TryCreate(string source, string target)
    {
        if (Link(source, target) == 0)
        {
            return true;
        }
        var error = Marshal.GetLastPInvokeError();
        return error == AlreadyExists ? false : throw new IOException($"link failed with errno {error}.");
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Link(string source, string target);
}
