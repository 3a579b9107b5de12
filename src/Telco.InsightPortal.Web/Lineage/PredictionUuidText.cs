namespace Telco.InsightPortal.Web.Lineage;

/// <summary>A prediction uuid typed or pasted by a person (the chain page) or sent by a client (the API): one check
/// and one refusal for both, which quotes the text cut short, since it is the caller's.</summary>
public static class PredictionUuidText
{
    public const int MaxLength = 64;

    public static bool TryParse(string? text, out Guid uuid)
    {
        uuid = default;
        return text is { Length: > 0 and <= MaxLength } && Guid.TryParse(text.Trim(), out uuid);
    }

    public static string Refusal(string? text) =>
        $"'{Bounded(text ?? "")}' is not a prediction uuid; use the 36-character form a deployment logs (8-4-4-4-12 hex digits).";

    public static string Bounded(string text) => text.Length <= MaxLength ? text : text[..MaxLength] + "…";
}
