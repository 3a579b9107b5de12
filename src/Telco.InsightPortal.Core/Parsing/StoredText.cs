namespace Telco.InsightPortal.Core.Parsing;

/// <summary>What text read from a user's JSON must be to be stored or sent as a parameter to either database:
/// PostgreSQL refuses NUL in text, and half a surrogate pair is not text.</summary>
public static class StoredText
{
    /// <summary>Why <paramref name="text"/> cannot be stored, or null when it can.</summary>
    public static string? Problem(string text) =>
        text.Contains('\0') ? "NUL characters are not allowed."
        : ParseException.IndexOfUnpairedSurrogate(text) >= 0 ? "an unpaired surrogate is not text."
        : null;
}
