var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "keyhold");
app.Run();

public partial class Program;
