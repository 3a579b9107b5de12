using System.Text.RegularExpressions;

namespace Telco.InsightPortal.TestSupport;

/// <summary>Signs in through the login form as a browser would: fetch the form (antiforgery token and
/// cookie), post the credentials, keep the session cookie.</summary>
public static partial class CookieSignIn
{
    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"__RequestVerificationToken\"")]
    private static partial Regex AntiforgeryField();

    public static async Task<(HttpClient Client, HttpResponseMessage Response)> SignInAsync(this PortalFactory portal, string username, string password)
    {
        var client = portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsync("/account/signin", await FormAsync(client, "/account/login", new()
        {
            ["username"] = username, ["password"] = password, ["returnUrl"] = "/",
        }));
        return (client, response);
    }

    /// <summary>A form body carrying the antiforgery token of the page at <paramref name="formPage"/>.</summary>
    public static async Task<FormUrlEncodedContent> FormAsync(HttpClient client, string formPage, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, formPage);
        return new FormUrlEncodedContent(fields);
    }

    /// <summary>The antiforgery token a portal page renders into its forms (and sets the matching cookie for).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string formPage)
    {
        var html = await client.GetStringAsync(formPage);
        var token = AntiforgeryField().Match(html);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {formPage}.");
        return System.Net.WebUtility.HtmlDecode(token.Groups[1].Success ? token.Groups[1].Value : token.Groups[2].Value);
    }
}
