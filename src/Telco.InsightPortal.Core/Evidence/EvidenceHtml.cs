using System.Globalization;
using System.Net;
using System.Text;

namespace Telco.InsightPortal.Core.Evidence;

/// <summary>
/// The printable page of an evidence pack. Every value that came from the store goes through <see cref="E"/> (HTML
/// encoding): names, descriptions and details are what users typed, and the page must show them, never run them.
/// No script and nothing fetched from elsewhere: the page is read offline, years later.
/// </summary>
public static class EvidenceHtml
{
    /// <summary>A printed page of 100,000 audit rows helps nobody; the rest are in evidence.json and the chain file.</summary>
    public const int MaxAuditRows = 1000;

    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:70rem;color:#1a1a1a;line-height:1.4}
        h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:2px solid #333;margin-top:2rem}h3{font-size:1.05rem}
        table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.85rem}
        th,td{border:1px solid #bbb;padding:.2rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
        th{background:#eee}dl{display:grid;grid-template-columns:14rem 1fr;gap:.2rem .8rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
        .hash{font-family:ui-monospace,monospace;font-size:.75rem}.none{color:#666;font-style:italic}.pii{font-weight:700;color:#9a0000}
        @media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
        """;

    public static string Render(EvidenceDocument d)
    {
        var h = new StringBuilder(64 * 1024);
        var title = $"Evidence pack: {d.Model} version {d.Version}";
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>")
            .Append(Style).Append("</style></head><body>\n");
        h.Append("<h1>").Append(E(title)).Append("</h1>\n");
        h.Append("<p>Technical documentation laid out by the headings of Annex IV of the EU AI Act, with the automatic records of Article 12. Built ")
            .Append(E(Time(d.BuiltAt))).Append(" by ").Append(E(d.BuiltBy)).Append(". Format ").Append(E(d.Format)).Append(".</p>\n");
        General(h, d.General);
        Development(h, d.Development);
        Monitoring(h, d.Monitoring);
        Lifecycle(h, d.Lifecycle);
        Records(h, d.Records);
        h.Append("<h2>Integrity</h2>\n<p>This page, <code>evidence.json</code> and <code>README.txt</code> are listed with their SHA-256 in ")
            .Append("<code>manifest.json</code>; the SHA-256 of the manifest is recorded in the audit entry <code>").Append(PackLayout.PackAction)
            .Append("</code> written when the pack was built. <code>audit/entries.jsonl</code> holds every audit entry from the first one cited ")
            .Append("above to the signed checkpoint in <code>audit/checkpoint.json</code>, which covers that entry too. Check it all offline with ")
            .Append("<code>dotnet run --project src/Telco.InsightPortal.Verifier -- pack.zip</code>.</p>\n");
        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static void General(StringBuilder h, GeneralDescription g)
    {
        h.Append("<h2>1. General description</h2>\n<h3>Intended use</h3>\n");
        Para(h, g.IntendedUse, "The version has no description of its intended use.");
        h.Append("<h3>The model</h3>\n");
        Para(h, g.ModelDescription, "The registered model has no description.");
        h.Append("<dl>");
        Row(h, "Created by", g.CreatedBy);
        Row(h, "Created at", Time(g.CreatedAt));
        Row(h, "Stage", g.Stage);
        Row(h, "Status", g.Status);
        Row(h, "Aliases", g.Aliases.Count == 0 ? "none" : string.Join(", ", g.Aliases));
        Row(h, "Source", g.Source);
        Row(h, "Model file SHA-256", g.ModelSha256, "hash");
        foreach (var tag in g.Tags) Row(h, "Tag " + tag.Key, tag.Value);
        h.Append("</dl>\n<h3>Decision</h3>\n");
        if (g.Decision is { } x)
            Table(h, ["threshold", "value of a true positive", "value of a true negative", "cost of a false positive", "cost of a false negative", "set by", "set at"],
                [[Num(x.Threshold), Num(x.TruePositiveValue), Num(x.TrueNegativeValue), Num(x.FalsePositiveCost), Num(x.FalseNegativeCost), x.SetBy, Time(x.SetAt)]]);
        else None(h, "No decision threshold or costs saved on this version.");
        h.Append("<h3>Versions of the model</h3>\n");
        Table(h, ["version", "stage", "created by", "created at", "run", "model SHA-256"],
            g.Versions.Select(v => new[] { Int(v.Version), v.Stage, v.CreatedBy, Time(v.CreatedAt), v.RunId, v.ModelSha256 }));
    }

    private static void Development(StringBuilder h, DevelopmentDescription dev)
    {
        h.Append("<h2>2. Development: method, data and validation</h2>\n<h3>Method and parameters</h3>\n");
        if (dev.Run is { } r)
        {
            h.Append("<dl>");
            Row(h, "Training run", r.RunId);
            Row(h, "Run name", r.RunName);
            Row(h, "Experiment", r.Experiment);
            Row(h, "Trained by", r.User);
            Row(h, "Status", r.Status);
            Row(h, "Started", Time(r.StartedAt));
            Row(h, "Ended", r.EndedAt is { } end ? Time(end) : "not ended");
            h.Append("</dl>\n");
            Table(h, ["parameter", "value"], r.Params.Select(p => new[] { p.Key, p.Value }));
            h.Append("<h3>Run tags</h3>\n");
            Table(h, ["tag", "value"], r.Tags.Select(p => new[] { p.Key, p.Value }));
        }
        else None(h, "The training run of this version is not in the store.");
        h.Append("<h3>Training data</h3>\n");
        if (dev.TrainingData is { } t)
        {
            h.Append("<dl>");
            Row(h, "Dataset", t.Dataset);
            Row(h, "Description", t.Description ?? "");
            Row(h, "Training snapshot", Int(t.SnapshotId));
            h.Append("</dl>\n<p>The training snapshot and the snapshots it was built on, newest first:</p>\n");
            Table(h, ["snapshot", "parent", "committed at", "by", "operation", "rows added", "rows skipped", "total rows", "content hash", "source"],
                t.Snapshots.Select(s => new[] { Int(s.Id), s.ParentId is { } p ? Int(p) : "", Time(s.CommittedAt), s.CommittedBy, s.Operation,
                    Int(s.RowsAdded), Int(s.RowsSkipped), Int(s.TotalRows), s.ContentHash, s.Source }));
            h.Append("<p>Schema (columns marked <span class=\"pii\">PII</span> hold personal data):</p>\n");
            Table(h, ["#", "column", "type", "role", "nullable", "PII"],
                t.Schema.Select(c => new[] { Int(c.Ordinal), c.Name, c.Type, c.Role, c.Nullable ? "yes" : "no", c.Pii ? "PII" : "" }));
        }
        else None(h, "The version records no dataset snapshot.");
        h.Append("<h3>Metrics</h3>\n");
        if (dev.Metrics.Count > 0) Table(h, ["metric", "value", "step"], dev.Metrics.Select(m => new[] { m.Key, m.Value is { } v ? Num(v) : "NaN", Int(m.Step) }));
        else None(h, "No metrics were logged.");
        h.Append("<h3>Slice metrics (test split)</h3>\n");
        if (dev.Slices is { Count: > 0 } slices)
            foreach (var column in slices)
            {
                h.Append("<p>By <strong>").Append(E(column.Column)).Append("</strong></p>\n");
                Table(h, ["value", "rows", "positives", "ROC AUC", "accuracy", "precision", "recall", "note"],
                    column.Slices.Select(s => new[] { s.Value, Int(s.Rows), Int(s.Positives), s.RocAuc is { } a ? Num(a) : "", Num(s.Accuracy),
                        Num(s.Precision), Num(s.Recall), s.Note ?? "" }));
            }
        else None(h, "The run stored no slice metrics.");
    }

    private static void Monitoring(StringBuilder h, MonitoringDescription m)
    {
        h.Append("<h2>3. Monitoring, functioning and control</h2>\n<h3>Deployments that served this version</h3>\n");
        if (m.Deployments.Count > 0)
            Table(h, ["deployment", "status", "current generation", "generations serving this version (weight %, from)"],
                m.Deployments.Select(d => new[] { d.Name, d.Status, Int(d.CurrentGeneration),
                    string.Join("; ", d.Targets.Select(t => $"{Int(t.Generation)} ({Int(t.Weight)}%, {Time(t.CreatedAt)})")) }));
        else None(h, "The version has never been deployed.");
        h.Append("<h3>Drift and performance alerts</h3>\n");
        if (m.Alerts.Count > 0)
            Table(h, ["alert", "deployment", "kind", "feature", "severity", "message", "value", "threshold", "opened", "status", "acknowledged", "resolved"],
                m.Alerts.Select(a => new[] { Int(a.Id), a.Deployment, a.Kind, a.Feature ?? "", a.Severity, a.Message, a.Value is { } v ? Num(v) : "",
                    a.Threshold is { } t ? Num(t) : "", Time(a.OpenedAt), a.Status, By(a.AcknowledgedBy, a.AcknowledgedAt), By(a.ResolvedBy, a.ResolvedAt) }));
        else None(h, "No monitoring alert was raised on these deployments.");
    }

    private static void Lifecycle(StringBuilder h, LifecycleDescription l)
    {
        h.Append("<h2>6. Changes through the lifecycle</h2>\n<h3>Approvals</h3>\n");
        if (l.Approvals.Count > 0)
            Table(h, ["request", "for", "requested by", "at", "comment", "status", "decided by", "at", "comment"],
                l.Approvals.Select(a => new[] { Int(a.Id), $"{a.TargetKind} {a.Target}", a.RequestedBy, Time(a.RequestedAt), a.RequestComment, a.Status,
                    a.DecidedBy ?? "", a.DecidedAt is { } at ? Time(at) : "", a.DecisionComment ?? "" }));
        else None(h, "No approval was requested for this version.");
        h.Append("<h3>Stage, alias and deployment changes</h3>\n");
        if (l.Changes.Count > 0)
            Table(h, ["seq", "at", "actor", "action", "target", "outcome", "details"],
                l.Changes.Select(c => new[] { Int(c.Seq), Time(c.At), c.Actor, c.Action, c.Target, c.Outcome, c.Details ?? "" }));
        else None(h, "No stage, alias or deployment change is recorded.");
    }

    private static void Records(StringBuilder h, AuditRecords r)
    {
        h.Append("<h2>Article 12: automatic records</h2>\n<p>Audit entries whose target is one of: ")
            .Append(E(string.Join(", ", r.Targets.Select(t => $"{t.Type} {t.Id}")))).Append(". ")
            .Append(E(Int(r.Entries.Count))).Append(" entries");
        if (r.Entries.Count > MaxAuditRows) h.Append("; the first ").Append(MaxAuditRows).Append(" are shown, every one is in evidence.json");
        h.Append(".</p>\n");
        Table(h, ["seq", "at", "actor", "action", "target", "outcome", "hash"],
            r.Entries.Take(MaxAuditRows).Select(e => new[] { Int(e.Seq), Time(e.At), e.Actor, e.Action, $"{e.TargetType} {e.TargetId}", e.Outcome, e.Hash }),
            hashColumn: 6);
    }

    private static void Table(StringBuilder h, string[] headers, IEnumerable<string[]> rows, int hashColumn = -1)
    {
        h.Append("<table><thead><tr>");
        foreach (var header in headers) h.Append("<th>").Append(E(header)).Append("</th>");
        h.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            h.Append("<tr>");
            for (var i = 0; i < row.Length; i++) h.Append(i == hashColumn ? "<td class=\"hash\">" : "<td>").Append(E(row[i])).Append("</td>");
            h.Append("</tr>\n");
        }
        h.Append("</tbody></table>\n");
    }

    private static void Row(StringBuilder h, string name, string value, string? css = null) =>
        h.Append("<dt>").Append(E(name)).Append("</dt><dd").Append(css is null ? "" : $" class=\"{css}\"").Append('>').Append(E(value)).Append("</dd>");

    private static void Para(StringBuilder h, string text, string empty)
    {
        if (string.IsNullOrWhiteSpace(text)) None(h, empty);
        else h.Append("<p>").Append(E(text)).Append("</p>\n");
    }

    private static void None(StringBuilder h, string text) => h.Append("<p class=\"none\">").Append(E(text)).Append("</p>\n");

    private static string By(string? who, DateTimeOffset? at) => who is null ? "" : $"{who}, {(at is { } t ? Time(t) : "")}";

    /// <summary>HTML-encodes user data: &lt; &gt; &amp; and both quotes.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Int(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Num(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
