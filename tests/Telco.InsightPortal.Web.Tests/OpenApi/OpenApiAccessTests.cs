using System.Net;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.OpenApi;

/// <summary>The portal's API document is for every signed-in user; serving's, wherever it is served, for monitoring
/// readers only (as its metrics are).</summary>
public sealed class OpenApiAccessTests
{
    [Theory]
    [InlineData("/api/serving/openapi.json")]
    [InlineData("/api/SERVING/openapi.json")]
    [InlineData("/serving/openapi/serving.json")]
    public async Task TheServingDocumentNeedsMonitoringRead(string path)
    {
        await using var portal = await PortalFactory.CreateAsync();
        var businessUser = await portal.ClientForAsync("bella", Roles.BusinessUser);
        var analyst = await portal.ClientForAsync("arthur", Roles.Analyst);

        var refused = await businessUser.GetAsync(path);
        var allowed = await analyst.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task ADocumentNameInTheQueryDoesNotSwitchDocuments()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var businessUser = await portal.ClientForAsync("bella", Roles.BusinessUser);

        var response = await businessUser.GetAsync("/api/v1/openapi.json?documentName=serving");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("/serving/{deployment}/invocations", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ThePortalDocumentIsForEverySignedInUserAndNoOneElse()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var businessUser = await portal.ClientForAsync("bella", Roles.BusinessUser);
        var anonymous = portal.CreateClient(new() { AllowAutoRedirect = false });

        var signedIn = await businessUser.GetAsync("/api/v1/openapi.json");
        var signedOut = await anonymous.GetAsync("/api/v1/openapi.json");

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
    }
}
