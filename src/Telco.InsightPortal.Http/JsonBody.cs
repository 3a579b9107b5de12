using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Telco.InsightPortal.Core.Errors;

namespace Telco.InsightPortal.Http;

/// <summary>
/// The one reader of JSON request bodies that a handler reads itself (rather than letting minimal APIs bind them):
/// bounded in size, an empty body read as <paramref name="empty"/>, and malformed JSON refused with a 400 that says
/// where it broke. The framework's own binding of /api/v1 bodies ends in the same message through
/// <see cref="ApiError.From"/>.
/// </summary>
public static class JsonBody
{
    /// <summary>Far more than any JSON request of the portal needs (a batch of 1,000 metrics is about 100 KB).</summary>
    public const long DefaultLimit = 4 * 1024 * 1024;

    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, Func<T> empty, long limit = DefaultLimit, CancellationToken ct = default)
    {
        var bytes = await RequestBody.ReadAsync(request, limit, ct: ct);
        if (IsBlank(bytes)) return empty();
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, options) ?? empty();
        }
        catch (JsonException e)
        {
            throw new PortalException(ErrorKind.Invalid, Describe(e), inner: e);
        }
    }

    /// <summary>"Malformed JSON in the request body at line 1, position 12 ($.replicas): …" — without the .NET type names
    /// that System.Text.Json puts in its messages.</summary>
    public static string Describe(JsonException e)
    {
        var where = e.LineNumber is { } line ? $" at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}" : "";
        var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" ({e.Path})";
        var reason = e.Message.Contains("could not be converted to", StringComparison.Ordinal)
            ? "a value has the wrong type"
            : e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.');
        return $"Malformed JSON in the request body{where}{path}: {reason}.";
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        }
        return true;
    }
}
