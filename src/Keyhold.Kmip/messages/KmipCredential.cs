namespace Keyhold.Kmip;

/// <summary>Username/password carried in the request header's Authentication structure.</summary>
public sealed class KmipCredential
{
    public KmipCredential(string username, string? password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        Username = username;
        Password = password;
    }

    public string Username { get; }

    public string? Password { get; }

    /// <summary>Never reveals the password.</summary>
    public override string ToString() => $"KmipCredential({Username}, password {(Password is null ? "unset" : "set")})";
}
