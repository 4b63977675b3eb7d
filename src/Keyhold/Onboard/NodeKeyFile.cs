using System.Security.Cryptography;
using System.Text;

namespace Keyhold.Onboard;

/// <summary>
/// The node key's PKCS#8 PEM file. It is written to a temporary file created with mode 0600 (never briefly
/// world-readable) and moved into place without overwriting, so two processes starting at once agree on one key.
/// </summary>
internal static class NodeKeyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static ECDiffieHellman LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = Path.GetFullPath(path);
        if (File.Exists(path))
            return Load(path);

        using var created = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var dir = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(dir);
        else
            Directory.CreateDirectory(dir, OwnerOnly | UnixFileMode.UserExecute);
        try
        {
            Write(created, temp);
            Install(temp, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process won the race; its key is the node key.
        }
        finally
        {
            File.Delete(temp);
        }
        return Load(path);
    }

    /// <summary>Puts the finished temporary file in place unless a node key is already there (then that one wins).</summary>
    private static void Install(string temp, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Move(temp, path, overwrite: false);
            return;
        }
        try
        {
            HardLink.TryCreate(temp, path); // false: another process's key is in place
        }
        catch (Exception e) when (e is IOException or DllNotFoundException or EntryPointNotFoundException && !File.Exists(path))
        {
            File.Move(temp, path, overwrite: false); // no hard links here: the older, racy way
        }
    }

    private static void Write(ECDiffieHellman key, string temp)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerOnly;

        var der = key.ExportPkcs8PrivateKey();
        var pem = PemEncoding.Write("PRIVATE KEY", der);
        var bytes = Encoding.ASCII.GetBytes(pem);
        try
        {
            using var stream = new FileStream(temp, options);
            stream.Write(bytes);
            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
            CryptographicOperations.ZeroMemory(bytes);
            Array.Clear(pem);
        }
    }

    private static ECDiffieHellman Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var chars = Encoding.ASCII.GetChars(bytes);
        var key = ECDiffieHellman.Create();
        try
        {
            // ImportFromPem would also accept a bare public key, which cannot unseal anything.
            if (!PemEncoding.TryFind(chars, out var fields) || !chars.AsSpan(fields.Label).SequenceEqual("PRIVATE KEY"))
                throw new CryptographicException("Not a PKCS#8 private key.");
            key.ImportFromPem(chars);
            NodeKey.RequireP256(key);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new CryptographicException($"The node key file '{path}' does not hold a P-256 private key.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            Array.Clear(chars);
        }
    }
}
