namespace Keyhold.Ontap;

/// <summary>
/// THE table of every error the service returns. Resources throw <c>OntapErrors.X.With(target, args)</c>;
/// no other place invents codes or messages. Codes come from ONTAP 9.7 (reference ontap-api.md §1.5 and §3);
/// the ones marked "Keyhold choice" are not confirmed in public ONTAP documentation.
/// </summary>
public static partial class OntapErrors
{
    // ---- Generic REST errors -------------------------------------------------------------------------------

    /// <summary>Unknown instance; target = the key field (e.g. "uuid").</summary>
    public static readonly OntapError EntryNotFound = new(404, "4", "entry doesn't exist");

    /// <summary>Unknown path under /api (Ansible's rest_info swallows code 3).</summary>
    public static readonly OntapError ApiNotFound = new(404, "3", "API not found");

    /// <summary>
    /// A cloud key manager (Azure Key Vault, Google Cloud KMS, AWS KMS, Barbican): not offered by Keyhold, any method, any
    /// release; {0} = the resource. Keyhold choice: ONTAP's "API not found" status and code, so na_ontap_rest_info (which
    /// tolerates code 3 only) reads it as a missing API, with a message that says why.
    /// </summary>
    public static readonly OntapError CloudKmsNotOffered = new(404, "3", "API not found: {0} is a cloud key manager, which Keyhold does not offer (Keyhold keeps keys onboard or on KMIP key servers).");

    /// <summary>Unknown query parameter or body field; {0} = its name.</summary>
    public static readonly OntapError UnexpectedArgument = new(400, "262179", "Unexpected argument \"{0}\".");

    /// <summary>Bad value; {0} = the value, {1} = the field or parameter.</summary>
    public static readonly OntapError InvalidFieldValue = new(400, "262197", "The value \"{0}\" is invalid for field \"{1}\"");

    /// <summary>Read-only, create-only (in PATCH) or modify-only (in POST) field in a body; {0} = the field. Code unverified.</summary>
    public static readonly OntapError FieldNotAllowed = new(400, "262196", "Field \"{0}\" cannot be set in this operation.");

    /// <summary>Body is not a JSON object. Keyhold choice (code and text are not confirmed in public ONTAP documentation).</summary>
    public static readonly OntapError InvalidJson = new(400, "262185", "Invalid JSON input in the request body.");

    /// <summary>Body larger than Keyhold accepts; {0} = the limit in bytes. Keyhold choice (code and text are not confirmed in public ONTAP documentation).</summary>
    public static readonly OntapError BodyTooLarge = new(413, "262190", "The request body is larger than {0} bytes.");

    /// <summary>More filter alternatives in one query than Keyhold evaluates; {0} = the limit. Keyhold choice of text (262197: invalid value).</summary>
    public static readonly OntapError TooManyFilterTerms = new(400, "262197", "The query has more than {0} filter terms (counting each \"|\" alternative).");

    /// <summary>Required field missing; {0} = the field. Keyhold choice of code.</summary>
    public static readonly OntapError MissingField = new(400, "262186", "Field \"{0}\" is required.");

    /// <summary>No or bad credentials. Code 6 is what Ansible maps to "user is not authorized".</summary>
    public static readonly OntapError Unauthorized = new(401, "6", "not authenticated");

    /// <summary>
    /// A password check refused before it ran: this client address or this account name spent its budget of checks
    /// (Security/LoginLimiter). Keyhold choice (ONTAP documents no such answer); code 6 so clients treat it as a refused login.
    /// </summary>
    public static readonly OntapError LoginThrottled = new(429, "6", "Too many login attempts from this client or for this account. Retry later.");

    /// <summary>Authenticated but the role does not allow the call.</summary>
    public static readonly OntapError Forbidden = new(403, "6", "not authorized for that command");

    /// <summary>Known path, unsupported method. Keyhold choice of code.</summary>
    public static readonly OntapError MethodNotAllowed = new(405, "5", "Method not allowed.");

    /// <summary>Request target (path and query) longer than Keyhold reads; {0} = the limit. Keyhold choice of code and text.</summary>
    public static readonly OntapError UriTooLong = new(414, "262191", "The request URI is longer than {0} bytes.");

    /// <summary>Request headers larger in total than Keyhold reads; {0} = the limit. Keyhold choice of code and text.</summary>
    public static readonly OntapError HeadersTooLarge = new(431, "262192", "The request headers are larger than {0} bytes.");

    /// <summary>
    /// The store cannot be reached (PostgreSQL down or restarting): nothing was changed, the request may be repeated.
    /// Keyhold choice of code and text.
    /// </summary>
    public static readonly OntapError StoreUnavailable = new(503, "262193", "The cluster store is not reachable; nothing was changed. Retry later.");

    /// <summary>The store's disk is full: the change was not made, reads still work. Keyhold choice of code and text.</summary>
    public static readonly OntapError StoreFull = new(507, "262194", "The cluster store's disk is full; nothing was changed. Free space, then retry.");

    /// <summary>
    /// A node that joined a cluster holds no copy of the cluster secret until a node holding it seals one for it (the
    /// node sync, every Keyhold:NodeSyncInterval). Nothing was changed; the request may be repeated, or sent to another
    /// node. Keyhold choice of code and text.
    /// </summary>
    public static readonly OntapError ClusterSecretNotHeld = new(503, "262195", "This node has not yet received the cluster secret from the other nodes; nothing was changed. Retry in a few seconds.");

    /// <summary>Unhandled failure; the text never carries exception details (they could hold secrets).</summary>
    public static readonly OntapError InternalError = new(500, "1", "Internal error. Check the service log.");
}
