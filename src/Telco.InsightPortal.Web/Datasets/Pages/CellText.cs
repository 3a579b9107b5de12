using System.Globalization;

namespace Telco.InsightPortal.Web.Datasets.Pages;

/// <summary>How a typed cell reads in a grid. Always plain text: values are user data, never markup.</summary>
public static class CellText
{
    public static string Format(object? value) => value switch
    {
        null => "∅",
        double d => d.ToString("G10", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>One row of the preview grid: the physical row id, then the values in schema order.</summary>
public sealed record PreviewRow(object?[] Cells);
