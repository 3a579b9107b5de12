namespace Telco.InsightPortal.Core.Data.Generators;

internal static class GeneratorSchemas
{
    /// <summary>A schema whose ordinals are the columns' positions, so a column list cannot get them wrong.</summary>
    public static DatasetSchema Numbered(params DatasetColumn[] columns) =>
        new(columns.Select((c, i) => c with { Ordinal = i }).ToList());
}
