using System.Globalization;
using System.Text.Json;
using Dapper;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Dashboards;

/// <summary>
/// A deployment's prediction log as a chart source: one row per logged prediction, with the fixed fields below and
/// then each model input by name. Inputs live as JSON arrays in the order of each row's layout, and the log may hold
/// several layouts (model versions, column changes): an input is read by its integer index in each layout that has
/// it, chosen by layout id (a parameter), and is null in rows whose layout lacks it. An input named like a fixed field
/// is left out, the fixed field wins.
/// Types and PII flags of inputs come from the datasets the deployment's models were trained on when they name the
/// input; otherwise from a sample of the newest rows and the name, as an upload's schema is proposed (so customer
/// ids are PII). Timestamps among inputs are offered as text: the log keeps whatever text the request carried.
/// </summary>
internal sealed class PredictionLogRows : SourceRows
{
    private const int SampleRows = 200;

    private enum Join { None, Layout, Label }

    private static readonly (DatasetColumn Field, string Column, bool Millis, Join Join)[] Fixed =
    [
        (new(0, "created_at", ColumnType.Timestamp, ColumnRole.Timestamp), "p.created_at", true, Join.None),
        (new(1, "probability", ColumnType.Real), "p.probability", false, Join.None),
        (new(2, "label", ColumnType.Integer), "p.label", false, Join.None),
        (new(3, "model_version", ColumnType.Text), "l.model_version", false, Join.Layout),
        (new(4, "latency_ms", ColumnType.Real), "p.latency_ms", false, Join.None),
        (new(5, "actual", ColumnType.Integer, ColumnRole.Label), "b.label", false, Join.Label),
        (new(6, "labeled_at", ColumnType.Timestamp, ColumnRole.Timestamp), "b.labeled_at", true, Join.Label),
        (new(7, "entity_id", ColumnType.Text, ColumnRole.Id, Pii: true), "p.entity_id", false, Join.None),
    ];

    private readonly long _deploymentId;
    private readonly IReadOnlyList<long> _layoutIds;
    private readonly IReadOnlyDictionary<int, IReadOnlyList<(int Layout, int Index)>> _inputs;

    private PredictionLogRows(long deploymentId, DatasetSchema schema, IReadOnlyList<long> layoutIds,
        IReadOnlyDictionary<int, IReadOnlyList<(int Layout, int Index)>> inputs) : base(schema)
    {
        _deploymentId = deploymentId;
        _layoutIds = layoutIds;
        _inputs = inputs;
    }

