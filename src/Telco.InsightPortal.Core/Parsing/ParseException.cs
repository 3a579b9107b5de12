namespace Telco.InsightPortal.Core.Parsing;

/// <summary>A parser's refusal of user text, worded for the user: it names the text (shortened when long), the position
/// and what was expected there, or the limit that was passed. Hosts answer it as a 400.</summary>
public sealed class ParseException(string message, int? position = null) : Exception(message)
{
    /// <summary>Long texts are echoed as a window around the position, so a refusal of a megabyte is not a megabyte.</summary>
    private const int EchoLength = 120;

    public int? Position { get; } = position;

    /// <summary>"Invalid filter 'x ~ 1' at position 2: operator '~' is not supported."</summary>
    public static ParseException At(ParserLimits limits, string text, int position, string what) =>
        new($"Invalid {limits.Subject} '{Excerpt(text, position)}' at position {position}: {what}.", position);

    /// <summary>"Invalid filter 'attributes.x = 1': unknown attribute 'x'."</summary>
    public static ParseException Of(ParserLimits limits, string text, string what) =>
        new($"Invalid {limits.Subject} '{Excerpt(text, 0)}': {what}.");

    public static string Excerpt(string text, int position)
    {
        if (text.Length <= EchoLength) return text;
        var start = Math.Clamp(position - EchoLength / 2, 0, text.Length - EchoLength);
        return (start > 0 ? "…" : "") + text.Substring(start, EchoLength) + (start + EchoLength < text.Length ? "…" : "");
    }
}
