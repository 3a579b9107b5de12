using System.Data.Common;
using System.Globalization;
using Dapper;
using Telco.InsightPortal.Data.Lineage;

namespace Telco.InsightPortal.Data.Tracking;

public sealed partial class TrackingStore
{
    public const int MaxInputsPerRequest = 1000;
    public const int MaxDatasetNameLength = 500;
    public const int MaxDatasetDigestLength = 128;
    public const int MaxDatasetSourceTypeLength = 36;
    public const int MaxDatasetSourceLength = 65535;
    public const int MaxDatasetSchemaLength = 1048575;
    public const int MaxDatasetProfileLength = 16384;
    public const int MaxInputTagValueLength = 500;
    public const string PortalSnapshotSourceType = "portal-snapshot";

    /// <summary>MLflow's runs/log-inputs: each dataset is stored once per experiment (name, digest) and linked to the
    /// run; logging the same dataset again only updates the tags of that use. Run data, so not audited.</summary>
    public Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> inputs, CancellationToken ct = default)
    {
        CheckInputs(inputs);
        return _db.WriteAsync<bool>(null, async (c, tx) =>
        {
            var run = await RequireActiveRunAsync(c, tx, runId, ct);
            await InsertInputsAsync(c, tx, runId, run.ExperimentId, inputs, Now, run.UserId, ct);
            return (true, null);
        }, ct);
    }

    private static async Task InsertInputsAsync(DbConnection c, DbTransaction tx, string runId, long experimentId, IReadOnlyList<DatasetInput> inputs,
        long now, string actor, CancellationToken ct)
    {
        foreach (var input in inputs)
        {
            var d = input.Dataset;
            var row = new { ExperimentId = experimentId, d.Name, d.Digest, d.SourceType, d.Source, d.Schema, d.Profile };
            await c.ExecuteAsync(new CommandDefinition(TrackingSql.InsertDataset, row, tx, cancellationToken: ct));
            var datasetId = await c.ExecuteScalarAsync<long>(new CommandDefinition(TrackingSql.GetDatasetId, row, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(TrackingSql.InsertInput, new { RunId = runId, DatasetId = datasetId }, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(TrackingSql.UpsertInputTag,
                input.Tags.Select(t => new { RunId = runId, DatasetId = datasetId, t.Key, t.Value }), tx, cancellationToken: ct));
            if (PortalSnapshotId(d) is { } snapshotId) await LineageRecorder.RecordTrainedOnAsync(c, tx, snapshotId, runId, now, actor, ct);
        }
    }

    /// <summary>The snapshot a <c>portal-snapshot://{dataset}/{id}</c> input names (the embedded trainer logs its
    /// snapshot so), or null.</summary>
    private static long? PortalSnapshotId(RunDataset d) =>
        d.SourceType == PortalSnapshotSourceType && d.Source.LastIndexOf('/') is var slash and >= 0
        && long.TryParse(d.Source.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private async Task<ILookup<string, DatasetInput>> LoadInputsAsync(DbConnection c, DbTransaction? tx, object ids, CancellationToken ct)
    {
        var datasets = await c.QueryAsync<DatasetRow>(new CommandDefinition(_db.InList(TrackingSql.InputsOf), ids, tx, cancellationToken: ct));
        var tags = (await c.QueryAsync<(string RunId, long DatasetId, string Key, string Value)>(
            new CommandDefinition(_db.InList(TrackingSql.InputTagsOf), ids, tx, cancellationToken: ct)))
            .ToLookup(t => (t.RunId, t.DatasetId), t => new TrackingTag(t.Key, t.Value));
        return datasets.ToLookup(d => d.RunId, d => new DatasetInput(tags[(d.RunId, d.DatasetId)].ToList(),
            new RunDataset(d.Name, d.Digest, d.SourceType, d.Source, d.Schema, d.Profile)));
    }

    private static void CheckInputs(IReadOnlyList<DatasetInput> inputs)
    {
        if (inputs.Count > MaxInputsPerRequest)
            throw TrackingException.Invalid($"A log-inputs request can contain at most {MaxInputsPerRequest} dataset inputs; got {inputs.Count}.");
        foreach (var (input, i) in inputs.Select((input, i) => (input, i)))
        {
            var d = input.Dataset;
            var at = $"datasets[{i}].dataset";
            Limit(d.Name, $"{at}.name", MaxDatasetNameLength);
            Limit(d.Digest, $"{at}.digest", MaxDatasetDigestLength);
            Limit(d.SourceType, $"{at}.source_type", MaxDatasetSourceTypeLength);
            Limit(d.Source, $"{at}.source", MaxDatasetSourceLength);
            if (d.Schema is { Length: > MaxDatasetSchemaLength }) throw TooLong($"{at}.schema", MaxDatasetSchemaLength);
            if (d.Profile is { Length: > MaxDatasetProfileLength }) throw TooLong($"{at}.profile", MaxDatasetProfileLength);
            foreach (var tag in input.Tags)
            {
                CheckKey(tag.Key, "input tag");
                CheckValue(tag.Key, tag.Value, MaxInputTagValueLength, "input tag");
            }
        }
    }

    private static void Limit(string? value, string name, int max)
    {
        if (string.IsNullOrEmpty(value)) throw TrackingException.Invalid($"Missing value for required parameter '{name}'.");
        if (value.Length > max) throw TooLong(name, max);
    }

    private static TrackingException TooLong(string name, int max) =>
        TrackingException.Invalid($"The value of '{name}' is longer than {max} characters.");

    private sealed record DatasetRow(string RunId, long DatasetId, string Name, string Digest, string SourceType, string Source, string? Schema, string? Profile);
}
