using Keyhold.Hosting;

return await CommandLine.RunAsync(args);

/// <summary>Entry point; public for WebApplicationFactory.</summary>
public partial class Program;
