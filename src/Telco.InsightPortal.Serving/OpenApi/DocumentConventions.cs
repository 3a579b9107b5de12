using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Telco.InsightPortal.Serving.OpenApi;

/// <summary>
/// What client generators (Kiota, NSwag) and linters need of every operation and that no endpoint file should have to
/// repeat: a stable, unique, readable <c>operationId</c> and a summary, both derived from the method and the route
/// when the endpoint names none (<c>POST /api/v1/deployments/{name}/redeploy</c> → <c>postDeploymentsRedeploy</c>,
/// "Post deployments redeploy"); and server addresses without a trailing slash. Shared by the portal's and
/// serving's documents.
/// </summary>
public sealed class DocumentConventions : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var unnamed = new List<(string Path, HttpMethod Method, OpenApiOperation Operation)>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (operation.OperationId is { Length: > 0 } id) taken.Add(id);
                else unnamed.Add((path, method, operation));
                operation.Summary ??= Summary(method, path);
            }
        }
        // After the endpoints that chose their own ids, so a derived id never takes one of theirs. The short form leaves
        // out parameters inside the route; where short forms collide, each of them names all its parameters instead.
        var clashing = unnamed.GroupBy(u => Id(u.Method, u.Path)).Where(g => g.Count() > 1 || taken.Contains(g.Key))
            .SelectMany(g => g.Select(u => u.Operation)).ToHashSet();
        foreach (var (path, method, operation) in unnamed)
            operation.OperationId = Unique(Id(method, path, allParameters: clashing.Contains(operation)), taken);
        return Task.CompletedTask;
    }

    private static string Unique(string id, HashSet<string> taken)
    {
        var candidate = id;
        for (var n = 2; !taken.Add(candidate); n++) candidate = id + n.ToString(CultureInfo.InvariantCulture);
        return candidate;
    }

    /// <summary>The method in lower case, then each literal segment of the route in PascalCase (after "api" and a
    /// version such as "v1" or "2.0"); a route parameter counts as "By" and its name when it ends the route (or always,
    /// with <paramref name="allParameters"/>).</summary>
    public static string Id(HttpMethod method, string path, bool allParameters = false)
    {
        var segments = Segments(path);
        var words = segments.Select((s, i) => s.StartsWith('{')
            ? allParameters || i == segments.Count - 1 ? "By" + Pascal(s.Trim('{', '}', '*')) : ""
            : Pascal(s));
        return method.Method.ToLowerInvariant() + string.Concat(words);
    }

    /// <summary>The short id in words: "Post deployments redeploy", "Get datasets by name".</summary>
    public static string Summary(HttpMethod method, string path)
    {
        var id = Id(method, path);
        var words = new System.Text.StringBuilder().Append(char.ToUpperInvariant(id[0]));
        foreach (var c in id[1..]) words.Append(char.IsAsciiLetterUpper(c) ? " " + char.ToLowerInvariant(c) : c);
        return words.ToString();
    }

    private static List<string> Segments(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .SkipWhile(s => s == "api").SkipWhile(IsVersion).ToList();

    private static bool IsVersion(string segment) =>
        segment.Length > 1 && (segment[0] == 'v' && segment[1..].All(char.IsAsciiDigit) || segment.All(c => char.IsAsciiDigit(c) || c == '.'));

    private static string Pascal(string segment) =>
        string.Concat(segment.Split('-', '.', '_').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
