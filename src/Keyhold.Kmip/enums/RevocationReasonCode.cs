namespace Keyhold.Kmip;

public enum RevocationReasonCode
{
    Unspecified = 1,
    KeyCompromise = 2,
    CACompromise = 3,
    AffiliationChanged = 4,
    Superseded = 5,
    CessationOfOperation = 6,
    PrivilegeWithdrawn = 7,
}
