using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Telco.InsightPortal.Core.Errors;

namespace Telco.InsightPortal.Http.Tests;

public sealed class JsonBodyTests
{
    private sealed record Body(string? Name, int? Replicas);

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n\t")]
    public async Task AnEmptyBodyReadsAsTheEmptyRequest(string text) =>
        Assert.Equal(new Body("empty", null), await ReadAsync(text));

    [Fact]
    public async Task AWellFormedBodyIsRead() =>
        Assert.Equal(new Body("a", 2), await ReadAsync("{\"name\":\"a\",\"replicas\":2}"));

    [Theory]
    [InlineData("{\"name\":", "Malformed JSON in the request body at line 1")]
    [InlineData("{\"replicas\":\"two\"}", "($.replicas): a value has the wrong type")]
    [InlineData("[1,2", "Malformed JSON in the request body")]
    [InlineData("\u0000", "Malformed JSON in the request body")]
    public async Task MalformedJsonIsA400NamingWhereItBroke(string text, string message)
    {
        var refusal = await Assert.ThrowsAsync<PortalException>(() => ReadAsync(text));

        Assert.Equal(400, refusal.Status);
        Assert.Contains(message, refusal.Message);
        Assert.DoesNotContain("System.", refusal.Message);
    }

    [Fact]
    public async Task ABodyPastTheLimitIsA413BeforeItIsReadInFull()
    {
        var refusal = await Assert.ThrowsAsync<PortalException>(() => ReadAsync("{\"name\":\"" + new string('x', 200) + "\"}", limit: 64));

        Assert.Equal((413, ErrorCodes.Exhausted), (refusal.Status, refusal.Code));
        Assert.Contains("64-byte limit", refusal.Message);
    }

    private static Task<Body> ReadAsync(string text, long limit = JsonBody.DefaultLimit)
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return JsonBody.ReadAsync(http.Request, JsonSerializerOptions.Web, () => new Body("empty", null), limit);
    }
}
