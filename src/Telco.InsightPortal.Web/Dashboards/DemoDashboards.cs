using Microsoft.Extensions.Options;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Web.Datasets;
using Telco.InsightPortal.Web.Hosting;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Dashboards;

/// <summary>
/// On first start with demo data, the example dashboards, built from the same specs the builder writes and shared
/// with BusinessUser (read) and Analyst (edit). An example is created only when no dashboard has its name, so an
/// edited one is left alone on restart (a deleted one comes back, as a demo should).
/// </summary>
public sealed class DemoDashboards(DashboardStore store, IOptions<PortalOptions> options, ILogger<DemoDashboards> log)
{
    public const string ChurnOverview = "Churn overview";
    public const string ModelInProduction = "Model in production";

    public async Task SeedAsync(CancellationToken ct)
    {
        if (!options.Value.Demo.Enabled) return;
        var existing = (await store.ListAsync(ct)).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, json) in Examples().Where(e => !existing.Contains(e.Name)))
        {
            var created = await store.CreateAsync(DashboardDocumentParser.ParseDraft(json), AuditActor.System, "demo example", ct);
            await store.ShareAsync(created.Id,
                [new(DashboardShare.Role, Roles.BusinessUser, DashboardAccess.Viewer), new(DashboardShare.Role, Roles.Analyst, DashboardAccess.Editor)],
                AuditActor.System, ct);
            log.LogInformation("Seeded demo dashboard {Name} ({Id}).", name, created.Id);
        }
    }

    private static IEnumerable<(string Name, string Json)> Examples()
    {
        const string telco = "{\"kind\":\"snapshot\",\"dataset\":\"" + DemoSeeder.TelcoDataset + "\",\"snapshot\":\"latest\"}";
        yield return (ChurnOverview, $$$$"""
            {"name":"{{{{ChurnOverview}}}}","charts":[
              {"id":"churn-by-contract","title":"Churn by contract","layout":{"x":0,"y":1,"w":6,"h":5},
               "spec":{"version":1,"source":{{{{telco}}}},"type":"bar-stacked","x":{"field":"Contract"},"group":"Churn","measures":[{"agg":"count"}],"sort":{"by":"x"}}},
              {"id":"tenure","title":"Tenure in months, by churn","layout":{"x":6,"y":1,"w":6,"h":5},
               "spec":{"version":1,"source":{{{{telco}}}},"type":"histogram","x":{"field":"tenure","bin":{"width":6}},"group":"Churn","measures":[{"agg":"count"}]}},
              {"id":"charges","title":"Monthly charges by internet service","layout":{"x":0,"y":6,"w":6,"h":5},
               "spec":{"version":1,"source":{{{{telco}}}},"type":"box","x":{"field":"InternetService"},"measures":[{"field":"MonthlyCharges","agg":"median"}]}},
              {"id":"churned","title":"Customers who churned","layout":{"x":6,"y":6,"w":3,"h":2},
               "spec":{"version":1,"source":{{{{telco}}}},"type":"kpi","measures":[{"agg":"count"}],"filters":[{"field":"Churn","op":"eq","value":"Yes"}]}},
              {"id":"customers","title":"Customers","layout":{"x":9,"y":6,"w":3,"h":2},
               "spec":{"version":1,"source":{{{{telco}}}},"type":"kpi","measures":[{"agg":"count"}]}},
              {"id":"payment","title":"Payment methods","layout":{"x":6,"y":8,"w":6,"h":3},
               "spec":{"version":1,"source":{{{{telco}}}},"type":"donut","x":{"field":"PaymentMethod"},"measures":[{"agg":"count"}]}}],
             "texts":[{"id":"intro","layout":{"x":0,"y":0,"w":12,"h":1},
               "markdown":"**Who churns, and what they pay.** Click a bar or a slice to filter the other charts; each click **adds** to the filter. Remove a piece with its chip."}]}
            """);
        // The demo's churn deployment is created by DemoModelsService a minute or two after first start; until then
        // these charts say their source is missing, and until traffic arrives they are empty.
        const string log = "{\"kind\":\"predictions\",\"deployment\":\"telco-churn\"}";
        yield return (ModelInProduction, $$$$"""
            {"name":"{{{{ModelInProduction}}}}","charts":[
              {"id":"per-day","title":"Predictions per day","layout":{"x":0,"y":0,"w":8,"h":4},
               "spec":{"version":1,"source":{{{{log}}}},"type":"line","x":{"field":"created_at","bin":{"unit":"day"}},"group":"model_version","measures":[{"agg":"count"}]}},
              {"id":"week","title":"Predictions in the last 7 days","layout":{"x":8,"y":0,"w":4,"h":2},
               "spec":{"version":1,"source":{{{{log}}}},"type":"kpi","measures":[{"agg":"count"}],"filters":[{"field":"created_at","op":"last","value":7,"unit":"day"}],"compare":{"previous":7,"unit":"day"}}},
              {"id":"latency","title":"Latency p95 (ms)","layout":{"x":8,"y":2,"w":4,"h":2},
               "spec":{"version":1,"source":{{{{log}}}},"type":"kpi","measures":[{"field":"latency_ms","agg":"p95"}]}},
              {"id":"scores","title":"Score distribution","layout":{"x":0,"y":4,"w":6,"h":4},
               "spec":{"version":1,"source":{{{{log}}}},"type":"histogram","x":{"field":"probability","bin":{"width":0.05}},"group":"label","measures":[{"agg":"count"}]}},
              {"id":"agreement","title":"Predicted label against the delayed label","layout":{"x":6,"y":4,"w":6,"h":4},
               "spec":{"version":1,"source":{{{{log}}}},"type":"heatmap","x":{"field":"label"},"group":"actual","measures":[{"agg":"count"}],"filters":[{"field":"actual","op":"not_null"}]}}],
             "texts":[{"id":"about","layout":{"x":0,"y":8,"w":12,"h":1},
               "markdown":"Predictions logged by the **telco-churn** deployment. The heatmap counts predictions whose delayed label has arrived: its diagonal is the agreement (accuracy) so far."}]}
            """);
    }
}
