namespace Keyhold.Kmip;

/// <summary>What the server does after a failed batch item; KMIP's default is Stop.</summary>
public enum BatchErrorContinuation
{
    Continue = 1,
    Stop = 2,
    Undo = 3,
}
