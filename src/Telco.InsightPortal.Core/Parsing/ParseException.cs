namespace Telco.InsightPortal.Core.Parsing;

/// <summary>A parser's refusal of user text, worded for the user: it names the text (shortened when long), the position
/// and what was expected there, or the limit that was passed. Every API answers it as a 400 with
/// <c>INVALID_PARAMETER_VALUE</c>, through the one error mapping.</summary>
public sealed class ParseException(string message, int? position = null) : Errors.PortalException(Errors.ErrorKind.Invalid, message)
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
        if (text.Length <= EchoLength) return Printable(text);
        var start = Math.Clamp(position - EchoLength / 2, 0, text.Length - EchoLength);
        return (start > 0 ? "…" : "") + Printable(text.Substring(start, EchoLength)) + (start + EchoLength < text.Length ? "…" : "");
    }

    /// <summary>Unpaired surrogates (in the text, or made by cutting a window) become U+FFFD: a message is sent as
    /// JSON, and JSON cannot carry them.</summary>
    private static string Printable(string text)
    {
        var at = IndexOfUnpairedSurrogate(text);
        if (at < 0) return text;
        var chars = text.ToCharArray();
        for (; at >= 0; at = IndexOfUnpairedSurrogate(text, at + 1)) chars[at] = '\uFFFD';
        return new string(chars);
    }

    internal static int IndexOfUnpairedSurrogate(string text, int from = 0)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) continue;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else return i;
        }
        return -1;
    }
}
