using Telco.InsightPortal.Core.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards.Pages;

/// <summary>The builder's form state: what a person picks, turned into a <see cref="ChartSpec"/> on demand (the spec's
/// validator then decides whether it fits the source).</summary>
public sealed class ChartDraft
{
    public string Dataset { get; set; } = "";
    public long? Snapshot { get; set; }
    public string Type { get; set; } = "bar";
    public string? X { get; set; }
    public double? BinWidth { get; set; }
    public string? BinUnit { get; set; }
    public List<MeasureDraft> Measures { get; } = [new()];
    public string? Group { get; set; }
    public string Sort { get; set; } = "";
    public bool Descending { get; set; }
    public int? Limit { get; set; }
    public string Title { get; set; } = "";

    public sealed class MeasureDraft
    {
        public string Agg { get; set; } = "count";
        public string? Field { get; set; }
    }

    public bool IsTable => Type == "table";

    public bool IsKpi => Type == "kpi";

    public ChartSpec ToSpec()
    {
        var type = ChartVocabulary.Types[Type];
        var x = IsTable || IsKpi || string.IsNullOrEmpty(X) ? null
            : new ChartX(X, BinWidth is > 0 ? new ChartBin(BinWidth, null) : BinUnit is { Length: > 0 } u ? new ChartBin(null, ChartVocabulary.Units[u]) : null);
        var measures = IsTable ? [] : Measures.Select(m => new ChartMeasure(ChartVocabulary.Aggregations[m.Agg], m.Agg == "count" ? null : m.Field)).ToList();
        ChartSort? sort = Sort switch
        {
            "" => null,
            "x" => ChartSort.OfX(Descending),
            var s when s.StartsWith('m') => ChartSort.OfMeasure(int.Parse(s[1..], System.Globalization.CultureInfo.InvariantCulture), Descending),
            var field => ChartSort.OfField(field, Descending),
        };
        return new ChartSpec(new ChartSource(Dataset, Snapshot), type, x, measures, IsTable || IsKpi ? null : NullIfEmpty(Group), [], sort, Limit,
            NullIfEmpty(Title.Trim()));
    }

    /// <summary>The form for an existing spec; filters written in the spec are kept by the caller (the form has none).</summary>
    public static ChartDraft From(ChartSpec spec)
    {
        var draft = new ChartDraft
        {
            Dataset = spec.Source.Dataset, Snapshot = spec.Source.SnapshotId, Type = ChartVocabulary.Word(ChartVocabulary.Types, spec.Type),
            X = spec.X?.Field, BinWidth = spec.X?.Bin?.Width, BinUnit = spec.X?.Bin?.Unit is { } u ? ChartVocabulary.Word(ChartVocabulary.Units, u) : null,
            Group = spec.Group, Limit = spec.Limit, Title = spec.Title ?? "", Descending = spec.Sort?.Desc ?? false,
            Sort = spec.Sort switch { null => "", { X: true } => "x", { Measure: { } m } => "m" + m, { Field: { } f } => f, _ => "" },
        };
        draft.Measures.Clear();
        draft.Measures.AddRange(spec.Measures.Select(m => new MeasureDraft { Agg = ChartVocabulary.Word(ChartVocabulary.Aggregations, m.Agg), Field = m.Field }));
        if (draft.Measures.Count == 0) draft.Measures.Add(new MeasureDraft());
        return draft;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
