using System.Text.Json;

namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>
/// Reads a dashboard's shares: <c>[{"role":"BusinessUser","access":"viewer"},{"user":"bella","access":"editor"}]</c>.
/// Roles must be portal roles (<paramref name="roles"/> gives their canonical spelling); users are names as they sign in.
/// Bounded like every parser of user text: size, nesting, count and lengths.
/// </summary>
public static class DashboardShareParser
{
    public const int MaxBytes = 16 * 1024;
    private const int MaxUserName = 100;

    public static IReadOnlyList<DashboardShare> Parse(string text, Func<string, string?> canonicalRole)
    {
        if (text.Length > MaxBytes) throw new DashboardException("$", $"shares are at most {MaxBytes / 1024} KiB.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException)
        {
            throw new DashboardException("$", "not valid JSON: an array of {\"role\" or \"user\", \"access\"} is expected.");
        }
        using (document)
        {
            try
            {
                return Shares(document.RootElement, canonicalRole);
            }
            catch (InvalidOperationException)
            {
                throw new DashboardException("$", "it holds text that is not valid Unicode.");
            }
        }
    }

    private static List<DashboardShare> Shares(JsonElement root, Func<string, string?> canonicalRole)
    {
        if (root.ValueKind != JsonValueKind.Array) throw new DashboardException("$", "an array is expected.");
        if (root.GetArrayLength() > DashboardLimits.MaxShares) throw new DashboardException("$", $"at most {DashboardLimits.MaxShares} shares are allowed.");
        var shares = new List<DashboardShare>();
        var i = 0;
        foreach (var e in root.EnumerateArray())
        {
            var path = $"[{i++}]";
            var p = DashboardJson.Properties(e, path, ["role", "user", "access"]);
            var access = DashboardJson.String(DashboardJson.Require(p, "access", path), path + ".access", 10) switch
            {
                "viewer" => DashboardAccess.Viewer,
                "editor" => DashboardAccess.Editor,
                _ => throw new DashboardException(path + ".access", "'viewer' or 'editor' is expected."),
            };
            var share = (p.ContainsKey("role"), p.ContainsKey("user")) switch
            {
                (true, false) => new DashboardShare(DashboardShare.Role, Role(p["role"], path + ".role", canonicalRole), access),
                (false, true) => new DashboardShare(DashboardShare.User, User(p["user"], path + ".user"), access),
                _ => throw new DashboardException(path, "exactly one of 'role' and 'user' is expected."),
            };
            if (shares.Any(s => s.Kind == share.Kind && string.Equals(s.Principal, share.Principal, StringComparison.OrdinalIgnoreCase)))
                throw new DashboardException(path, $"{share.Kind} '{share.Principal}' is shared with twice.");
            shares.Add(share);
        }
        return shares;
    }

    private static string Role(JsonElement e, string path, Func<string, string?> canonicalRole)
    {
        var name = DashboardJson.String(e, path, 50);
        return canonicalRole(name) ?? throw new DashboardException(path, "not a portal role.");
    }

    private static string User(JsonElement e, string path)
    {
        var name = DashboardJson.String(e, path, MaxUserName).Trim();
        return name.Length > 0 && !name.Any(char.IsControl) ? name : throw new DashboardException(path, "a user name is required.");
    }
}
