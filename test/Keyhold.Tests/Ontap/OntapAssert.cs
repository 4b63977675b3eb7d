using Keyhold.Ontap;

namespace Keyhold.Tests.Ontap;

internal static class OntapAssert
{
    /// <summary>Asserts that the action throws the given table error with the given target.</summary>
    public static OntapException Throws(OntapError expected, string? target, Action action)
    {
        var error = Assert.Throws<OntapException>(action);
        Assert.Equal(expected, error.Error);
        Assert.Equal(target, error.Target);
        return error;
    }

    public static async Task<OntapException> ThrowsAsync(OntapError expected, string? target, Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<OntapException>(action);
        Assert.Equal(expected, error.Error);
        Assert.Equal(target, error.Target);
        return error;
    }
}
