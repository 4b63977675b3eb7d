using System.Globalization;
using Keyhold.Jobs;
using Keyhold.Keys;
using Keyhold.Ontap;
using Keyhold.Volumes;

namespace Keyhold.Tests.Volumes;

/// <summary>The volume rules called directly (no HTTP): what each returns and what it stored.</summary>
public sealed class VolumeServiceTests : IDisposable
{
    private readonly VolumeRulesHarness h = new();

    private static CreateVolume Create(string name, string svm = "vs1", bool? encrypted = null) => new(name, null, svm, EncryptionEnabled: encrypted);

    [Fact]
    public async Task A_volume_without_a_key_manager_is_unencrypted_and_stored_with_the_clock_s_time()
    {
        var svm = await h.SvmAsync();

        var volume = await h.Volumes.CreateAsync(Create("vol1") with { Size = 100L << 20, State = VolumeRules.Offline }, CancellationToken.None);

        Assert.Equal(("vol1", svm.Uuid, svm.Name, 100L << 20, "offline", "unencrypted"), (volume.Name, volume.SvmUuid, volume.SvmName, volume.Size, volume.State, volume.EncryptionState));
        Assert.Null(volume.KeyId);
        var row = h.VolumeRow(volume.Uuid);
        Assert.Equal(["vol1", svm.Uuid.ToString(), 100L << 20, "offline", "unencrypted", null], row[..6]);
        Assert.Equal(VolumeRulesHarness.Start, DateTimeOffset.Parse((string)row[6]!, CultureInfo.InvariantCulture));
        Assert.Empty(h.Onboard.Created);
    }

    [Fact]
    public async Task Asking_for_encryption_stores_the_volume_and_its_key_with_the_consumer_in_one_go()
    {
        var svm = await h.SvmAsync();
        var cluster = await h.KeyManagerAsync(KeyManager.Onboard, dareDisabled: true);

        var volume = await h.Volumes.CreateAsync(Create("vol1", encrypted: true), CancellationToken.None);

        Assert.Equal(VolumeRules.Encrypted, volume.EncryptionState);
        var key = Assert.Single(h.Onboard.Created);
        Assert.Equal(key.KeyId, volume.KeyId);
        Assert.Equal(volume.KeyId, h.VolumeRow(volume.Uuid)[5]);
        var row = h.KeyRow(key.KeyId)!;
        Assert.Equal([cluster.Uuid.ToString(), KeyTypes.Vek, svm.Uuid.ToString(), "vol1"], row[..4]);
        Assert.Equal(
            $"{{\"volume\":\"{volume.Uuid}\",\"volume_name\":\"vol1\",\"svm\":\"{svm.Uuid}\",\"svm_name\":\"vs1\",\"size\":{VolumeRules.DefaultSize},\"state\":\"online\"}}",
            row[4]);
    }

    [Fact]
    public async Task Without_an_explicit_choice_the_key_manager_s_default_encryption_decides()
    {
        await h.SvmAsync();
        var cluster = await h.KeyManagerAsync(KeyManager.Onboard);

        Assert.Equal(VolumeRules.Encrypted, (await h.Volumes.CreateAsync(Create("by_default"), CancellationToken.None)).EncryptionState);
        Assert.Equal(VolumeRules.Unencrypted, (await h.Volumes.CreateAsync(Create("refused", encrypted: false), CancellationToken.None)).EncryptionState);

        await h.Store.WriteAsync(async (c, tx, t) =>
        {
            await KeyManagerRepository.SetDareDisabledAsync(c, tx, cluster.Uuid, true, t);
            return 0;
        });
        Assert.Equal(VolumeRules.Unencrypted, (await h.Volumes.CreateAsync(Create("dare_disabled"), CancellationToken.None)).EncryptionState);
    }

    [Fact]
    public async Task An_svm_with_its_own_key_manager_gets_its_keys_there_and_other_svms_get_the_cluster_s()
    {
        var vs1 = await h.SvmAsync("vs1");
        var vs2 = await h.SvmAsync("vs2");
        var cluster = await h.KeyManagerAsync(KeyManager.Onboard);
        var own = await h.KeyManagerAsync(KeyManager.External, vs1);

        var onVs1 = await h.Volumes.CreateAsync(Create("a", "vs1", true), CancellationToken.None);
        var onVs2 = await h.Volumes.CreateAsync(Create("a", "vs2", true), CancellationToken.None);

        Assert.Equal(onVs1.KeyId, Assert.Single(h.External.Created).KeyId);
        Assert.Equal(onVs2.KeyId, Assert.Single(h.Onboard.Created).KeyId);
        Assert.Equal(own.Uuid.ToString(), h.KeyRow(onVs1.KeyId!)![0]);
        Assert.Equal(cluster.Uuid.ToString(), h.KeyRow(onVs2.KeyId!)![0]);
        Assert.Equal(vs2.Uuid, onVs2.SvmUuid);
    }

