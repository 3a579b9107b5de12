using System.Text.Json;
using System.Text.RegularExpressions;
using Telco.InsightPortal.Core.Parsing;

namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>
/// Reads a dashboard draft (API body) or a stored document. Every part is bounded (<see cref="DashboardLimits"/>):
/// the text's size and nesting before it is parsed, then counts, lengths and the grid. Each chart spec goes through
/// <see cref="ChartSpecParser"/> and is kept in its canonical form, so a saved spec is accepted as is by the query
/// endpoint. Unknown properties are refused, so a typo is not silently dropped.
/// </summary>
public static partial class DashboardDocumentParser
{
    private static readonly string[] DraftProperties = ["name", "version", "charts", "texts", "filters"];
    private static readonly string[] ChartProperties = ["id", "title", "spec", "layout"];
    private static readonly string[] TextProperties = ["id", "markdown", "layout"];

    public static DashboardDraft ParseDraft(string text)
    {
        using var document = Open(text);
        return Unicode(() => Draft(document.RootElement));
    }

    /// <summary>A document as <see cref="DashboardDocumentWriter"/> stored it.</summary>
    public static DashboardDocument ParseDocument(string text)
    {
        using var document = Open(text);
        return Unicode(() => Document(DashboardJson.Properties(document.RootElement, "$", ["charts", "texts", "filters"])));
    }

    private static DashboardDraft Draft(JsonElement root)
    {
        var p = DashboardJson.Properties(root, "$", DraftProperties);
        var name = DashboardJson.String(DashboardJson.Require(p, "name", "$"), "name", DashboardLimits.MaxName).Trim();
        if (name.Length == 0) throw new DashboardException("name", "a name is required.");
        int? baseVersion = null;
        if (p.TryGetValue("version", out var v) && v.ValueKind != JsonValueKind.Null)
            baseVersion = v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n > 0
                ? n : throw new DashboardException("version", "a positive whole number is expected.");
        return new DashboardDraft(name, Document(p), baseVersion);
    }

    private static JsonDocument Open(string text) =>
        DashboardJson.Reader.Open(text, DashboardLimits.MaxBytes, DashboardLimits.MaxDepth, "a dashboard");

    private static T Unicode<T>(Func<T> read) => DashboardJson.Reader.Unicode(read);

    private static DashboardDocument Document(Dictionary<string, JsonElement> p)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var charts = DashboardJson.Items(p, "charts", DashboardLimits.MaxCharts).Select((e, i) => Chart(e, $"charts[{i}]", i, ids)).ToList();
        var texts = DashboardJson.Items(p, "texts", DashboardLimits.MaxTexts).Select((e, i) => Text(e, $"texts[{i}]", i, ids)).ToList();
        var filters = DashboardJson.Items(p, "filters", DashboardLimits.MaxFilters).Select((e, i) => DashboardJson.Filter(e, $"filters[{i}]")).ToList();
        return new DashboardDocument(charts, texts, filters);
    }

    private static ChartTile Chart(JsonElement e, string path, int index, HashSet<string> ids)
    {
        var p = DashboardJson.Properties(e, path, ChartProperties);
        var id = Id(p, path, "c" + (index + 1), ids);
        var specElement = DashboardJson.Require(p, "spec", path);
        ChartSpec spec;
        try
        {
            spec = ChartSpecParser.Parse(specElement.GetRawText());
        }
        catch (ChartSpecException ex)
        {
            throw new DashboardException($"{path}.spec.{ex.Path}", ex.Message[(ex.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
        }
        var title = p.TryGetValue("title", out var t) && t.ValueKind != JsonValueKind.Null
            ? DashboardJson.String(t, path + ".title", DashboardLimits.MaxTitle).Trim()
            : spec.Title ?? "";
        return new ChartTile(id, title, ChartSpecWriter.Write(spec), Layout(p, path, index, 6, 4));
    }

    private static TextTile Text(JsonElement e, string path, int index, HashSet<string> ids)
    {
        var p = DashboardJson.Properties(e, path, TextProperties);
        var id = Id(p, path, "t" + (index + 1), ids);
        var markdown = DashboardJson.String(DashboardJson.Require(p, "markdown", path), path + ".markdown", DashboardLimits.MaxMarkdown);
        return new TextTile(id, markdown, Layout(p, path, index, 12, 2));
    }

    private static string Id(Dictionary<string, JsonElement> p, string path, string fallback, HashSet<string> ids)
    {
        var id = p.TryGetValue("id", out var e) && e.ValueKind != JsonValueKind.Null ? DashboardJson.String(e, path + ".id", 32) : fallback;
        if (!IdPattern().IsMatch(id)) throw new DashboardException(path + ".id", "letters, digits, '-' and '_' only, 1 to 32 of them.");
        if (!ids.Add(id)) throw new DashboardException(path + ".id", $"'{id}' is used by another tile.");
        return id;
    }

    /// <summary>A tile without a layout flows after the others, two charts to a row.</summary>
    private static TileLayout Layout(Dictionary<string, JsonElement> p, string path, int index, int width, int height)
    {
        if (!p.TryGetValue("layout", out var e) || e.ValueKind == JsonValueKind.Null)
            return new TileLayout(width == TileLayout.Columns ? 0 : index % 2 * width, index / (TileLayout.Columns / width) * height, width, height);
        path += ".layout";
        var l = DashboardJson.Properties(e, path, ["x", "y", "w", "h"]);
        var x = DashboardJson.Int(l, "x", path, 0, TileLayout.Columns - 1, 0);
        var w = DashboardJson.Int(l, "w", path, 1, TileLayout.Columns, width);
        if (x + w > TileLayout.Columns) throw new DashboardException(path + ".w", $"the tile ends past column {TileLayout.Columns}.");
        return new TileLayout(x, DashboardJson.Int(l, "y", path, 0, DashboardLimits.MaxRows, 0), w, DashboardJson.Int(l, "h", path, 1, 24, height));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex IdPattern();
}
