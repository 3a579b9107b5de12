using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Telco.InsightPortal.Core.Parsing;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Tracking;

namespace Telco.InsightPortal.Web.Tests;

/// <summary>
/// Every endpoint of the real host that parses user text, driven with what an attacker would send: 100,000 nested
/// parentheses, nested <c>in</c> lists, megabytes, unbalanced quotes and brackets, NUL and control characters, and
/// seeded random bytes (as text, and raw inside a JSON body). Each answer is a 4xx with a message, or a 200 where the
/// parser itself accepts the text (a blank filter, tabs between comparisons); never a 5xx, never a dead process: a
/// health check and a normal search still answer afterwards.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int RandomInputs = 150;

    private static readonly Dictionary<string, string> ModelColumns = new() { ["name"] = "m.name" };
    private static readonly Dictionary<string, string> VersionColumns = new() { ["name"] = "m.name", ["run_id"] = "v.run_id", ["source"] = "v.source" };

    /// <summary>How one endpoint takes a text, and whether its parser accepts that text.</summary>
    private sealed record Target(string Name, Func<HttpClient, string, Task<HttpResponseMessage>> Send, Func<string, bool> Accepts);

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task EveryParserEndpointAnswersHostileTextWithA4xxAndStaysUp(StoreProvider provider)
    {
        await using var portal = await PortalFactory.CreateAsync(provider);
        var client = await portal.ClientForAsync("fuzzer", Roles.Admin);
        var mlflow = new MlflowClient(client);
        var experimentId = await mlflow.CreateExperimentAsync("churn");
        var runId = await mlflow.CreateRunAsync(experimentId, "r1");
        await mlflow.OkAsync(mlflow.PostAsync("runs/log-metric", new { run_id = runId, key = "auc", value = 0.9, timestamp = 1, step = 0 }));
        var refusals = 0;

        foreach (var (target, seed) in Targets(experimentId).Select((t, i) => (t, i)))
        {
            foreach (var (label, text) in HostileTexts().Concat(RandomTexts(seed)))
            {
                var response = await target.Send(client, text);
                // A query string carries UTF-8: what the server reads is the text with any lone surrogate made U+FFFD.
                var expected = target.Accepts(target.Name.StartsWith("GET ", StringComparison.Ordinal) ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) : text);
                var body = await response.Content.ReadAsStringAsync();
                var what = $"{target.Name} with {label}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
                if (expected) Assert.True(response.StatusCode == HttpStatusCode.OK, what);
                else
                {
                    Assert.True((int)response.StatusCode is >= 400 and < 500, what);
                    Assert.False(string.IsNullOrWhiteSpace(Message(body)), what);
                    refusals++;
                }
            }
            if (!target.Name.StartsWith("POST ", StringComparison.Ordinal) || !target.Name.EndsWith(" filter", StringComparison.Ordinal)) continue;
            foreach (var (label, body) in RawBodies(seed))
            {
                var response = await client.PostAsync("/api/2.0/mlflow/" + target.Name[5..target.Name.IndexOf(' ', 5)],
                    new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest && Message(text) is { Length: > 0 }, $"{target.Name} with {label}: {(int)response.StatusCode} {text}");
            }
        }
        var health = await client.GetAsync("/health");
        var search = await mlflow.OkAsync(mlflow.PostAsync("runs/search", new { experiment_ids = new[] { experimentId }, filter = "metrics.auc > 0.5" }));

        Assert.True(refusals > 1_000, $"only {refusals} refusals: the inputs are not reaching the parsers");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(runId, search.GetProperty("runs")[0].GetProperty("info").GetProperty("run_id").GetString());
    }

    private static IEnumerable<Target> Targets(string experimentId)
    {
        const string mlflow = "/api/2.0/mlflow/";
        // Every UTF-8 byte percent-encoded (a lone surrogate becomes U+FFFD, as a browser would send it).
        static string Q(string text) => string.Concat(Encoding.UTF8.GetBytes(text).Select(b => $"%{b:X2}"));
        static bool Parses(Action parse)
        {
            try
            {
                parse();
                return true;
            }
            catch (TrackingException)
            {
                return false;
            }
        }
        Task<HttpResponseMessage> RunSearch(HttpClient c, object body) => c.PostAsJsonAsync(mlflow + "runs/search", body);

        yield return new("POST runs/search filter", (c, t) => RunSearch(c, new { experiment_ids = new[] { experimentId }, filter = t }),
            t => Parses(() => RunFilter.Parse(t)));
        yield return new("POST runs/search order_by", (c, t) => RunSearch(c, new { experiment_ids = new[] { experimentId }, order_by = new[] { t } }),
            t => Parses(() => RunFilter.ParseOrderBy([t])));
        yield return new("POST runs/search page_token", (c, t) => RunSearch(c, new { experiment_ids = new[] { experimentId }, page_token = t }),
            t => Parses(() => PageToken.Decode(t)));
        yield return new("POST runs/search experiment_ids", (c, t) => RunSearch(c, new { experiment_ids = new[] { t } }),
            t => t.Length > 0 && t.All(char.IsAsciiDigit) && long.TryParse(t, out _));
        yield return new("POST experiments/search filter", (c, t) => c.PostAsJsonAsync(mlflow + "experiments/search", new { filter = t }),
            string.IsNullOrWhiteSpace);
        yield return new("GET experiments/search page_token", (c, t) => c.GetAsync(mlflow + "experiments/search?page_token=" + Q(t)),
            t => Parses(() => PageToken.Decode(t)));
        yield return new("GET registered-models/search filter", (c, t) => c.GetAsync(mlflow + "registered-models/search?filter=" + Q(t)),
            t => Parses(() => RegistryFilter.Parse(t, ModelColumns, "{0} {1}")));
        yield return new("GET registered-models/search order_by", (c, t) => c.GetAsync(mlflow + "registered-models/search?order_by=" + Q(t)),
            t => Parses(() => FilterParserOrderBy(t, ModelColumns)));
        yield return new("GET model-versions/search filter", (c, t) => c.GetAsync(mlflow + "model-versions/search?filter=" + Q(t)),
            t => Parses(() => RegistryFilter.Parse(t, VersionColumns, "{0} {1}")));
        yield return new("GET model-versions/search page_token", (c, t) => c.GetAsync(mlflow + "model-versions/search?page_token=" + Q(t)),
            t => Parses(() => PageToken.Decode(t)));
        yield return new("GET metrics/get-history page_token", (c, t) => c.GetAsync(mlflow + "metrics/get-history?run_id=none&metric_key=auc&page_token=" + Q(t)),
            _ => false);
        // Whole-value filters, bound as parameters: any text the store can hold is a valid (if fruitless) filter.
        yield return new("GET /api/v1/audit actor", (c, t) => c.GetAsync("/api/v1/audit?actor=" + Q(t)),
            t => new Audit.AuditFilterArgs(t, null, null, null, null, null, null).Problem() is null);
        yield return new("GET /api/v1/audit/export.csv targetId", (c, t) => c.GetAsync("/api/v1/audit/export.csv?targetId=" + Q(t)),
            t => new Audit.AuditFilterArgs(null, null, null, t, null, null, null).Problem() is null);
    }

    /// <summary>A registry order_by is valid when it names one of the whitelisted columns, with an optional direction.</summary>
    private static void FilterParserOrderBy(string text, Dictionary<string, string> columns)
    {
        var order = ParseRefusalOf(() => FilterParser.ParseOrderBy([text], new FilterGrammar([], bareKeys: true, "a column")));
        if (order.Count == 1 && order[0].Key.Prefix is null && columns.ContainsKey(order[0].Key.Name.ToLowerInvariant())) return;
        throw TrackingException.Invalid("unknown column");
    }

    private static T ParseRefusalOf<T>(Func<T> parse)
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

    private static IEnumerable<(string Label, string Text)> HostileTexts()
    {
        const int deep = 100_000;
        const int megabyte = 1 << 20;
        yield return ("100,000 nested parentheses", new string('(', deep) + "metrics.auc > 0.5" + new string(')', deep));
        yield return ("100,000 nested parentheses around a registry comparison", new string('(', deep) + "name = 'a'" + new string(')', deep));
        yield return ("8,000 nested parentheses (under the length limit)", new string('(', 8_000) + "name = 'a'" + new string(')', 8_000));
        yield return ("100,000 unclosed parentheses", new string('(', deep));
        yield return ("nested in lists", "params.p in (" + new string('(', deep) + "'a'" + new string(')', deep) + ")");
        yield return ("nested in lists, short", "name in (('a'), ('b'))");
        yield return ("an in list of 10,000 values", "params.p in (" + string.Join(",", Enumerable.Repeat("'v'", 10_000)) + ")");
        yield return ("a megabyte after a comparison", "metrics.auc > 0.5 and " + new string('x', megabyte));
        yield return ("a megabyte inside quotes", "name = '" + new string('a', megabyte) + "'");
        yield return ("a megabyte of comparisons", string.Concat(Enumerable.Repeat("metrics.a > 1 or ", megabyte / 17)) + "metrics.a > 1");
        yield return ("10,000 comparisons within the length limit", string.Join(" or ", Enumerable.Repeat("name = 'a'", 1_000)));
        yield return ("an unterminated quote", "name = 'abc");
        yield return ("an unterminated double quote", "tags.k = \"abc");
        yield return ("an unterminated backtick", "tags.`k = 'v'");
        yield return ("a quote too many", "name = 'a'''");
        yield return ("an unclosed parenthesis", "(name = 'a' or name = 'b'");
        yield return ("a parenthesis too many", "name = 'a')");
        yield return ("brackets the wrong way round", ")(");
        yield return ("NUL inside quotes", "name = 'a\0b'");
        yield return ("NUL alone", "\0");
        yield return ("NUL in an order_by key", "metrics.a\0b DESC");
        yield return ("control characters", "name\u0001= 'a'\u001b[31m");
        yield return ("a lone surrogate", "name = 'a\ud800'");
        yield return ("a right-to-left override", "name = '\u202egnp.exe'");
        yield return ("tabs and newlines between comparisons", "metrics.auc > 0.5\r\n\tand\tmetrics.auc < 1");
        yield return ("SQL in a value", "name = 'x'' OR 1=1 --'");
        yield return ("SQL after a value", "name = 'x'; DROP TABLE runs; --");
        yield return ("a blank filter", "   ");
        yield return ("a huge number", "metrics.auc > 1e999999");
        yield return ("a base64 offset past the end", Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:9223372036854775807")));
        yield return ("a base64 negative offset", Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:-5")));
        yield return ("a megabyte of base64", new string('A', megabyte));
    }

    /// <summary>Seeded random bytes read as Latin-1 text, so every byte value (NUL and controls included) reaches the
    /// parser as a character.</summary>
    private static IEnumerable<(string Label, string Text)> RandomTexts(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < RandomInputs; i++)
        {
            var bytes = new byte[random.Next(1, i % 10 == 0 ? 70_000 : 300)];
            random.NextBytes(bytes);
            yield return ($"random bytes #{i} (seed {seed})", Encoding.Latin1.GetString(bytes));
        }
    }

    /// <summary>JSON bodies whose filter holds raw random bytes (invalid UTF-8), a JSON escape of a lone surrogate, or
    /// JSON nested 100,000 deep.</summary>
    private static IEnumerable<(string Label, byte[] Body)> RawBodies(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 20; i++)
        {
            var junk = new byte[random.Next(1, 2_000)];
            random.NextBytes(junk);
            yield return ($"raw random bytes #{i}", [.. "{\"filter\":\""u8, .. junk, .. "\"}"u8]);
        }
        yield return ("a JSON escape of a lone surrogate", "{\"filter\":\"name = '\\ud800'\"}"u8.ToArray());
        yield return ("JSON nested 100,000 deep", Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000)));
        yield return ("a JSON filter of nested objects", Encoding.UTF8.GetBytes("{\"filter\":" + new string('{', 10_000) + new string('}', 10_000) + "}"));
    }

    /// <summary>The message of an error body, whichever shape its API family uses.</summary>
    private static string? Message(string body)
    {
        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            foreach (var name in new[] { "message", "detail", "error", "title" })
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    return value.GetString();
        }
        catch (JsonException)
        {
        }
        return null;
    }
}
