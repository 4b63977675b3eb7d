using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Migration;

/// <summary>Migration requests refused before any job starts.</summary>
public sealed class MigrationRequestTests : IDisposable
{
    private readonly ExternalHost host = new();

    [SkippableFact]
    public async Task Unknown_same_unrelated_and_unsupported_key_managers_are_refused_and_no_job_starts()
    {
        var cluster = await host.CreateOnAsync(KmipPeers.A);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        await VolumeSetup.SvmAsync(host.Admin, "vs2");
        var vs1 = await host.CreateOnSvmAsync("vs1", KmipPeers.A, KmipPeers.A.Alias);
        var vs2 = await host.CreateOnSvmAsync("vs2", KmipPeers.A, KmipPeers.A.Alias);
        var unknown = Guid.NewGuid().ToString();

        (await MigrationSetup.PostAsync(host.Admin, unknown, vs1)).AssertError(HttpStatusCode.NotFound, "4", "entry doesn't exist", "source.uuid");
        (await MigrationSetup.PostAsync(host.Admin, cluster, unknown)).AssertError(HttpStatusCode.NotFound, "4", "entry doesn't exist", "uuid");
        (await host.Admin.PostJsonAsync($"{ExternalHost.Managers}/{cluster}/migrate", new { })).AssertError(HttpStatusCode.BadRequest, "262186", target: "uuid");
        (await host.Admin.PostJsonAsync($"{ExternalHost.Managers}/{cluster}/migrate", new { uuid = vs1, svm = "vs1" })).AssertError(HttpStatusCode.BadRequest, "262179");
        (await MigrationSetup.PostAsync(host.Admin, vs1, vs1)).AssertError(HttpStatusCode.BadRequest, "65537430",
            "The source and destination key managers are the same.", "uuid");
        (await MigrationSetup.PostAsync(host.Admin, vs1, vs2)).AssertError(HttpStatusCode.BadRequest, "65537431",
            "Keys move only between the cluster's key manager and an SVM's key manager; the source is the external key manager of SVM \"vs1\" and the destination is the external key manager of SVM \"vs2\".", "uuid");
        (await MigrationSetup.PostAsync(host.Admin, cluster, vs1)).AssertError(HttpStatusCode.BadRequest, "65537432",
            "Migration from the cluster's external key manager to the external key manager of SVM \"vs1\" is not supported; Keyhold moves keys between the cluster's onboard key manager and an SVM's external key manager.", "uuid");
        Assert.Equal(0, host.Count("jobs"));
    }

    public void Dispose() => host.Dispose();
}
