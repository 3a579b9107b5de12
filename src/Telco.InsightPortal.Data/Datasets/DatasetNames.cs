using System.Text.RegularExpressions;

namespace Telco.InsightPortal.Data.Datasets;

public static partial class DatasetNames
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex Pattern();

    public static string? Problem(string name) => Pattern().IsMatch(name)
        ? null
        : "A dataset name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.";
}
