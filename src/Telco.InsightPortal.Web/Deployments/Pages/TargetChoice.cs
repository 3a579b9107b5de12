using System.Globalization;
using Telco.InsightPortal.Data.Registry;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>
/// What the redeploy and canary field names — a version ("3") or an alias ("@champion") of the model a deployment
/// serves — checked against the registry before anything is asked, so a confirm dialog never opens on a target the
/// service is bound to refuse.
/// </summary>
public static class TargetChoice
{
    /// <summary>"@champion" is an alias, anything else a version.</summary>
    public static (string? Version, string? Alias) Parse(string? text) =>
        (text ?? "").Trim() is var t && t.StartsWith('@') ? (null, t[1..]) : (t, null);

    /// <summary>
    /// The field's first value: <c>@champion</c> when that alias exists, else the model's first other alias, else the
    /// version served now. Never an alias the model lacks, which a press would only have refused.
    /// </summary>
    public static string Prefill(IReadOnlyList<ModelVersion> versions, string servedVersion)
    {
        var aliases = versions.SelectMany(v => v.Aliases).ToList();
        var alias = aliases.FirstOrDefault(a => a == ModelAliases.Champion) ?? aliases.Order(StringComparer.Ordinal).FirstOrDefault();
        return alias is null ? servedVersion : "@" + alias;
    }

    /// <summary>Null when (version | alias) names one of the model's versions; otherwise what is wrong, naming what exists.</summary>
    public static string? Problem(string? text, string model, IReadOnlyList<ModelVersion> versions)
    {
        var (version, alias) = Parse(text);
        if (string.IsNullOrEmpty(version) && string.IsNullOrEmpty(alias)) return "Name a version (e.g. 3) or an alias (e.g. @champion).";
        if (versions.Count == 0) return $"Model '{model}' has no versions in the registry any more, so there is nothing to serve instead.";
        if (alias is not null)
        {
            var aliases = versions.SelectMany(v => v.Aliases).Order(StringComparer.Ordinal).ToList();
            return aliases.Contains(alias, StringComparer.Ordinal) ? null
                : $"Model '{model}' has no alias '@{alias}'. " + (aliases.Count == 0 ? "It has no aliases yet." : $"Its aliases: {string.Join(", ", aliases.Select(a => "@" + a))}.");
        }
        var known = versions.Select(v => v.Version).Order().ToList();
        return long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && known.Contains(n) ? null
            : $"Model '{model}' has no version '{version}'. Its versions: {string.Join(", ", known)}.";
    }

    /// <summary>Null when a canary weight leaves traffic for both targets; the service takes 1 to 99 percent.</summary>
    public static string? WeightProblem(int weight) =>
        weight is >= 1 and <= 99 ? null : "The canary's share must be 1 to 99 % (the rest stays on the current version).";
}
