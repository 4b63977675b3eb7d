using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;

namespace Keyhold.Tests.Api.Ontap;

public class OntapResultsTests
{
    private static Task<OntapTestHttp.Response> RunAsync(Func<Microsoft.AspNetCore.Http.HttpContext, Microsoft.AspNetCore.Http.IResult> make, string pathAndQuery = "/api/x", string? accept = null)
    {
        var context = OntapTestHttp.Context(pathAndQuery, accept);
        return OntapTestHttp.ExecuteAsync(make(context), context);
    }

    [Fact]
    public void Results_are_typed_so_handlers_can_declare_what_they_return()
    {
        var http = OntapTestHttp.Context("/api/x?return_records=true");
        OntapCreatedResult created = OntapResults.Created(http, "/api/x/1", new JsonObject { ["uuid"] = "1" });
        Assert.Equal((201, "/api/x/1", 1), (created.StatusCode, created.Location, (int)created.Body["num_records"]!));
        OntapOkResult ok = OntapResults.Ok(http, 3);
        Assert.Equal((200, 3), (ok.StatusCode, (int)ok.Body["num_records"]!));
        var job = Guid.NewGuid();
        OntapAcceptedResult accepted = OntapResults.Accepted(http, job);
        Assert.Equal((202, job), (accepted.StatusCode, accepted.JobUuid));
        OntapJsonResult error = OntapResults.Error(OntapErrors.EntryNotFound.With("uuid"));
        Assert.Equal((404, "4"), (error.StatusCode, (string?)error.Body["error"]!["code"]));
    }

    [Fact]
    public async Task Error_envelope_shape()
    {
        var response = await RunAsync(_ => OntapResults.Error(OntapErrors.EntryNotFound.With("uuid")));
        Assert.Equal(404, response.Status);
        Assert.Equal("application/hal+json", response.ContentType);
        Assert.Equal("""{"error":{"message":"entry doesn't exist","code":"4","target":"uuid"}}""", response.Text);
    }

    [Fact]
    public async Task Error_envelope_omits_a_null_target_and_formats_arguments()
    {
        var response = await RunAsync(_ => OntapResults.Error(OntapErrors.SvmNotFound.With(null, "svm1")));
        Assert.Equal("""{"error":{"message":"SVM \"svm1\" does not exist","code":"2621462"}}""", response.Text);
    }

    [Fact]
    public async Task Envelope_write_uses_the_exception_status()
    {
        var context = OntapTestHttp.Context("/api/x", "application/json");
        await OntapErrorEnvelope.Write(context, new OntapException(OntapErrors.PassphraseIncorrect));
        var response = OntapTestHttp.Read(context);
        Assert.Equal(400, response.Status);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal("Cluster-wide passphrase is incorrect.", (string?)response.Object["error"]!["message"]);
        Assert.Equal("65536139", (string?)response.Object["error"]!["code"]);
    }

    [Fact]
    public async Task Not_found_api_is_code_3()
    {
        var response = await RunAsync(_ => OntapResults.NotFoundApi());
        Assert.Equal(404, response.Status);
        Assert.Equal("""{"error":{"message":"API not found","code":"3"}}""", response.Text);
    }

    [Fact]
    public async Task Created_sets_location_and_returns_records_only_when_asked()
    {
        var record = new JsonObject { ["uuid"] = "k", ["_links"] = OntapLinks.Self("/api/x/k") };
        var plain = await RunAsync(c => OntapResults.Created(c, "/api/x/k", record));
        Assert.Equal(201, plain.Status);
        Assert.Equal("/api/x/k", plain.Location);
        Assert.Equal("{}", plain.Text);

        var withRecords = await RunAsync(c => OntapResults.Created(c, "/api/x/k", record.DeepClone().AsObject()), "/api/x?return_records=true");
        Assert.Equal("""{"num_records":1,"records":[{"uuid":"k","_links":{"self":{"href":"/api/x/k"}}}]}""", withRecords.Text);
    }

    [Fact]
    public async Task Ok_and_accepted_bodies()
    {
        Assert.Equal("{}", (await RunAsync(OntapResults.Ok)).Text);
        Assert.Equal("""{"num_records":0}""", (await RunAsync(c => OntapResults.Ok(c, 0))).Text);
        var job = Guid.Parse("3f1b3a7e-1111-2222-3333-444455556666");
        var accepted = await RunAsync(c => OntapResults.Accepted(c, job));
        Assert.Equal(202, accepted.Status);
        Assert.Equal("""{"job":{"uuid":"3f1b3a7e-1111-2222-3333-444455556666","_links":{"self":{"href":"/api/cluster/jobs/3f1b3a7e-1111-2222-3333-444455556666"}}}}""", accepted.Text);
        // The job's link stays in plain JSON: clients that ask for application/json follow it to wait for the job.
        var plain = await RunAsync(c => OntapResults.Accepted(c, job, 201), accept: "application/json");
        Assert.Equal(201, plain.Status);
        Assert.Equal(accepted.Text, plain.Text);
    }

    [Fact]
    public async Task Json_honours_status_and_accept()
    {
        var body = new JsonObject { ["a"] = "<&>", ["_links"] = OntapLinks.Self("/api/x"), ["n"] = new JsonObject { ["_links"] = OntapLinks.Self("/y") } };
        var hal = await RunAsync(c => OntapResults.Json(c, body, 207));
        Assert.Equal(207, hal.Status);
        Assert.Equal("""{"a":"<&>","_links":{"self":{"href":"/api/x"}},"n":{"_links":{"self":{"href":"/y"}}}}""", hal.Text);
        var plain = await RunAsync(c => OntapResults.Json(c, body), accept: "application/json;q=0.9");
        Assert.Equal("""{"a":"<&>","n":{}}""", plain.Text);
    }

    [Fact]
    public void Error_table_has_unique_codes_per_status_and_the_ansible_texts()
    {
        var errors = typeof(OntapErrors).GetFields().Select(f => (OntapError)f.GetValue(null)!).ToList();
        Assert.True(errors.Count >= 70);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        var duplicated = errors.GroupBy(e => e.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        // 401, 403 and the login limiter's 429 share ONTAP's "not authorized" code; 262197 is ONTAP's generic "invalid
        // value" with specific texts; a passphrase guess refused by the limiter (429) keeps the wrong-passphrase code; a cloud
        // key manager is "API not found" (3) with a text that names it; ONTAP's 65536856 has one text for auth-keys POST ("No
        // key servers found for the SVM.") and another for key-stores PATCH ("No external key management server configured for SVM.");
        // Keyhold's onboard key cap (65537406) has one text for a key made at the cap and one for keys a migration or a
        // key-store switch would move in past it.
        Assert.Equal(["262197", "3", "6", "65536139", "65536856", "65537406"], duplicated.Order(StringComparer.Ordinal));
        Assert.Equal("New passphrase cannot be same as the old passphrase.", OntapErrors.PassphraseSameAsOld.Message);
        Assert.Equal("65536150", OntapErrors.PassphraseSameAsOld.Code);
        Assert.Equal("Cluster-wide passphrase is incorrect.", OntapErrors.PassphraseIncorrect.Message);
        foreach (var code in new[] { "65536907", "65536920", "65536404", "65536917", "65536916", "65537240", "65537241", "65537242", "65537243",
                     "65537244", "65537245", "65537246", "65536038", "65536821", "65536823", "65536850", "65536852", "65536870", "65536871",
                     "65536876", "65536878", "65536700", "65536239", "65536867", "65536843", "65536828", "66060338", "66060339", "66060340", "66060341" })
        {
            Assert.Contains(errors, e => e.Code == code);
        }
    }
}
