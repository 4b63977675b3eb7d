namespace Keyhold.Ontap;

/// <summary>Which write a request body is for: POST (Create) or PATCH/DELETE (Modify).</summary>
public enum Operation
{
    Create,
    Modify,
}
