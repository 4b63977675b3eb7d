using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.Cluster;

/// <summary>SVM rules: ONTAP-style names, unique; an SVM that still owns key managers, certificates, volumes or accounts stays.</summary>
public sealed class SvmService(IStore store, TimeProvider time)
{
    private static readonly string[] States = [Svm.Running, Svm.Stopped];

    public async Task<Svm> FindAsync(string uuid, CancellationToken ct) =>
        (Guid.TryParse(uuid, out var id) ? await store.ReadAsync((c, t) => SvmRepository.FindAsync(c, null, id, t), ct) : null)
        ?? throw new OntapException(OntapErrors.EntryNotFound, "uuid");

    public async Task<Svm> CreateAsync(CreateSvm command, CancellationToken ct)
    {
        ValidateName(command.Name);
        var svm = new Svm(Guid.NewGuid(), command.Name!, ValidateState(command.State) ?? Svm.Running, command.Attributes ?? "{}");
        await store.WriteAsync(async (c, tx, t) =>
        {
            if (await SvmRepository.FindByNameAsync(c, tx, svm.Name, t) is not null)
            {
                throw new OntapException(OntapErrors.SvmNameExists, "name", svm.Name);
            }
            await SvmRepository.InsertAsync(c, tx, svm, time.GetUtcNow(), t);
            return 0;
        }, ct);
        return svm;
    }

    public async Task<Svm> ModifyAsync(ModifySvm command, CancellationToken ct)
    {
        var svm = await FindAsync(command.Uuid, ct);
        if (command.Name is not null)
        {
            ValidateName(command.Name);
        }
        var state = ValidateState(command.State);
        Svm changed = svm;
        await store.WriteAsync(async (c, tx, t) =>
        {
            // The attributes are changed on the row as this transaction reads it, so concurrent PATCHes of different fields both stay.
            var current = await SvmRepository.FindAsync(c, tx, svm.Uuid, t) ?? throw new OntapException(OntapErrors.EntryNotFound, "uuid");
            changed = current with
            {
                Name = command.Name ?? current.Name,
                State = state ?? current.State,
                Attributes = command.Attributes?.Invoke(current.Attributes) ?? current.Attributes,
            };
            if (changed.Name != current.Name && await SvmRepository.FindByNameAsync(c, tx, changed.Name, t) is not null)
            {
                throw new OntapException(OntapErrors.SvmNameExists, "name", changed.Name);
            }
            await SvmRepository.UpdateAsync(c, tx, changed, t);
            return 0;
        }, ct);
        return changed;
    }

    public async Task DeleteAsync(string uuid, CancellationToken ct)
    {
        var svm = await FindAsync(uuid, ct);
        await store.WriteAsync(async (c, tx, t) =>
        {
            foreach (var table in new[] { "key_managers", "certificates", "keys", "volumes", "users" })
            {
                if (await Db.ScalarAsync(c, tx, $"SELECT 1 FROM {table} WHERE svm_uuid = @u", t, ("@u", svm.Uuid)) is not null)
                {
                    throw new OntapException(OntapErrors.SvmInUse, "uuid", svm.Name);
                }
            }
            await SvmRepository.DeleteAsync(c, tx, svm.Uuid, t);
            return 0;
        }, ct);
    }

    /// <summary>ONTAP's rule: a letter or underscore first, then letters, digits, '-', '_' or '.', at most 47 characters.</summary>
    private static void ValidateName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 47 || !(char.IsAsciiLetter(name[0]) || name[0] == '_')
            || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
        {
            throw new OntapException(OntapErrors.InvalidFieldValue, "name", name ?? "", "name");
        }
    }

    private static string? ValidateState(string? state) =>
        state is null || States.Contains(state) ? state : throw new OntapException(OntapErrors.InvalidFieldValue, "state", state, "state");
}
