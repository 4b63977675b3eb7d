namespace Keyhold.Ontap;

/// <summary>JSON type of a field; drives filter parsing, comparison and body type checks.</summary>
public enum FieldKind
{
    String,
    Integer,
    Boolean,

    /// <summary>ISO 8601 text in JSON.</summary>
    DateTime,

    /// <summary>A container such as "svm" or "onboard" (its children are separate fields).</summary>
    Object,
}
