using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.Storage.Query;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

using Keyhold.Tests.Ontap;

namespace Keyhold.Tests.Api.Ontap;

public class OntapErrorMiddlewareTests
{
    private readonly CapturingLoggerProvider _logs = new();

    private async Task<OntapTestHttp.Response> RunAsync(RequestDelegate endpoint, string? body = null)
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(_logs))
            .AddSingleton<ISqlDialect>(SqliteDialect.Instance)
            .AddSingleton(new global::Keyhold.Cluster.OntapOptions().Parsed!)
            .BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        app.UseOntapErrors();
        app.Run(endpoint);
        var context = OntapTestHttp.Context("/api/test/widgets", body: body, method: "POST");
        context.RequestServices = services;
        await app.Build()(context);
        return OntapTestHttp.Read(context);
    }

    [Fact]
    public async Task Ontap_exceptions_become_their_envelope()
    {
        var response = await RunAsync(_ => throw OntapErrors.PassphraseSameAsOld.With());
        Assert.Equal(400, response.Status);
        Assert.Equal("""{"error":{"message":"New passphrase cannot be same as the old passphrase.","code":"65536150"}}""", response.Text);
    }

    [Fact]
    public async Task Body_errors_become_invalid_json()
    {
        var response = await RunAsync(async c => _ = await OntapBody.ReadAsync(c, Widgets.Schema, Operation.Create), "{nope");
        Assert.Equal(400, response.Status);
        Assert.Equal("262185", (string?)response.Object["error"]!["code"]);
        Assert.Equal(400, (await RunAsync(_ => throw new JsonException("x"))).Status);
        Assert.Equal(400, (await RunAsync(_ => throw new BadHttpRequestException("bad"))).Status);
    }

    [Fact]
    public async Task Unhandled_exceptions_are_500_without_their_text()
    {
        var response = await RunAsync(_ => throw new InvalidOperationException("passphrase=hunter2-secret"));
        Assert.Equal(500, response.Status);
        Assert.Equal("application/hal+json", response.ContentType);
        Assert.DoesNotContain("hunter2", response.Text, StringComparison.Ordinal);
        Assert.Equal(OntapErrors.InternalError.Message, (string?)response.Object["error"]!["message"]);

        var logged = Assert.Single(_logs.Messages);
        Assert.DoesNotContain("hunter2", logged, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException", logged, StringComparison.Ordinal);
        Assert.Contains(nameof(Unhandled_exceptions_are_500_without_their_text), logged, StringComparison.Ordinal); // the stack trace
    }

    [Fact]
    public async Task Successful_requests_pass_through()
    {
        var response = await RunAsync(c => OntapResults.Ok(c).ExecuteAsync(c));
        Assert.Equal(200, response.Status);
        Assert.Equal("{}", response.Text);
        Assert.Empty(_logs.Messages);
    }

    [Fact]
    public async Task Errors_thrown_by_the_collection_executor_reach_the_client()
    {
        var response = await RunAsync(async c =>
        {
            c.Request.QueryString = new QueryString("?colour=red");
            var result = await OntapCollection.GetAsync(c, Widgets.Schema, NoRecordsAsync);
            await result.ExecuteAsync(c);
        });
        Assert.Equal("""{"error":{"message":"Unexpected argument \"colour\".","code":"262179","target":"colour"}}""", response.Text);
    }

    [Fact]
    public async Task Errors_after_the_response_started_abort_the_connection()
    {
        var lifetime = new RecordingLifetime();
        var response = await RunAsync(c =>
        {
            c.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(new StartedResponse());
            c.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestLifetimeFeature>(lifetime);
            throw OntapErrors.EntryNotFound.With("uuid");
        });
        Assert.Equal("", response.Text);
        Assert.True(lifetime.Aborted);
    }

    [Fact]
    public async Task Client_disconnects_are_not_logged()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var response = await RunAsync(c =>
        {
            c.RequestAborted = cancelled.Token;
            throw new OperationCanceledException(cancelled.Token);
        });
        Assert.Empty(_logs.Messages);
        Assert.Equal("", response.Text);
    }

    private static Task<IReadOnlyList<JsonObject>> NoRecordsAsync(SqlPlan plan, CancellationToken token) =>
        Task.FromResult<IReadOnlyList<JsonObject>>([]);

    private sealed class RecordingLifetime : Microsoft.AspNetCore.Http.Features.IHttpRequestLifetimeFeature
    {
        public bool Aborted { get; private set; }

        public CancellationToken RequestAborted { get; set; }

        public void Abort() => Aborted = true;
    }

    private sealed class StartedResponse : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        public override bool HasStarted => true;
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                Messages.Enqueue(formatter(state, exception) + (exception is null ? "" : " EXCEPTION ATTACHED"));
        }

        public void Dispose()
        {
        }
    }
}
