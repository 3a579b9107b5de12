using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Data.Tracking;

public sealed partial class TrackingStore
{
    public async Task<long> CreateExperimentAsync(string name, string? artifactLocation, IReadOnlyList<TrackingTag> tags, AuditActor actor,
        CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw TrackingException.Invalid("Missing value for required parameter 'name'.");
        try
        {
            return await CreateExperimentCoreAsync(name, artifactLocation, tags, actor, ct);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            // Two creators raced past the name check; the unique index decided.
            throw NameTaken(name);
        }
    }

    private Task<long> CreateExperimentCoreAsync(string name, string? artifactLocation, IReadOnlyList<TrackingTag> tags, AuditActor actor, CancellationToken ct) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            if (await c.QuerySingleOrDefaultAsync<Experiment>(new CommandDefinition(TrackingSql.GetExperimentByName, new { Name = name }, tx, cancellationToken: ct)) is not null)
                throw NameTaken(name);
            var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(TrackingSql.InsertExperiment, new { Name = name, Now }, tx, cancellationToken: ct));
            var location = string.IsNullOrWhiteSpace(artifactLocation) ? $"mlflow-artifacts:/{id}" : artifactLocation;
            await c.ExecuteAsync(new CommandDefinition(TrackingSql.SetArtifactLocation, new { Id = id, ArtifactLocation = location }, tx, cancellationToken: ct));
            foreach (var tag in tags) await SetExperimentTagAsync(c, tx, id, tag, ct);
            return (id, new AuditEvent("experiment.create", "experiment", Id(id), Details: new { name }));
        }, ct);

    public Task<Experiment> GetExperimentAsync(long id, CancellationToken ct = default) =>
        _db.ReadAsync(c => RequireExperimentAsync(c, null, id, ct), ct);

    public Task<Experiment> GetExperimentByNameAsync(string name, CancellationToken ct = default) =>
        _db.ReadAsync(async c =>
        {
            var experiment = await c.QuerySingleOrDefaultAsync<Experiment>(new CommandDefinition(TrackingSql.GetExperimentByName, new { Name = name }, cancellationToken: ct))
                ?? throw TrackingException.NotFound($"Could not find experiment with name '{name}'.");
            return await WithTagsAsync(c, null, experiment, ct);
        }, ct);

    public Task<ExperimentPage> SearchExperimentsAsync(ViewType view, int? maxResults, string? pageToken, CancellationToken ct = default)
    {
        var limit = Limit(maxResults);
        var offset = PageToken.Decode(pageToken);
        return _db.ReadAsync(async c =>
        {
            var rows = (await c.QueryAsync<Experiment>(new CommandDefinition(TrackingSql.SearchExperiments,
                new { View = (int)view, Limit = limit + 1, Offset = offset }, cancellationToken: ct))).ToList();
            var page = rows.Take(limit).ToList();
            var tags = (await c.QueryAsync<(long Id, string Key, string Value)>(new CommandDefinition(_db.InList(TrackingSql.ExperimentTagsOf),
                new { Ids = page.Select(e => e.ExperimentId).ToList() }, cancellationToken: ct))).ToLookup(t => t.Id, t => new TrackingTag(t.Key, t.Value));
            return new ExperimentPage(page.Select(e => e with { Tags = tags[e.ExperimentId].ToList() }).ToList(), NextToken(rows.Count, limit, offset));
        }, ct);
    }

    public async Task RenameExperimentAsync(long id, string newName, AuditActor actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(newName)) throw TrackingException.Invalid("Missing value for required parameter 'new_name'.");
        try
        {
            await RenameExperimentCoreAsync(id, newName, actor, ct);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw NameTaken(newName);
        }
    }

    private Task RenameExperimentCoreAsync(long id, string newName, AuditActor actor, CancellationToken ct) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var experiment = await RequireExperimentAsync(c, tx, id, ct);
            if (experiment.Name == newName) return (true, null);
            if (await c.QuerySingleOrDefaultAsync<Experiment>(new CommandDefinition(TrackingSql.GetExperimentByName, new { Name = newName }, tx, cancellationToken: ct)) is not null)
                throw NameTaken(newName);
            await c.ExecuteAsync(new CommandDefinition(TrackingSql.RenameExperiment, new { Id = id, Name = newName, Now }, tx, cancellationToken: ct));
            return (true, new AuditEvent("experiment.rename", "experiment", Id(id), Details: new { before = experiment.Name, after = newName }));
        }, ct);

    /// <summary>Deleting an experiment deletes its runs too, and restoring it restores them, as MLflow does.</summary>
    public Task SetExperimentStageAsync(long id, string stage, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var experiment = await RequireExperimentAsync(c, tx, id, ct);
            if (id == 0 && stage == LifecycleStages.Deleted) throw TrackingException.Invalid("The Default experiment (id 0) cannot be deleted.");
            if (experiment.LifecycleStage == stage)
                throw TrackingException.Invalid($"Experiment {id} is already {stage}.");
            await c.ExecuteAsync(new CommandDefinition(TrackingSql.SetExperimentStage, new { Id = id, Stage = stage, Now }, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(TrackingSql.SetExperimentRunsStage, new { Id = id, Stage = stage }, tx, cancellationToken: ct));
            var action = stage == LifecycleStages.Deleted ? "experiment.delete" : "experiment.restore";
            return (true, new AuditEvent(action, "experiment", Id(id), Details: new { name = experiment.Name }));
        }, ct);

    public Task SetExperimentTagAsync(long id, TrackingTag tag, CancellationToken ct = default)
    {
        CheckKey(tag.Key, "tag");
        CheckValue(tag.Key, tag.Value, MaxTagValueLength, "tag");
        return _db.WriteAsync<bool>(null, async (c, tx) =>
        {
            var experiment = await RequireExperimentAsync(c, tx, id, ct);
            if (experiment.LifecycleStage != LifecycleStages.Active)
                throw TrackingException.Invalid($"The experiment {id} must be in the 'active' state. Current state is {experiment.LifecycleStage}.");
            await SetExperimentTagAsync(c, tx, id, tag, ct);
            return (true, null);
        }, ct);
    }

    private static Task SetExperimentTagAsync(DbConnection c, DbTransaction tx, long id, TrackingTag tag, CancellationToken ct)
    {
        CheckKey(tag.Key, "tag");
        CheckValue(tag.Key, tag.Value, MaxTagValueLength, "tag");
        return c.ExecuteAsync(new CommandDefinition(TrackingSql.UpsertExperimentTag, new { Id = id, tag.Key, tag.Value }, tx, cancellationToken: ct));
    }

    private static async Task<Experiment> RequireExperimentAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct)
    {
        var experiment = await c.QuerySingleOrDefaultAsync<Experiment>(new CommandDefinition(TrackingSql.GetExperiment, new { Id = id }, tx, cancellationToken: ct))
            ?? throw TrackingException.NotFound($"No Experiment with id={id} exists.");
        return await WithTagsAsync(c, tx, experiment, ct);
    }

    private static async Task<Experiment> WithTagsAsync(DbConnection c, DbTransaction? tx, Experiment experiment, CancellationToken ct) =>
        experiment with
        {
            Tags = (await c.QueryAsync<TrackingTag>(new CommandDefinition(TrackingSql.ExperimentTags, new { Id = experiment.ExperimentId }, tx, cancellationToken: ct))).ToList(),
        };

    private static TrackingException NameTaken(string name) => new(TrackingErrors.AlreadyExists, $"Experiment(name={name}) already exists.");

    private static bool IsUniqueViolation(DbException e) =>
        e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
        || e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 };

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
