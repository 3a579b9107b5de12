using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Security;

/// <summary>Session and token checks are remembered briefly, so requests do not each read and write the store; what one
/// instance changes bites there at once and on the others within Auth:CheckCacheSeconds.</summary>
public sealed class AuthCacheTests
{
    private sealed record TokenView(long Id, DateTimeOffset? LastUsedAt);

    [Fact]
    public async Task ARevokedTokenFailsAtOnceWhereItWasRevokedAndWithinTheCacheWindowOnAnotherInstance()
    {
        await using var first = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { ["Auth:CheckCacheSeconds"] = "2" });
        await using var second = first.SecondInstance();
        await first.CreateAsync("dan", Roles.DataScientist);
        var token = await first.TokenAsync("dan");
        var onFirst = first.AdminTokenClient(token);
        var onSecond = second.AdminTokenClient(token);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/v1/datasets")).StatusCode);
        var id = (await onFirst.GetFromJsonAsync<List<TokenView>>("/api/v1/tokens"))!.Single().Id;

        await onFirst.DeleteAsync($"/api/v1/tokens/{id}");
        var atOnce = await onFirst.GetAsync("/api/v1/datasets");
        var started = DateTime.UtcNow;
        while ((await onSecond.GetAsync("/api/v1/datasets")).StatusCode == HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "The other instance still accepts the revoked token.");
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, atOnce.StatusCode);
    }

    [Fact]
    public async Task ApiCallsDoNotEachWriteTheTokensLastUse()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("dan", Roles.DataScientist);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/datasets")).StatusCode);
        var firstUse = await LastUsedAsync(portal);

        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/datasets")).StatusCode);

        Assert.NotNull(firstUse);
        Assert.Equal(firstUse, await LastUsedAsync(portal));
    }

    [Fact]
    public async Task ARoleChangeReachesTheNextRequestOfTheSameInstance()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("dan", Roles.DataScientist);
        var users = portal.Services.GetRequiredService<Data.Security.UserStore>();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/datasets")).StatusCode);

        var dan = (await users.FindAsync("dan"))!;
        await users.SetRolesAsync(dan.Id, [Roles.BusinessUser], Data.Audit.AuditActor.System);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/datasets")).StatusCode);
    }

    private static async Task<DateTimeOffset?> LastUsedAsync(PortalFactory portal)
    {
        await using var connection = await portal.Services.GetRequiredService<IConnectionFactory>().OpenAsync();
        return (await connection.QueryAsync<DateTimeOffset?>("SELECT last_used_at FROM access_tokens")).Single();
    }
}
