using System.Text.Json;
using System.Text.Json.Nodes;
using Telco.InsightPortal.Core.Jobs;

namespace Telco.InsightPortal.Web.Jobs;

/// <summary>A starting definition per kind for the editor: every parameter with its default (or a placeholder for the
/// required ones), so a user edits values rather than recalls names.</summary>
public static class JobTemplates
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string For(string kind) => kind == JobKindCatalog.Pipeline
        ? DemoJobs.RetrainPipeline("my-pipeline", "telco-churn", "telco-churn", "telco-churn")
        : Single(JobKindCatalog.Find(kind) ?? throw new ArgumentException($"Unknown kind '{kind}'.", nameof(kind)));

    private static string Single(JobKindSpec spec)
    {
        var parameters = new JsonObject();
        foreach (var p in spec.Parameters.Where(p => p.Required || p.Default is not null))
            parameters[p.Name] = p.Default switch
            {
                long l => l,
                double d => d,
                bool b => b,
                string s => s,
                _ => p.Type == JobValueType.Text ? p.Choices?.FirstOrDefault() ?? "" : JsonValue.Create(p.Min ?? 1),
            };
        var job = new JsonObject
        {
            ["name"] = "my-" + spec.Name,
            ["kind"] = spec.Name,
            ["description"] = spec.Title,
            ["parameters"] = parameters,
            ["retry"] = new JsonObject { ["maxAttempts"] = 1, ["backoffSeconds"] = 30 },
            ["timeoutMinutes"] = 60,
        };
        return job.ToJsonString(Indented);
    }

    /// <summary>A saved definition, indented for editing.</summary>
    public static string Pretty(string body) => JsonNode.Parse(body)!.ToJsonString(Indented);
}
