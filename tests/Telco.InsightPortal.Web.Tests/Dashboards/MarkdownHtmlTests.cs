using Telco.InsightPortal.Web.Dashboards.Markdown;

namespace Telco.InsightPortal.Web.Tests.Dashboards;

/// <summary>Text tiles render ordinary Markdown, and every way of smuggling script or remote content comes out inert.</summary>
public sealed class MarkdownHtmlTests
{
    private static string Html(string markdown)
    {
        var outcome = MarkdownHtml.Render(markdown);
        Assert.Null(outcome.Error);
        return outcome.Html;
    }

    [Fact]
    public void OrdinaryMarkdownRendersHeadingsListsEmphasisCodeQuotesAndTables()
    {
        var html = Html("# Churn\n\n**Bold** and *em* and `code`.\n\n- one\n- two\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n");

        Assert.Contains("<h1>Churn</h1>", html);
        Assert.Contains("<strong>Bold</strong>", html);
        Assert.Contains("<em>em</em>", html);
        Assert.Contains("<code>code</code>", html);
        Assert.Contains("<li>one</li>", html);
        Assert.Contains("<blockquote>", html);
        Assert.Contains("<td>1</td>", html);
        Assert.Contains("<hr>", html);
    }

    [Theory]
    [InlineData("[docs](https://example.org/a?b=1)", "href=\"https://example.org/a?b=1\"")]
    [InlineData("[mail](mailto:ops@example.org)", "href=\"mailto:ops@example.org\"")]
    [InlineData("[other page](/dashboards/3)", "href=\"/dashboards/3\"")]
    public void SafeLinksKeepTheirTarget(string markdown, string expected)
    {
        Assert.Contains(expected, Html(markdown));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<div style=\"background:url(https://evil.example/x)\" onclick=\"alert(1)\">x</div>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    public void RawHtmlIsShownAsTextNotMarkup(string markdown)
    {
        var html = Html(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<div", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("<p>&lt;", html);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](java&#x73;cript:alert(1))")]
    [InlineData("[x](java\tscript:alert(1))")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[x](<javascript:alert(1)>)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x]: javascript:alert(1)\n\n[x]")]
    [InlineData("[[x](javascript:alert(1))](https://ok.example)")]
    public void DangerousLinkSchemesLoseTheirHref(string markdown)
    {
        var html = Html(markdown);

        Assert.DoesNotContain("script:", ExtractHrefs(html), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", ExtractHrefs(html), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("![tracker](https://evil.example/pixel.png)")]
    [InlineData("![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)")]
    public void ImagesAreNotRenderedSoNothingLoadsFromElsewhere(string markdown)
    {
        Assert.DoesNotContain("<img", Html(markdown), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void HeadingsBeyondH4AndTableAlignmentStylesAreDroppedButTheirTextStays()
    {
        var html = Html("##### deep\n\n| a |\n|--:|\n| 1 |\n");

        Assert.DoesNotContain("<h5", html);
        Assert.Contains("deep", html);
        Assert.DoesNotContain("style", html);
    }

    [Fact]
    public void TextOverSixteenKibIsRefusedWithAMessage()
    {
        var outcome = MarkdownHtml.Render(new string('a', MarkdownHtml.MaxBytes + 1));

        Assert.Equal("", outcome.Html);
        Assert.Contains("16 KiB", outcome.Error);
    }

    [Fact]
    public void TheLimitCountsUtf8BytesNotCharacters()
    {
        // 6,000 characters of three bytes each: 18,000 bytes.
        Assert.NotNull(MarkdownHtml.Render(new string('€', 6000)).Error);
        Assert.Null(MarkdownHtml.Render(new string('a', MarkdownHtml.MaxBytes)).Error);
    }

    private static string ExtractHrefs(string html) =>
        string.Join(" ", System.Text.RegularExpressions.Regex.Matches(html, "href=\"[^\"]*\"").Select(m => m.Value));
}
