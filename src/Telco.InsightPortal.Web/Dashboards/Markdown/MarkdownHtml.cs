using System.Text;
using Ganss.Xss;
using Markdig;

namespace Telco.InsightPortal.Web.Dashboards.Markdown;

/// <summary>What a text tile shows: sanitised HTML, or an error to show in its place.</summary>
public sealed record MarkdownOutcome(string Html, string? Error);

/// <summary>
/// Markdown → HTML that is safe to render as markup. Two layers: Markdig with raw HTML disabled (typed tags come out
/// as escaped text), then HtmlSanitizer with an allow-list of plain document tags and only an href attribute on links,
/// whose scheme must be http, https or mailto (or none: a relative link). Nothing renders script, an event handler,
/// a style, an iframe or an image. Input over <see cref="MaxBytes"/> or nested deeper than <see cref="MaxDepth"/> is
/// refused with a message, never an exception: the tile says what is wrong.
/// </summary>
public static class MarkdownHtml
{
    public const int MaxBytes = 16 * 1024;

    /// <summary>Markdig guards its own recursion (its default is 128); a note needs far less, and a shallow tree keeps
    /// the sanitiser's DOM walk shallow too.</summary>
    public const int MaxDepth = 32;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder
    {
        MaximumNestingDepth = MaxDepth,
    }.UsePipeTables().DisableHtml().Build();

    private static readonly HtmlSanitizerOptions Allowed = new()
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "p", "h1", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote", "a",
            "table", "thead", "tbody", "tr", "th", "td", "hr", "br",
        },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
        AllowedCssProperties = new HashSet<string>(),
        AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        AllowedClasses = new HashSet<string>(),
    };

    public static MarkdownOutcome Render(string? markdown)
    {
        markdown ??= "";
        var bytes = Encoding.UTF8.GetByteCount(markdown);
        if (bytes > MaxBytes)
            return new MarkdownOutcome("", $"This text is {bytes / 1024.0:0.#} KiB; a text tile holds at most {MaxBytes / 1024} KiB.");
        string html;
        try
        {
            html = Markdig.Markdown.ToHtml(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's depth guard throws rather than truncating; say so instead of failing the dashboard.
            return new MarkdownOutcome("", $"This text nests quotes or lists more than {MaxDepth} levels deep; flatten it.");
        }
        // Not shared: an instance per call keeps the sanitiser's state (its events, its parser) out of other circuits.
        var sanitizer = new HtmlSanitizer(Allowed) { KeepChildNodes = true };
        return new MarkdownOutcome(sanitizer.Sanitize(html), null);
    }
}
