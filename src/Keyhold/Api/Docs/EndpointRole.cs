namespace Keyhold.Api.Docs;

/// <summary>Where an endpoint sits relative to the resource schema it serves; decides its parameters and answers.</summary>
public enum EndpointRole
{
    /// <summary>Not a schema's path (the docs, the home page, anything mapped without a schema).</summary>
    Other,

    /// <summary>The schema's collection path: GET lists, POST creates, PATCH/DELETE act on every match.</summary>
    Collection,

    /// <summary>The collection path plus one key segment.</summary>
    Instance,

    /// <summary>The collection path of a schema without key fields (/api/cluster, action endpoints).</summary>
    Singleton,
}
