using System.Reflection;
using System.Text.RegularExpressions;

namespace Telco.InsightPortal.Apps;

/// <summary>
/// The apps this portal hosts, in catalog order. The one list that feeds routing (their assemblies), navigation, the
/// catalog page and the API; ids are checked once here so every later use can trust them.
/// </summary>
public sealed partial class AppCatalog
{
    private readonly Dictionary<string, IPortalApp> _byId;

    public AppCatalog(IEnumerable<IPortalApp> apps)
    {
        All = apps.ToList();
        foreach (var app in All)
            if (!IdPattern().IsMatch(app.Id)) throw new InvalidOperationException($"App id '{app.Id}' must be lower-case letters, digits and dashes.");
        _byId = All.ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<IPortalApp> All { get; }

    public IPortalApp? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The assemblies the router searches for the apps' pages.</summary>
    public IReadOnlyList<Assembly> Assemblies => All.Select(a => a.GetType().Assembly).Distinct().ToList();

    public static string Route(IPortalApp app) => "/apps/" + app.Id;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex IdPattern();
}