    [Fact]
    public async Task Unknown_missing_or_mismatched_svms_bad_names_and_taken_names_are_refused_before_anything_is_stored()
    {
        var svm = await h.SvmAsync();
        await h.Volumes.CreateAsync(Create("taken"), CancellationToken.None);

        await AssertRefused(OntapErrors.SvmNotFound, "svm.name", new CreateVolume("v", null, "nope"));
        await AssertRefused(OntapErrors.SvmNotFound, "svm.uuid", new CreateVolume("v", Guid.NewGuid().ToString(), null));
        await AssertRefused(OntapErrors.SvmNotFound, "svm.uuid", new CreateVolume("v", "not-a-uuid", null));
        await AssertRefused(OntapErrors.SvmNotFound, "svm.uuid", new CreateVolume("v", svm.Uuid.ToString(), "other"));
        await AssertRefused(OntapErrors.MissingField, "svm.name", new CreateVolume("v", null, null));
        await AssertRefused(OntapErrors.MissingField, "name", new CreateVolume(null, null, "vs1"));
        await AssertRefused(OntapErrors.InvalidFieldValue, "name", Create("1bad"));
        await AssertRefused(OntapErrors.InvalidFieldValue, "size", Create("v") with { Size = 1 });
        await AssertRefused(OntapErrors.InvalidFieldValue, "state", Create("v") with { State = "restricted" });
        await AssertRefused(OntapErrors.VolumeNameExists, "name", Create("taken"));
        await AssertRefused(OntapErrors.NoKeyManager, VolumeKeys.Target, Create("v", encrypted: true));
        Assert.Equal(1, h.Count("volumes"));
        Assert.Equal(0, h.Count("keys"));
    }

    [Fact]
    public async Task Encrypting_runs_as_a_job_that_stores_a_key_and_records_the_clock_s_times()
    {
        await h.SvmAsync();
        var plain = await h.Volumes.CreateAsync(Create("vol1", encrypted: false), CancellationToken.None);
        await h.KeyManagerAsync(KeyManager.Onboard);

        var modified = await h.Modification.ModifyAsync(new ModifyVolume(plain.Uuid.ToString(), EncryptionEnabled: true), CancellationToken.None);

        Assert.Equal(VolumeRules.Encrypting, modified.Volume.EncryptionState);
        var started = Assert.IsType<Job>(modified.Job);
        Assert.Equal(VolumeEncryption.JobDescription(plain.Uuid), started.Description);
        Assert.Equal(VolumeRulesHarness.Start, started.StartTime);
        h.Clock.Now = VolumeRulesHarness.Start.AddMinutes(5);
        var ended = await h.EndedAsync(started);
        Assert.Equal(Job.Success, ended.State);
        Assert.Equal("Volume \"vol1\" is encrypted.", ended.Message);
        Assert.Equal(VolumeRulesHarness.Start, ended.StartTime);
        Assert.Equal(VolumeRulesHarness.Start.AddMinutes(5), ended.EndTime);
        var stored = await h.Volumes.FindAsync(plain.Uuid.ToString(), CancellationToken.None);
        Assert.Equal((VolumeRules.Encrypted, Assert.Single(h.Onboard.Created).KeyId), (stored.EncryptionState, stored.KeyId));
        Assert.NotNull(h.KeyRow(stored.KeyId!));

        // Encrypting an encrypted volume again is no change at all.
        Assert.Null((await h.Modification.ModifyAsync(new ModifyVolume(plain.Uuid.ToString(), EncryptionEnabled: true), CancellationToken.None)).Job);
    }

    [Fact]
    public async Task Decrypting_is_refused_and_so_is_rekeying_an_unencrypted_volume()
    {
        await h.SvmAsync();
        await h.KeyManagerAsync(KeyManager.Onboard, dareDisabled: true);
        var encrypted = await h.Volumes.CreateAsync(Create("enc", encrypted: true), CancellationToken.None);
        var plain = await h.Volumes.CreateAsync(Create("plain"), CancellationToken.None);

        var off = await Assert.ThrowsAsync<OntapException>(() =>
            h.Modification.ModifyAsync(new ModifyVolume(encrypted.Uuid.ToString(), Name: "renamed", EncryptionEnabled: false), CancellationToken.None));
        var rekey = await Assert.ThrowsAsync<OntapException>(() =>
            h.Modification.ModifyAsync(new ModifyVolume(plain.Uuid.ToString(), Rekey: true), CancellationToken.None));

        Assert.Equal((OntapErrors.VolumeDecryptionUnsupported.Code, "encryption.enabled"), (off.Code, off.Target));
        Assert.Equal((OntapErrors.VolumeNotEncrypted.Code, "encryption.rekey"), (rekey.Code, rekey.Target));
        Assert.Equal("enc", h.VolumeRow(encrypted.Uuid)[0]); // the rename in the same request did not happen
        Assert.Equal(0, h.Count("jobs"));
    }

