using System.Text;
using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;

namespace Keyhold.Tests.Api.Ontap;

/// <summary>Bodies that fit the buffer carry a Content-Length; larger ones stream, byte for byte the same JSON.</summary>
public class BodyLengthTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(5000)]
    [InlineData(BodyBuffer.Limit - 200)]
    [InlineData(BodyBuffer.Limit + 1)]
    [InlineData(5 * BodyBuffer.Limit)]
    public async Task Body_is_complete_with_a_length_only_when_it_fits(int padding)
    {
        var body = new JsonObject { ["pad"] = new string('x', padding), ["n"] = new JsonArray(1, 2, 3), ["ü"] = "\n\"" };
        var context = OntapTestHttp.Context("/api/x");
        var response = await OntapTestHttp.ExecuteAsync(OntapResults.Json(context, body), context);
        Assert.Equal(body.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), response.Text);
        var length = Encoding.UTF8.GetByteCount(response.Text);
        if (padding <= BodyBuffer.Limit / 8)
            Assert.Equal(length, context.Response.ContentLength);
        else if (length > BodyBuffer.Limit)
            Assert.Null(context.Response.ContentLength);
        else // near the limit the writer's own size estimate decides; either way the length, when sent, is right
            Assert.True(context.Response.ContentLength is null || context.Response.ContentLength == length);

        // The next response on this thread starts from an empty buffer.
        var next = OntapTestHttp.Context("/api/x");
        Assert.Equal("{}", (await OntapTestHttp.ExecuteAsync(OntapResults.Ok(next), next)).Text);
        Assert.Equal(2, next.Response.ContentLength);
    }
}
