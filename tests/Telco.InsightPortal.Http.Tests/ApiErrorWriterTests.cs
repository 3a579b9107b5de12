using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Telco.InsightPortal.Http.Tests;

public sealed class ApiErrorWriterTests
{
    private static readonly ApiError Refusal = new(404, "RESOURCE_DOES_NOT_EXIST", "No deployment named 'x'.",
        new Dictionary<string, object?> { ["existingSnapshotId"] = 7 });

    [Fact]
    public async Task ThePortalApiAnswersProblemDetailsWithTheCodeAndDetailsAsExtensions()
    {
        var (status, type, body) = await WriteAsync("/api/v1/deployments/x");

        Assert.Equal((404, "application/problem+json"), (status, type));
        Assert.Equal("No deployment named 'x'.", body.GetProperty("detail").GetString());
        Assert.Equal(404, body.GetProperty("status").GetInt32());
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", body.GetProperty("errorCode").GetString());
        Assert.Equal(7, body.GetProperty("existingSnapshotId").GetInt32());
        Assert.True(body.TryGetProperty("traceId", out _));
    }

    [Theory]
    [InlineData("/api/2.0/mlflow/runs/get")]
    [InlineData("/serving/churn/invocations")]
    public async Task MlflowAndServingAnswerErrorCodeAndMessageOnly(string path)
    {
        var (status, type, body) = await WriteAsync(path);

        Assert.Equal((404, "application/json; charset=utf-8"), (status, type));
        Assert.Equal(["error_code", "message"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", body.GetProperty("error_code").GetString());
        Assert.Equal("No deployment named 'x'.", body.GetProperty("message").GetString());
    }

    private static async Task<(int Status, string? Type, JsonElement Body)> WriteAsync(string path)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();

        await ApiErrorWriter.WriteAsync(http, Refusal);

        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, http.Response.ContentType, (await JsonDocument.ParseAsync(http.Response.Body)).RootElement.Clone());
    }
}
