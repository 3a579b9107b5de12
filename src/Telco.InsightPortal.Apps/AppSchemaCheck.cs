namespace Telco.InsightPortal.Apps;

/// <summary>Whether a deployment's served inputs fit an app: every required input present with the type the app reads.</summary>
public static class AppSchemaCheck
{
    /// <summary>One sentence per problem, naming the column; empty when the deployment fits.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<AppInput> required, IEnumerable<AppInput> served)
    {
        var byName = served.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var input in required)
        {
            if (!byName.TryGetValue(input.Name, out var type)) problems.Add($"missing column '{input.Name}' ({input.Type})");
            else if (!string.Equals(Kind(type), input.Type, StringComparison.OrdinalIgnoreCase)) problems.Add($"column '{input.Name}' is {type}, the app needs {input.Type}");
        }
        return problems;
    }

    /// <summary>Serving's column types (<c>/schema</c>) by the kind an app reads: both numeric types are numbers.</summary>
    private static string Kind(string servedType) => servedType.ToLowerInvariant() switch
    {
        "integer" or "real" => "number",
        var other => other,
    };
}
