namespace Keyhold.Migration;

/// <summary>POST .../key-managers/{source.uuid}/migrate: move an SVM's keys from <paramref name="SourceUuid"/> to <paramref name="DestinationUuid"/> (null: not given).</summary>
public sealed record MigrateKeys(string SourceUuid, string? DestinationUuid);
