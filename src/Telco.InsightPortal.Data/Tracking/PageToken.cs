using System.Globalization;
using System.Text;
using Telco.InsightPortal.Core.Parsing;
using Telco.InsightPortal.Data.Filters;

namespace Telco.InsightPortal.Data.Tracking;

/// <summary>An opaque page token: the offset of the next page, base64 so that clients do not build it.</summary>
public static class PageToken
{
    private const string Prefix = "offset:";

    public static string Encode(long offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    public static long Decode(string? token)
    {
        if (string.IsNullOrEmpty(token)) return 0;
        ParseRefusal.AsInvalidParameter(() => ParserLimits.PageToken.Check(token));
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return offset;
        }
        catch (FormatException)
        {
        }
        throw TrackingException.Invalid($"Invalid page token '{token}'.");
    }
}
