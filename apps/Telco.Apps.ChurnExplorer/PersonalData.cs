namespace Telco.Apps.ChurnExplorer;

/// <summary>Masks personal data for users who may not see it, keeping enough to tell rows apart on a screen.</summary>
public static class PersonalData
{
    public const char MaskChar = '•';

    /// <summary>Below this length, showing four characters would give away most of the id, so all of it is masked.</summary>
    public const int ShortestPartlyShown = 8;

    /// <summary>The id with all but its first two and last two characters masked ("75••••••EG"); a short id fully masked.</summary>
    public static string Mask(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "";
        if (id.Length < ShortestPartlyShown) return new string(MaskChar, id.Length);
        return string.Concat(id.AsSpan(0, 2), new string(MaskChar, id.Length - 4), id.AsSpan(id.Length - 2));
    }
}
