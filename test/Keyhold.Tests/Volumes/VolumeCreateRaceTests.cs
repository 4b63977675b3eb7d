using System.Net;
using Keyhold.Keys;
using Keyhold.Onboard;
using Keyhold.Tests.External;
using Keyhold.Tests.Keys;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Volumes;

/// <summary>
/// A volume POST reads its SVM before it makes the key and stores the volume after: the INSERT itself checks that the
/// SVM still exists (no read of its own inside the transaction), so an SVM deleted in between refuses the volume.
/// </summary>
public sealed class VolumeCreateRaceTests
{
    [SkippableFact]
    public async Task A_volume_whose_svm_was_deleted_while_its_key_was_made_is_refused_and_nothing_is_stored()
    {
        var gate = new GatedKeyStore(KeyManager.Onboard);
        using var host = new ExternalHost(services: gate.AddTo<OnboardKeyStore>);
        await OnboardSetup.EnableAsync(host.Admin);
        var svm = await VolumeSetup.SvmAsync(host.Admin, "vs1");
        string? made = null;
        gate.AfterCreate = async key =>
        {
            made = key.KeyId;
            var deleted = await host.Admin.DeleteJsonAsync($"/api/svm/svms/{svm}");
            Assert.True(deleted.Response.IsSuccessStatusCode, $"SVM delete answered {(int)deleted.Status}");
        };

        var refused = await host.Admin.PostJsonAsync("/api/storage/volumes", """{"name": "vol1", "svm.name": "vs1", "encryption.enabled": true}""");

        refused.AssertError(HttpStatusCode.BadRequest, "2621462", target: "svm.uuid");
        Assert.NotNull(made);
        Assert.Equal(0, host.Count("svms"));
        Assert.Equal(0, host.Count("volumes"));
        Assert.Equal(0, host.Count("keys"));
    }
}
