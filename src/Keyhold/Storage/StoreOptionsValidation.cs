using Microsoft.Extensions.Options;

namespace Keyhold.Storage;

/// <summary>Refuses, at start, a store kind other than sqlite or postgres, and postgres without a connection string.</summary>
internal sealed class StoreOptionsValidation : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
