namespace Keyhold.Migration;

/// <summary>How one key's move ended when no step failed.</summary>
public enum KeyMoveResult
{
    /// <summary>The row names the destination and the source copy is destroyed.</summary>
    Moved,

    /// <summary>The row names the destination, but the source copy (on its key servers) could not be destroyed.</summary>
    SourceCopyLeft,

    /// <summary>The row was deleted (its volume went) or moved by another job meanwhile; the copy made was undone.</summary>
    Gone,
}
