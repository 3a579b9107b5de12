using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Hosting;

/// <summary>Every API answers bad bodies and refusals with a message in its family's shape — in the README's default run
/// (Development) too, where the developer exception page used to echo the request's headers, credentials included.</summary>
public sealed class ApiErrorShapeTests : IAsyncLifetime
{
    private PortalFactory _portal = null!;
    private HttpClient _scientist = null!;

    // Development seeds the demo users (dora, bella…); these tests bring their own.
    public async ValueTask InitializeAsync()
    {
        _portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { [PortalFactory.EnvironmentSetting] = "Development" },
            services: s => s.AddSingleton<IStartupFilter, ThrowingEndpoint>());
        _scientist = await _portal.ClientForAsync("scientist", Roles.DataScientist);
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "/api/v1/train", "{\"dataset\":" },
        { "/api/v1/deployments", "{\"name\":\"a\",\"replicas\":\"two\"}" },
        { "/api/v1/deployments/x/keys", "{name}" },
        { "/api/v1/deployments/x/labels", "[{\"uuid\":1" },
        { "/api/v1/deployments/x/scale", "{\"replicas\":" },
        { "/api/v1/deployments/x/redeploy", "nope" },
        { "/api/v1/datasets/d/generate", "{\"rows\":" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task MalformedJsonIsAProblemDetails400NamingWhereItBroke(string path, string body)
    {
        var response = await _scientist.PostAsync(path, Json(body));
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Malformed JSON in the request body", problem.GetProperty("detail").GetString());
        Assert.Equal("INVALID_PARAMETER_VALUE", problem.GetProperty("errorCode").GetString());
    }

    [Theory]
    [InlineData("/api/v1/train")]
    [InlineData("/api/v1/deployments")]
    [InlineData("/api/v1/deployments/x/labels")]
    public async Task AnEmptyBodySaysWhatToSend(string path)
    {
        var response = await _scientist.PostAsync(path, Json(""));
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Send ", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task MalformedJsonToTheTokenEndpointNeverEchoesTheBasicCredentials()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = Json("{\"name\":") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + PortalFactory.AdminPassword)));

        var response = await _portal.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Malformed JSON", text);
        Assert.DoesNotContain("Basic", text);
        Assert.DoesNotContain(PortalFactory.AdminPassword, text);
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public async Task RefusalsOfTheFrameworkCarryAMessageToo()
    {
        var anonymous = await _portal.CreateClient().GetAsync("/api/v1/datasets");
        var businessUser = await (await _portal.ClientForAsync("business", Roles.BusinessUser)).GetAsync("/api/v1/datasets");
        var wrongType = await _scientist.PostAsync("/api/v1/train", new StringContent("{}", Encoding.UTF8, "text/plain"));
        var noSuchEndpoint = await _scientist.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("bearer token", (await ProblemAsync(anonymous)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, businessUser.StatusCode);
        Assert.Equal("PERMISSION_DENIED", (await ProblemAsync(businessUser)).GetProperty("errorCode").GetString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Contains("text/plain", (await ProblemAsync(wrongType)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, noSuchEndpoint.StatusCode);
        Assert.Contains("/api/v1/no-such-thing", (await ProblemAsync(noSuchEndpoint)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/boom", "detail")]
    [InlineData("/api/2.0/mlflow/boom", "message")]
    [InlineData("/serving/boom/nothing", "message")]
    public async Task AnUnexpectedFailureIsAGeneric500InItsFamilysShapeWithoutTheException(string path, string field)
    {
        var response = await _scientist.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        var message = JsonDocument.Parse(text).RootElement.GetProperty(field).GetString();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("trace id", message);
        Assert.DoesNotContain("secret detail", text);
        Assert.DoesNotContain("InvalidOperationException", text);
    }

    [Fact]
    public async Task TheMlflowApiAnswersItsOwnShapeForMalformedJson()
    {
        var response = await _scientist.PostAsync("/api/2.0/mlflow/experiments/create", Json("{\"name\":"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_PARAMETER_VALUE", body.GetProperty("error_code").GetString());
        Assert.StartsWith("Malformed JSON in the request body", body.GetProperty("message").GetString());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Fails, the way a bug would, for one path per API family, with a message that must not leak. It runs
    /// where no endpoint answered, behind the portal's own pipeline and its exception handler.</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        private static readonly string[] Paths = ["/api/v1/boom", "/api/2.0/mlflow/boom", "/serving/boom/nothing"];

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((http, rest) => Paths.Contains(http.Request.Path.Value) ? throw new InvalidOperationException("secret detail") : rest(http));
        };
    }
}
