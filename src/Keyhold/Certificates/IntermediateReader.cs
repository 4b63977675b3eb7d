namespace Keyhold.Certificates;

/// <summary>Validates intermediate_certificates and normalises them to one PEM per certificate.</summary>
internal static class IntermediateReader
{
    /// <summary>An entry may hold a bundle of several certificates; operators often paste a whole chain file.</summary>
    public static IReadOnlyList<string> Read(IReadOnlyList<string>? intermediates, DateTimeOffset now)
    {
        if (intermediates is null || intermediates.Count == 0)
            return [];

        var pems = new List<string>();
        for (var i = 0; i < intermediates.Count; i++)
        {
            var certs = X509Pem.LoadAll(intermediates[i], CertificateProblem.BadIntermediate, $"intermediate certificate #{i + 1}");
            try
            {
                foreach (var cert in certs)
                {
                    ValidityCheck.Ensure(cert, now, $"intermediate certificate #{i + 1}",
                        CertificateProblem.BadIntermediate, CertificateProblem.BadIntermediate);
                    pems.Add(X509Pem.ToPem(cert));
                }
            }
            finally
            {
                certs.ForEach(c => c.Dispose());
            }
        }

        return pems;
    }
}