    [Fact]
    public async Task Rekeying_replaces_the_key_and_destroys_the_old_one_after_the_switch()
    {
        await h.SvmAsync();
        await h.KeyManagerAsync(KeyManager.Onboard);
        var volume = await h.Volumes.CreateAsync(Create("vol1"), CancellationToken.None);

        var modified = await h.Modification.ModifyAsync(new ModifyVolume(volume.Uuid.ToString(), Rekey: true), CancellationToken.None);

        Assert.Equal(VolumeRules.Rekeying, modified.Volume.EncryptionState);
        Assert.Equal(Job.Success, (await h.EndedAsync(modified.Job!)).State);
        var stored = await h.Volumes.FindAsync(volume.Uuid.ToString(), CancellationToken.None);
        Assert.NotEqual(volume.KeyId, stored.KeyId);
        Assert.Equal(VolumeRules.Encrypted, stored.EncryptionState);
        Assert.Null(h.KeyRow(volume.KeyId!));
        Assert.NotNull(h.KeyRow(stored.KeyId!));
        Assert.Equal(volume.KeyId, Assert.Single(h.Onboard.Destroyed).KeyId);
    }

    [Fact]
    public async Task A_rename_changes_the_volume_and_its_key_s_consumer_record_together()
    {
        var svm = await h.SvmAsync();
        await h.KeyManagerAsync(KeyManager.Onboard);
        var volume = await h.Volumes.CreateAsync(Create("vol1"), CancellationToken.None);

        var modified = await h.Modification.ModifyAsync(new ModifyVolume(volume.Uuid.ToString(), Name: "vol2", Size: 40L << 20), CancellationToken.None);

        Assert.Null(modified.Job);
        Assert.Equal(("vol2", 40L << 20), (modified.Volume.Name, modified.Volume.Size));
        var key = h.KeyRow(volume.KeyId!)!;
        Assert.Equal("vol2", key[3]);
        Assert.Equal(new VolumeKeyMetadata(volume.Uuid, "vol2", svm.Uuid, "vs1", 40L << 20, "online"), VolumeKeyMetadata.Read((string)key[4]!));
    }

    [Fact]
    public async Task Deleting_drops_the_volume_and_its_key_then_destroys_the_key_s_copy()
    {
        await h.SvmAsync();
        await h.KeyManagerAsync(KeyManager.Onboard);
        var volume = await h.Volumes.CreateAsync(Create("vol1"), CancellationToken.None);

        await h.Volumes.DeleteAsync(volume.Uuid.ToString(), CancellationToken.None);

        Assert.Equal(0, h.Count("volumes"));
        Assert.Null(h.KeyRow(volume.KeyId!));
        Assert.Equal(volume.KeyId, Assert.Single(h.Onboard.Destroyed).KeyId);
        var again = await Assert.ThrowsAsync<OntapException>(() => h.Volumes.DeleteAsync(volume.Uuid.ToString(), CancellationToken.None));
        Assert.Equal(OntapErrors.EntryNotFound.Code, again.Code);
    }

    [Fact]
    public async Task Attributes_are_checked_after_the_volume_s_own_fields_and_stored_as_the_door_wrote_them()
    {
        await h.SvmAsync();
        var refused = new AttributeEdit(() => throw new OntapException(OntapErrors.InvalidFieldValue, "comment", "x", "comment"), s => s);

        await AssertRefused(OntapErrors.InvalidFieldValue, "name", Create("1bad") with { Attributes = refused });
        await AssertRefused(OntapErrors.InvalidFieldValue, "comment", Create("good") with { Attributes = refused });
        var unknown = await Assert.ThrowsAsync<OntapException>(() =>
            h.Modification.ModifyAsync(new ModifyVolume(Guid.NewGuid().ToString(), Attributes: refused), CancellationToken.None));
        Assert.Equal(OntapErrors.EntryNotFound.Code, unknown.Code);

        var volume = await h.Volumes.CreateAsync(Create("vol1") with { Attributes = new AttributeEdit(() => { }, s => s + "") }, CancellationToken.None);
        await h.Modification.ModifyAsync(new ModifyVolume(volume.Uuid.ToString(), Attributes: new AttributeEdit(() => { }, s => "{\"comment\":\"hi\"}")), CancellationToken.None);
        Assert.Equal("{\"comment\":\"hi\"}", (await h.Volumes.FindAsync(volume.Uuid.ToString(), CancellationToken.None)).Attributes);
    }

    private async Task AssertRefused(OntapError error, string target, CreateVolume command)
    {
        var e = await Assert.ThrowsAsync<OntapException>(() => h.Volumes.CreateAsync(command, CancellationToken.None));
        Assert.Equal((error.Code, target), (e.Code, e.Target));
    }

    public void Dispose() => h.Dispose();
}