    /// <summary>The deployment's log, or null when there is no such deployment.</summary>
    public static async Task<PredictionLogRows?> LoadAsync(IConnectionFactory factory, DatasetStore datasets, string deployment, CancellationToken ct)
    {
        List<(long Id, string[] Names)> layouts;
        List<(long LayoutId, string Inputs)> sample;
        List<string> trainedOn;
        long id;
        await using (var c = await factory.OpenAsync(ct))
        {
            if (await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(ChartSourceSql.DeploymentId, new { Name = deployment }, cancellationToken: ct))
                is not { } found)
                return null;
            id = found;
            var stored = await c.QueryAsync<(long Id, string Columns)>(new CommandDefinition(ChartSourceSql.Layouts, new { Id = id }, cancellationToken: ct));
            layouts = [.. stored.Select(l => (l.Id, Names(l.Columns)))];
            sample = (await c.QueryAsync<(long, string)>(new CommandDefinition(ChartSourceSql.Sample, new { Id = id, Limit = SampleRows }, cancellationToken: ct))).AsList();
            trainedOn = (await c.QueryAsync<string>(new CommandDefinition(ChartSourceSql.TrainedOn, new { Id = id }, cancellationToken: ct))).AsList();
        }
        var schemas = new List<DatasetSchema>();
        foreach (var name in trainedOn)
            if (await datasets.GetAsync(name, ct) is { } dataset) schemas.Add(dataset.Schema);
        return Build(id, layouts, sample, schemas);
    }

    private static PredictionLogRows Build(long deploymentId, List<(long Id, string[] Names)> layouts, List<(long LayoutId, string Inputs)> sample,
        List<DatasetSchema> schemas)
    {
        var fields = Fixed.Select(f => f.Field).ToList();
        var inputs = new Dictionary<int, IReadOnlyList<(int Layout, int Index)>>();
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = SampleValues(layouts, sample);
        // Newest layout first, so the current model's inputs come first in the builder's list.
        for (var layout = 0; layout < layouts.Count; layout++)
        {
            var names = layouts[layout].Names;
            for (var index = 0; index < names.Length; index++)
            {
                var name = names[index];
                if (Fixed.Any(f => f.Field.Name == name)) continue;
                if (!ordinals.TryGetValue(name, out var ordinal))
                {
                    ordinal = fields.Count;
                    ordinals[name] = ordinal;
                    fields.Add(Input(ordinal, name, schemas, values.GetValueOrDefault(name) ?? []));
                    inputs[ordinal] = new List<(int, int)>();
                }
                ((List<(int, int)>)inputs[ordinal]).Add((layout, index));
            }
        }
        return new PredictionLogRows(deploymentId, new DatasetSchema(fields), [.. layouts.Select(l => l.Id)], inputs);
    }

    private static DatasetColumn Input(int ordinal, string name, List<DatasetSchema> schemas, List<string> sample)
    {
        var trained = schemas.SelectMany(s => s.Columns).FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
        var inferred = SchemaInference.Infer([name], [.. sample.Select(v => (IReadOnlyList<string>)[v])]).Columns[0];
        var type = trained?.Type ?? inferred.Type;
        return new DatasetColumn(ordinal, name, type == ColumnType.Timestamp ? ColumnType.Text : type, Pii: trained?.Pii ?? inferred.Pii);
    }

    /// <summary>The sampled rows' values by input name, as the text an upload would have held.</summary>
    private static Dictionary<string, List<string>> SampleValues(List<(long Id, string[] Names)> layouts, List<(long LayoutId, string Inputs)> sample)
    {
        var byId = layouts.ToDictionary(l => l.Id, l => l.Names);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (layoutId, text) in sample)
        {
            if (!byId.TryGetValue(layoutId, out var names)) continue;
            try
            {
                using var row = JsonDocument.Parse(text);
                foreach (var (value, name) in row.RootElement.EnumerateArray().Zip(names))
                {
                    if (!values.TryGetValue(name, out var list)) values[name] = list = [];
                    list.Add(value.ValueKind switch
                    {
                        JsonValueKind.String => value.GetString()!,
                        JsonValueKind.Number => value.GetRawText(),
                        _ => "",
                    });
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // A row the log writer did not write (only by hand): it types nothing.
            }
        }
        return values;
    }

    private static string[] Names(string columns)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(columns) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    protected override string Select(DatasetColumn field, StoreProvider provider, List<(string Name, object Value)> parameters)
    {
        if (field.Ordinal < Fixed.Length)
        {
            var f = Fixed[field.Ordinal];
            return f.Millis ? Millis(f.Column, provider) : f.Column;
        }
        // Layouts that hold the input at the same index share one branch.
        var read = ChartSourceSql.Input(provider, field.Type is ColumnType.Integer or ColumnType.Real);
        var branches = _inputs[field.Ordinal].GroupBy(p => p.Index).Select(g =>
            "WHEN p.layout_id IN (" + string.Join(", ", g.Select(p => LayoutParameter(parameters, p.Layout))) + ") THEN "
            + string.Format(CultureInfo.InvariantCulture, read, Number(g.Key)));
        return "CASE " + string.Join(" ", branches) + " END";
    }

    private string LayoutParameter(List<(string Name, object Value)> parameters, int layout)
    {
        var name = "@s_l" + Number(layout);
        if (!parameters.Exists(p => p.Name == name)) parameters.Add((name, _layoutIds[layout]));
        return name;
    }

    protected override (string Table, string Rows, string Order, string RowOrder) Rows(IReadOnlyList<DatasetColumn> fields,
        List<(string Name, object Value)> parameters)
    {
        var joins = fields.Where(f => f.Ordinal < Fixed.Length).Select(f => Fixed[f.Ordinal].Join).ToHashSet();
        var table = ChartSourceSql.Predictions
            + (joins.Contains(Join.Layout) ? ChartSourceSql.PredictionLayoutJoin : "")
            + (joins.Contains(Join.Label) ? ChartSourceSql.PredictionLabelJoin : "");
        parameters.Add(("@s_source", _deploymentId));
        return (table, ChartSourceSql.PredictionRows, ChartSourceSql.PredictionOrder, ChartSqlFragments.RowId);
    }
}
