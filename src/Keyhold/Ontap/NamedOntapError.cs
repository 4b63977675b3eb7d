namespace Keyhold.Ontap;

/// <summary>One row of <see cref="OntapErrors"/> with the name it has in the table.</summary>
public sealed record NamedOntapError(string Name, OntapError Error);
