using Microsoft.AspNetCore.Components;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Audit.Pages;
using Telco.InsightPortal.Web.Audit;

namespace Telco.InsightPortal.Web.Tests;

public sealed class AuditPageTests : PortalTestContext
{
    private TestStore _store = default!;

    public override async ValueTask InitializeAsync()
    {
        _store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var trail = new AuditTrail(_store.Factory, TimeProvider.System);
        for (var i = 1; i <= 60; i++)
        {
            await trail.AppendAsync(new AuditActor(i % 2 == 0 ? "alice" : "bob", "10.1.1.1", "<script>alert(1)</script>"),
                new AuditEvent("snapshot.commit", "dataset", "ds" + i, Details: new { html = "<b>bold</b>", n = i }));
        }
        var key = CheckpointKey.Generate();
        Services.AddSingleton(new AuditLog(_store.Factory));
        Services.AddSingleton<IAuditTrail>(trail);
        Services.AddSingleton(new ChainVerification(new AuditVerifier(_store.Factory, key), trail));
        Services.AddSingleton<IAuditActorAccessor>(new FixedActor());
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _store.DisposeAsync();
    }

    [Fact]
    public void FirstPageShowsNewestEntriesAndOlderPagesOn()
    {
        RenderProviders();
        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Equal(AuditPage.PageSize, cut.FindAll("#audit-entries tbody tr").Count));
        Assert.StartsWith("60", cut.FindAll("#audit-entries tbody tr")[0].TextContent.Trim());
        cut.Find("#audit-older").Click();

        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("#audit-entries tbody tr").Count));
        Assert.StartsWith("10", cut.FindAll("#audit-entries tbody tr")[0].TextContent.Trim());
    }

    [Fact]
    public void ActorFilterNarrowsTheListAndDetailShowsUserDataAsText()
    {
        RenderProviders();
        var cut = Render<AuditPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#audit-entries tbody tr")));

        cut.Find("#audit-actor").Change("bob");
        cut.Find("#audit-apply").Click();
        cut.WaitForAssertion(() => Assert.Equal(30, cut.FindAll("#audit-entries tbody tr").Count));
        cut.FindAll("#audit-entries tbody tr")[0].Click();

        var detail = cut.Find("#audit-detail");
        Assert.Contains("Entry 59", detail.TextContent);
        Assert.Contains("{\"html\":\"\\u003Cb\\u003Ebold\\u003C/b\\u003E\",\"n\":59}", cut.Find(".audit-details").TextContent);
        Assert.Contains("<script>alert(1)</script>", detail.TextContent);
        Assert.Empty(detail.QuerySelectorAll("script"));
    }

    /// <summary>Other pages (lineage's side panel) link to the entries of one object: the filter arrives in the query.</summary>
    [Fact]
    public void ATargetInTheQueryOpensThePageFilteredToIt()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/audit?targetType=dataset&targetId=ds7");
        RenderProviders();
        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#audit-entries tbody tr")));
        Assert.StartsWith("7", cut.Find("#audit-entries tbody tr").TextContent.Trim());
        Assert.Equal("ds7", cut.Find("#audit-target-id").GetAttribute("value"));
    }

    [Fact]
    public void VerifyButtonShowsTheIntactChain()
    {
        RenderProviders();
        var cut = Render<VerifyChainPanel>();

        cut.Find("#audit-verify").Click();

        cut.WaitForAssertion(() => Assert.Contains("Chain intact: 60 entries verified", cut.Find("#audit-verify-result").TextContent));
    }

    private sealed class FixedActor : IAuditActorAccessor
    {
        public Task<AuditActor> GetCurrentAsync() => Task.FromResult(new AuditActor("auditor", "127.0.0.1", "bunit"));
    }
}
