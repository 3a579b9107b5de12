using Telco.InsightPortal.Web.Dashboards.Markdown;

namespace Telco.InsightPortal.Web.Tests.Dashboards;

/// <summary>Hostile shapes of input (deep nesting, long runs, random bytes) end in HTML or a message, never a crash.</summary>
public sealed class MarkdownFuzzTests
{
    [Theory]
    [InlineData(">", 10_000)]
    [InlineData("> ", 5_000)]
    [InlineData("[", 10_000)]
    [InlineData("*", 10_000)]
    [InlineData("`", 10_000)]
    [InlineData("<", 10_000)]
    [InlineData("|", 10_000)]
    public void ALongRunOfOneMarkerEitherRendersOrIsRefused(string marker, int count)
    {
        var input = string.Concat(Enumerable.Repeat(marker, count)) + " deep";

        var outcome = MarkdownHtml.Render(input);

        Assert.True(outcome.Error is not null || outcome.Html.Length > 0);
        Assert.DoesNotContain("<script", outcome.Html);
    }

    [Fact]
    public void TenThousandNestedQuotesAreRefusedAsTooDeep()
    {
        var outcome = MarkdownHtml.Render(new string('>', 10_000) + " x");

        Assert.Contains("levels deep", outcome.Error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DeeplyNestedListsAreRefusedAsTooDeep(bool oneLine)
    {
        // Either each item indented under the one before, or 5,000 list markers on one line ("- - - … item").
        var input = oneLine
            ? string.Concat(Enumerable.Repeat("- ", 5_000)) + "item"
            : string.Join("\n", Enumerable.Range(0, 60).Select(i => new string(' ', i * 2) + "- item"));

        var outcome = MarkdownHtml.Render(input);

        Assert.Contains("levels deep", outcome.Error);
    }

    [Fact]
    public void NestingWithinTheLimitStillRenders()
    {
        var outcome = MarkdownHtml.Render(new string('>', 10) + " x");

        Assert.Null(outcome.Error);
        Assert.Equal(10, CountOf(outcome.Html, "<blockquote>"));
    }

    [Fact]
    public void RandomInputNeverThrowsAndNeverLetsATagOutsideTheAllowList()
    {
        var random = new Random(13);
        const string alphabet = "<>[]()!*_`#-+=|\\\"' \n\tajs:/&;%0123456789abcdefscriptonerrorhref";
        for (var round = 0; round < 300; round++)
        {
            var length = random.Next(0, 4_000);
            var input = new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

            var outcome = MarkdownHtml.Render(input);

            foreach (System.Text.RegularExpressions.Match tag in System.Text.RegularExpressions.Regex.Matches(outcome.Html, "<([a-zA-Z0-9]+)"))
                Assert.Contains(tag.Groups[1].Value.ToLowerInvariant(), Allowed);
            // Text "<" is escaped, so every "<" left opens a real tag: none may carry an event handler.
            Assert.DoesNotMatch("(?i)<[^>]*\\son[a-z]+\\s*=", outcome.Html);
        }
    }

    private static readonly string[] Allowed =
        ["p", "h1", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td", "hr", "br"];

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
