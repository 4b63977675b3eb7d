namespace Keyhold.Kmip;

public enum KmipObjectState
{
    PreActive = 1,
    Active = 2,
    Deactivated = 3,
    Compromised = 4,
    Destroyed = 5,
    DestroyedCompromised = 6,
}
