using System.Text;
using Keyhold.Kmip;
using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Server;
using Keyhold.KeyManagers;
using Keyhold.Keys;
using Keyhold.KmipObjects;
using Keyhold.Onboard;
using Keyhold.Storage;
using Keyhold.Tests.Support;
using N = Keyhold.Kmip.Server.KmipAttributeNames;

namespace Keyhold.Tests.KmipObjects;

/// <summary>The KMIP object rules without a listener, on a real SQLite store: what is answered and what is stored.</summary>
public sealed class KmipObjectServiceTests
{
    private const uint Aes = 3;

    [Fact]
    public async Task Custom_attributes_are_added_modified_and_deleted_by_index_and_server_attributes_are_refused()
    {
        await using var services = await StartAsync();
        var objects = services.Get<KmipObjectService>();
        string uid = (await objects.CreateAsync("alice", ObjectType.SymmetricKey, AesTemplate(), default)).Uid;

        await objects.AddAttributeAsync("alice", uid, Text("x-barcode", "A1"), default);
        var second = await objects.AddAttributeAsync("alice", uid, Text("x-barcode", "B2"), default);
        Assert.Equal(1, second.Index);
        await objects.ModifyAttributeAsync("alice", uid, Text("x-barcode", "C3") with { Index = 1 }, default);
        var deleted = await objects.DeleteAttributeAsync("alice", uid, "x-barcode", 0, default);
        Assert.Equal("A1", Encoding.UTF8.GetString(deleted.Value));

        var stored = await objects.ReadAsync("alice", uid, default);
        Assert.Equal(["C3"], stored.Attributes.All("x-barcode").Select(a => Encoding.UTF8.GetString(a.Value)));

        foreach (KmipAttribute forbidden in new[] { Text(N.UniqueIdentifier, "mine"), Date(N.InitialDate, DateTimeOffset.UnixEpoch) })
        {
            var refused = await Assert.ThrowsAsync<KmipFaultException>(() => objects.AddAttributeAsync("alice", uid, forbidden, default));
            Assert.Equal(ResultReason.PermissionDenied, refused.Reason);
        }
        var missing = await Assert.ThrowsAsync<KmipFaultException>(() => objects.DeleteAttributeAsync("alice", uid, "x-barcode", 5, default));
        Assert.Equal(ResultReason.ItemNotFound, missing.Reason);
        Assert.Equal(stored.Attributes.Encode(), (await objects.ReadAsync("alice", uid, default)).Attributes.Encode());
    }

    [Fact]
    public async Task An_activation_date_takes_effect_when_it_passes_and_then_cannot_change()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var services = await StartAsync(clock);
        var objects = services.Get<KmipObjectService>();
        var template = AesTemplate();
        template.SetDate(N.ActivationDate, clock.GetUtcNow().AddHours(1));
        string uid = (await objects.CreateAsync("alice", ObjectType.SymmetricKey, template, default)).Uid;
        Assert.Equal(KmipObjectState.PreActive, (await objects.ReadAsync("alice", uid, default)).State);

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(KmipObjectState.Active, (await objects.ReadAsync("alice", uid, default)).State);
        var refused = await Assert.ThrowsAsync<KmipFaultException>(() =>
            objects.ModifyAttributeAsync("alice", uid, Date(N.ActivationDate, clock.GetUtcNow()), default));
        Assert.Equal(ResultReason.PermissionDenied, refused.Reason);
        var destroy = await Assert.ThrowsAsync<KmipFaultException>(() => objects.DestroyAsync("alice", uid, default));
        Assert.Equal(ResultReason.PermissionDenied, destroy.Reason);

