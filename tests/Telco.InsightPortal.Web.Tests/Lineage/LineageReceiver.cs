using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using System.Net;

namespace Telco.InsightPortal.Web.Tests.Lineage;

/// <summary>A real HTTP endpoint on a loopback port standing in for Marquez: it records every event posted to
/// <c>/api/v1/lineage</c> and answers with the statuses queued for it (200 once they run out).</summary>
internal sealed class LineageReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<HttpStatusCode> _answers = new();

    private LineageReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Body, string? Authorization)> Received { get; } = new();

    public Uri Endpoint => new(_app.Urls.First() + "/api/v1/lineage");

    public static async Task<LineageReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new LineageReceiver(app);
        app.MapPost("/api/v1/lineage", async (HttpRequest request) =>
        {
            var status = receiver._answers.TryDequeue(out var queued) ? queued : HttpStatusCode.OK;
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            if (status == HttpStatusCode.OK) receiver.Received.Enqueue((body, request.Headers.Authorization.FirstOrDefault()));
            return Results.Text(status == HttpStatusCode.OK ? "" : $"answer {(int)status}", statusCode: (int)status);
        });
        await app.StartAsync();
        return receiver;
    }

    public void Answer(params HttpStatusCode[] statuses)
    {
        foreach (var s in statuses) _answers.Enqueue(s);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
