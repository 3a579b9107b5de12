using System.Text;

namespace Telco.InsightPortal.Web.Security;

/// <summary>
/// Minimum length 12, and no password built from a common one: the check undoes case, leetspeak,
/// repetition and padding digits or symbols ("P@ssw0rd2024!" is "password"), and refuses passwords
/// that contain the username or use fewer than five different characters.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    private static readonly HashSet<string> Common = LoadCommon();

    /// <summary>Null when acceptable, else the reason, phrased for the person choosing it.</summary>
    public static string? Problem(string? password, string username)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
            return $"Use at least {MinLength} characters.";
        if (password.Length > MaxLength) return $"Use at most {MaxLength} characters.";
        if (password.Distinct().Count() < 5) return "Use at least five different characters.";
        if (username.Length >= 3 && password.Contains(username, StringComparison.OrdinalIgnoreCase))
            return "Do not include your username.";
        var core = Core(password);
        var letters = new string(password.ToLowerInvariant().Where(char.IsLetter).ToArray());
        if (Common.Contains(core) || Common.Contains(password.ToLowerInvariant()) || Common.Contains(letters)
            || IsRepetitionOfCommon(core) || IsRepetitionOfCommon(letters))
            return "This password is too common; choose one that is not built from a well-known password.";
        return null;
    }

    /// <summary>Lower-cased, leetspeak undone, and without leading or trailing digits and symbols.</summary>
    internal static string Core(string password)
    {
        var s = new StringBuilder(password.Length);
        foreach (var c in password.ToLowerInvariant())
        {
            s.Append(c switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '@' => 'a', '$' => 's', '!' => 'i', _ => c });
        }
        var text = s.ToString();
        // Padding is undone on the original characters, so that "password2024" loses "2024", not "ioa".
        var start = 0;
        var end = password.Length;
        while (start < end && !char.IsLetter(password[start])) start++;
        while (end > start && !char.IsLetter(password[end - 1])) end--;
        var trimmed = text[start..end];
        return trimmed.Length >= 4 ? trimmed : text;
    }

    private static bool IsRepetitionOfCommon(string core)
    {
        for (var len = 3; len <= core.Length / 2; len++)
        {
            if (core.Length % len != 0) continue;
            var unit = core[..len];
            if (Enumerable.Range(0, core.Length / len).All(i => core.AsSpan(i * len, len).SequenceEqual(unit)))
                return Common.Contains(unit) || unit.Distinct().Count() < 3;
        }
        return false;
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Telco.InsightPortal.Web.Security.common-passwords.txt")
                           ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#') set.Add(line.Trim().ToLowerInvariant());
        }
        return set;
    }
}
