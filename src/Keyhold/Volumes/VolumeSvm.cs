using System.Data.Common;
using Keyhold.Ontap;
using Keyhold.Cluster;

namespace Keyhold.Volumes;

/// <summary>The SVM a POST names by svm.uuid and/or svm.name (both must name the same one).</summary>
public static class VolumeSvm
{
    public static async Task<Svm> ResolveAsync(DbConnection c, DbTransaction? tx, string? uuidText, string? name, CancellationToken ct)
    {
        if (uuidText is not null)
        {
            var svm = Guid.TryParse(uuidText, out var uuid) ? await SvmRepository.FindAsync(c, tx, uuid, ct) : null;
            return svm is not null && (name is null || name == svm.Name) ? svm : throw OntapErrors.SvmNotFound.With("svm.uuid", uuidText);
        }
        if (name is null)
        {
            throw OntapErrors.MissingField.With("svm.name", "svm.name");
        }
        return await SvmRepository.FindByNameAsync(c, tx, name, ct) ?? throw OntapErrors.SvmNotFound.With("svm.name", name);
    }
}
