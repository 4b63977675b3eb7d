namespace Keyhold.Storage;

/// <summary>One SQL statement with its parameters, to be sent with others in one round trip (<see cref="Db.ExecuteAllAsync"/>).</summary>
public sealed record Statement(string Sql, params (string Name, object? Value)[] Parameters);
