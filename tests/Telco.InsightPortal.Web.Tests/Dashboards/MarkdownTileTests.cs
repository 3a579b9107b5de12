using Bunit;
using Telco.InsightPortal.Web.Dashboards.Components;

namespace Telco.InsightPortal.Web.Tests.Dashboards;

/// <summary>A text tile renders its Markdown as markup only after sanitising, and says when its text is refused.</summary>
public sealed class MarkdownTileTests : PortalTestContext
{
    [Fact]
    public void MarkdownRendersAsMarkupAndTypedHtmlAsText()
    {
        var cut = Render<MarkdownTile>(p => p.Add(t => t.Markdown, "**Churn** rose. <script>alert(1)</script> <img src=x onerror=alert(1)>"));

        Assert.Equal("Churn", cut.Find(".dash-markdown strong").TextContent);
        Assert.Empty(cut.FindAll(".dash-markdown script"));
        Assert.Empty(cut.FindAll(".dash-markdown img"));
        Assert.Contains("<script>alert(1)</script>", cut.Find(".dash-markdown").TextContent);
    }

    [Fact]
    public void TextOverTheLimitShowsWhyInsteadOfFailing()
    {
        var cut = Render<MarkdownTile>(p => p.Add(t => t.Markdown, new string('x', 20_000)));

        Assert.Contains("at most 16 KiB", cut.Find(".dash-markdown-error").TextContent);
        Assert.Empty(cut.FindAll(".dash-markdown"));
    }
}
