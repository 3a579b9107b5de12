using Telco.InsightPortal.Core.Dashboards;

namespace Telco.InsightPortal.Core.Tests.Dashboards;

/// <summary>What a dashboard draft must be: each bad part refused with its JSON path, specs kept canonical, tiles laid
/// out on the 12-column grid, and a written document read back unchanged.</summary>
public sealed class DashboardDocumentParserTests
{
    public const string Spec = """{"version":1,"source":{"kind":"snapshot","dataset":"telco","snapshot":"latest"},"type":"bar","x":{"field":"Contract"}}""";

    public static readonly string Full = $$$"""
        {"name":"  Churn overview ","version":3,
         "charts":[{"id":"by-contract","title":"Churn by contract","spec":{{{Spec}}},"layout":{"x":6,"y":0,"w":6,"h":5}},
                   {"spec":{{{Spec.Replace("\"bar\"", "\"pie\"")}}}}],
         "texts":[{"markdown":"**Read me** first"}],
         "filters":[{"field":"Contract","values":["Two year",1,2.5]}]}
        """;

    [Fact]
    public void AFullDraftParsesAndWritesBackToTheSameDocument()
    {
        var draft = DashboardDocumentParser.ParseDraft(Full);
        var written = DashboardDocumentWriter.Write(draft.Document);

        Assert.Equal(("Churn overview", 3), (draft.Name, draft.BaseVersion));
        Assert.Equal(["by-contract", "c2"], draft.Document.Charts.Select(c => c.Id));
        Assert.Equal(new TileLayout(6, 0, 6, 5), draft.Document.Charts[0].Layout);
        Assert.Equal(new TileLayout(6, 0, 6, 4), draft.Document.Charts[1].Layout);
        Assert.Equal(new TileLayout(0, 0, 12, 2), draft.Document.Texts[0].Layout);
        Assert.Equal(["Two year", 1L, 2.5], draft.Document.Filters[0].Values);
        Assert.Equal(ChartSpecWriter.Write(ChartSpecParser.Parse(Spec)), draft.Document.Charts[0].Spec);
        Assert.Equal(written, DashboardDocumentWriter.Write(DashboardDocumentParser.ParseDocument(written)));
    }

    [Theory]
    [InlineData("""{"charts":[]}""", "name", "a value is required")]
    [InlineData("""{"name":"   "}""", "name", "a name is required")]
    [InlineData("""{"name":"a","colour":"red"}""", "colour", "unknown property")]
    [InlineData("""{"name":"a","version":0}""", "version", "positive whole number")]
    [InlineData("""{"name":"a","charts":{}}""", "charts", "an array is expected")]
    [InlineData("""{"name":"a","charts":[{"title":"t"}]}""", "charts[0].spec", "a value is required")]
    [InlineData("""{"name":"a","charts":[{"spec":{"version":1,"type":"bar"}}]}""", "charts[0].spec.source", "a value is required")]
    [InlineData("""{"name":"a","charts":[{"id":"x y","spec":SPEC}]}""", "charts[0].id", "letters, digits")]
    [InlineData("""{"name":"a","charts":[{"id":"a","spec":SPEC},{"id":"a","spec":SPEC}]}""", "charts[1].id", "is used by another tile")]
    [InlineData("""{"name":"a","charts":[{"spec":SPEC,"layout":{"x":8,"w":6}}]}""", "charts[0].layout.w", "past column 12")]
    [InlineData("""{"name":"a","charts":[{"spec":SPEC,"layout":{"h":0}}]}""", "charts[0].layout.h", "from 1 to 24")]
    [InlineData("""{"name":"a","texts":[{"markdown":1}]}""", "texts[0].markdown", "a string is expected")]
    [InlineData("""{"name":"a","filters":[{"field":"Contract","values":[]}]}""", "filters[0].values", "at least one value")]
    [InlineData("""{"name":"a","filters":[{"field":"Contract","values":[{"a":1}]}]}""", "filters[0].values[0]", "a string or a finite number")]
    [InlineData("""{"name":"a\u0000"}""", "name", "NUL characters")]
    [InlineData("""{"name":"a",""", "$", "not valid JSON")]
    public void EachBadPartIsRefusedWithItsPath(string json, string path, string problem)
    {
        var e = Assert.Throws<DashboardException>(() => DashboardDocumentParser.ParseDraft(json.Replace("SPEC", Spec)));

        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void SizeCountsAndNestingAreBounded()
    {
        var tooMany = """{"name":"a","charts":[""" + string.Join(",", Enumerable.Repeat("""{"spec":""" + Spec + "}", DashboardLimits.MaxCharts + 1)) + "]}";
        var tooDeep = """{"name":"a","filters":[{"field":"f","values":[""" + new string('[', 40) + new string(']', 40) + "]}]}";
        var tooBig = """{"name":"a","texts":[{"markdown":" """ + new string('x', DashboardLimits.MaxBytes) + "\"}]}";
        var longMarkdown = """{"name":"a","texts":[{"markdown":" """ + new string('x', DashboardLimits.MaxMarkdown) + "\"}]}";

        Assert.Contains("at most 24", Assert.Throws<DashboardException>(() => DashboardDocumentParser.ParseDraft(tooMany)).Message);
        Assert.Contains("not valid JSON", Assert.Throws<DashboardException>(() => DashboardDocumentParser.ParseDraft(tooDeep)).Message);
        Assert.Contains("at most 512 KiB", Assert.Throws<DashboardException>(() => DashboardDocumentParser.ParseDraft(tooBig)).Message);
        Assert.Equal("texts[0].markdown", Assert.Throws<DashboardException>(() => DashboardDocumentParser.ParseDraft(longMarkdown)).Path);
    }
}
