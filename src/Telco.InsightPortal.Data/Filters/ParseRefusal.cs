using Telco.InsightPortal.Core.Parsing;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Data.Filters;

/// <summary>The MLflow APIs answer a refused filter, order_by or page token as <c>INVALID_PARAMETER_VALUE</c> (400),
/// with the parser's message, which names the position or the limit.</summary>
internal static class ParseRefusal
{
    public static void AsInvalidParameter(Action check) => AsInvalidParameter(() =>
    {
        check();
        return true;
    });

    public static T AsInvalidParameter<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ParseException e)
        {
            throw TrackingException.Invalid(e.Message);
        }
    }
}