        await objects.RevokeAsync("alice", uid, 2, null, clock.GetUtcNow().AddMinutes(-5), default);
        var compromised = await objects.ReadAsync("alice", uid, default);
        Assert.Equal(KmipObjectState.Compromised, compromised.State);
        Assert.True(compromised.Attributes.Has(N.CompromiseDate));
        await objects.DestroyAsync("alice", uid, default);
        await Assert.ThrowsAsync<KmipFaultException>(() => objects.ReadAsync("alice", uid, default));
    }

    [Fact]
    public async Task Locate_matches_groups_custom_attributes_and_pages_with_offset_and_maximum()
    {
        await using var services = await StartAsync();
        var objects = services.Get<KmipObjectService>();
        var uids = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            var template = AesTemplate();
            template.Add(N.ObjectGroup, TtlvType.TextString, Encoding.UTF8.GetBytes(i < 3 ? "tapes" : "disks"));
            template.Add("x-slot", TtlvType.Integer, [0, 0, 0, (byte)i]);
            uids.Add((await objects.CreateAsync("alice", ObjectType.SymmetricKey, template, default)).Uid);
        }
        await objects.CreateAsync("bob", ObjectType.SymmetricKey, WithGroup(AesTemplate(), "tapes"), default);

        var tapes = await objects.LocateAsync("alice", [Text(N.ObjectGroup, "tapes")], null, 0, default);
        Assert.Equal(uids.Take(3), tapes);
        Assert.Equal(uids.Skip(1).Take(1), await objects.LocateAsync("alice", [Text(N.ObjectGroup, "tapes")], 1, 1, default));
        Assert.Equal([uids[4]], await objects.LocateAsync("alice", [new KmipAttribute("x-slot", 0, TtlvType.Integer, [0, 0, 0, 4])], null, 0, default));
        Assert.Empty(await objects.LocateAsync("alice", [Text(N.ObjectGroup, "tapes"), new KmipAttribute("x-slot", 0, TtlvType.Integer, [0, 0, 0, 4])], null, 0, default));
        var negative = await Assert.ThrowsAsync<KmipFaultException>(() => objects.LocateAsync("alice", [], -1, 0, default));
        Assert.Equal(ResultReason.InvalidField, negative.Reason);
    }

    [Fact]
    public async Task A_registered_template_supplies_attributes_to_a_create_that_names_it()
    {
        await using var services = await StartAsync();
        var objects = services.Get<KmipObjectService>();
        var inside = new KmipAttributeList();
        inside.SetEnum(N.CryptographicAlgorithm, Aes);
        inside.SetInt(N.CryptographicLength, 192);
        byte[] templateBytes;
        using (var w = new TtlvWriter())
        {
            w.BeginStructure(KmipTag.Template);
            foreach (var a in inside.Items)
            {
                a.Write(w, ProtocolVersion.V1_2);
            }
            w.EndStructure();
            templateBytes = w.ToArray();
        }
        var names = new KmipAttributeList();
        names.SetStructure(N.Name, w =>
        {
            w.WriteTextString(KmipTag.NameValue, "aes-192-template");
            w.WriteEnumeration(KmipTag.NameType, 1);
        });
        await objects.RegisterAsync("alice", ObjectType.Template, TtlvElement.Parse(templateBytes), names, default);

        var create = new KmipAttributeList();
        var name = names.Find(N.Name)!;
        create.Add(KmipObjectService.TemplateReference, name.Type, name.Value);
        var made = await objects.CreateAsync("alice", ObjectType.SymmetricKey, create, default);
        Assert.Equal(192, made.Attributes.Int(N.CryptographicLength));
        var (_, encoded, clearFresh) = await objects.GetAsync("alice", made.Uid, null, default);
        await (clearFresh?.Invoke() ?? Task.CompletedTask);
        Assert.Equal(24, TtlvElement.Parse(encoded).Required(KmipTag.KeyBlock).Required(KmipTag.KeyValue).Required(KmipTag.KeyMaterial).GetBytes().Length);

        // Another identity cannot use alice's template.
        await Assert.ThrowsAsync<KmipFaultException>(() => objects.CreateAsync("bob", ObjectType.SymmetricKey, create, default));
    }

    [Fact]
    public async Task Create_after_the_onboard_key_manager_was_replaced_wraps_under_the_new_one_and_without_one_stores_nothing()
    {
        await using var services = await StartAsync();
        var objects = services.Get<KmipObjectService>();
        var store = services.Get<IStore>();
        Task<KeyManager> Onboard() => store.ReadAsync((c, t) => KmipMaterial.OnboardAsync(c, null, t));
        async Task<long> Count() => Convert.ToInt64(await store.ReadAsync((c, t) => Db.ScalarAsync(c, null, "SELECT COUNT(*) FROM kmip_objects", t)), System.Globalization.CultureInfo.InvariantCulture);
        var first = await objects.CreateAsync("alice", ObjectType.SymmetricKey, AesTemplate(), default);
        var old = await Onboard();
        Assert.Equal(old.Uuid, first.KeyManagerUuid);

        // The service remembers the key manager it wrapped under; deleting it must not let a Create use it.
        await services.Get<KeyManagerService>().DeleteAsync(old, default);
        var refused = await Assert.ThrowsAsync<KmipFaultException>(() => objects.CreateAsync("alice", ObjectType.SymmetricKey, AesTemplate(), default));
        Assert.Equal(ResultReason.GeneralFailure, refused.Reason);
        Assert.Equal(1, await Count());

        await services.Get<OnboardService>().EnableAsync(new EnableOnboard(null, OnboardSetup.Passphrase, null, false), default);
        var replaced = await Onboard();
        var second = await objects.CreateAsync("alice", ObjectType.SymmetricKey, AesTemplate(), default);
        Assert.NotEqual(old.Uuid, replaced.Uuid);
        Assert.Equal(replaced.Uuid, (await store.ReadAsync((c, t) => KmipObjectRepository.FindAsync(c, null, second.Uid, t)))!.KeyManagerUuid);
        var (_, encoded, clearFresh) = await objects.GetAsync("alice", second.Uid, null, default);
        await (clearFresh?.Invoke() ?? Task.CompletedTask);
        Assert.Equal(32, TtlvElement.Parse(encoded).Required(KmipTag.KeyBlock).Required(KmipTag.KeyValue).Required(KmipTag.KeyMaterial).GetBytes().Length);
        Assert.Equal(2, await Count());
    }

    private static async Task<KeyholdServices> StartAsync(TimeProvider? clock = null)
    {
        var services = await KeyholdServices.StartAsync(clock);
        await services.Get<OnboardService>().EnableAsync(new EnableOnboard(null, OnboardSetup.Passphrase, null, false), default);
        return services;
    }

    private static KmipAttributeList AesTemplate()
    {
        var template = new KmipAttributeList();
        template.SetEnum(N.CryptographicAlgorithm, Aes);
        template.SetInt(N.CryptographicLength, 256);
        return template;
    }

    private static KmipAttributeList WithGroup(KmipAttributeList template, string group)
    {
        template.Add(N.ObjectGroup, TtlvType.TextString, Encoding.UTF8.GetBytes(group));
        return template;
    }

    private static KmipAttribute Text(string name, string value) => new(name, 0, TtlvType.TextString, Encoding.UTF8.GetBytes(value));

    private static KmipAttribute Date(string name, DateTimeOffset value)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, value.ToUnixTimeSeconds());
        return new(name, 0, TtlvType.DateTime, bytes);
    }
}
