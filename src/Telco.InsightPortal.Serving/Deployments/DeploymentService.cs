using Telco.InsightPortal.Core.Errors;
using System.Text.RegularExpressions;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Serving.Keys;

namespace Telco.InsightPortal.Serving.Deployments;

/// <summary>
/// Creates and changes deployments, for the API, the pages and background jobs alike. Every change of targets loads
/// and warms the new version first, beside the one serving: a version that cannot load is refused with the reason
/// (and the refusal audited) while the old one keeps serving. Only then is the new generation committed (audited, in
/// the same transaction) and swapped in here; other serving processes pick it up by polling the revision. Creating,
/// redeploying and starting also make sure the portal holds a key to score the deployment with (<see cref="IPortalKeys"/>),
/// so that pages, which only read, never have to make one.
/// </summary>
public sealed partial class DeploymentService(DeploymentStore store, ServingRegistry registry, KeyCache keys, IModelVersionResolver? resolver = null,
    IPortalKeys? portalKeys = null)
{
    /// <summary>The most prediction engines a serving process keeps per target.</summary>
    public const int MaxEnginesPerProcess = 64;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex NamePattern();

    /// <summary>Creates a deployment serving (model, version | alias); returns it and its first access key, shown once.</summary>
    public async Task<(DeploymentState State, string AccessKey)> CreateAsync(string? name, string? model, string? version, string? alias, int enginesPerProcess,
        AuditActor actor, CancellationToken ct = default)
    {
        if (name is null || !NamePattern().IsMatch(name))
            throw DeploymentException.Invalid("'name' must be 1-63 lower-case letters, digits or '-', starting with a letter or digit.");
        if (enginesPerProcess is < 1 or > MaxEnginesPerProcess)
            throw DeploymentException.Invalid($"'enginesPerProcess' must be between 1 and {MaxEnginesPerProcess}.");
        var target = await ResolveAsync(model, version, alias, ct);
        if (await store.GetAsync(name, ct) is not null) throw new DeploymentException(ErrorKind.Conflict, $"A deployment named '{name}' already exists.");
        var targets = new[] { DeploymentTarget.Of(target, 100) };
        var loaded = await LoadAsync(name, "deployment.create", targets, enginesPerProcess, actor, ct);
        var (secret, key) = AccessKeys.Create("default");
        var created = await store.CreateAsync(name, enginesPerProcess, targets, key, actor, ct)
                      ?? throw new DeploymentException(ErrorKind.Conflict, $"A deployment named '{name}' already exists.");
        var state = (await store.GetStateAsync(name, ct))!;
        registry.Swap(created, loaded);
        await EnsurePortalKeyAsync(created, actor, ct);
        return (state, secret);
    }

    /// <summary>Serves (model, version | alias) instead of the current targets, with no failed request on the way.</summary>
    public async Task<DeploymentState> RedeployAsync(string name, string? version, string? alias, AuditActor actor, CancellationToken ct = default)
    {
        var current = await RequireAsync(name, ct);
        var target = await ResolveAsync(current.Targets[0].Model, version, alias, ct);
        return await ChangeAsync(current, [DeploymentTarget.Of(target, 100)], "deployment.redeploy", actor, ct);
    }

    /// <summary>Sends <paramref name="weight"/>% of the traffic to (version | alias) and the rest to the current main target.</summary>
    public async Task<DeploymentState> CanaryAsync(string name, string? version, string? alias, int weight, AuditActor actor, CancellationToken ct = default)
    {
        if (weight is < 1 or > 99) throw DeploymentException.Invalid("'weight' must be between 1 and 99 (percent of the traffic to the canary).");
        var current = await RequireAsync(name, ct);
        var main = current.Targets.OrderByDescending(t => t.Weight).First();
        var canary = await ResolveAsync(main.Model, version, alias, ct);
        return await ChangeAsync(current, [main with { Weight = 100 - weight }, DeploymentTarget.Of(canary, weight)], "deployment.canary", actor, ct);
    }

    /// <summary>Returns to the previous generation's targets.</summary>
    public async Task<DeploymentState> RollbackAsync(string name, AuditActor actor, CancellationToken ct = default)
    {
        var current = await RequireAsync(name, ct);
        var previous = await store.PreviousTargetsAsync(current.Deployment, ct)
                       ?? throw new DeploymentException(ErrorKind.Conflict, $"Deployment '{name}' has no earlier version to roll back to.");
        return await ChangeAsync(current, previous, "deployment.rollback", actor, ct);
    }

    public async Task<(DeploymentKeyRecord Key, string Secret)> CreateKeyAsync(string name, string? keyName, AuditActor actor, CancellationToken ct = default)
    {
        var current = await RequireAsync(name, ct);
        if (string.IsNullOrWhiteSpace(keyName) || keyName.Length > 100) throw DeploymentException.Invalid("'name' of the key must be 1-100 characters.");
        var (secret, key) = AccessKeys.Create(keyName.Trim());
        var id = await store.AddKeyAsync(current.Deployment, key, actor, ct);
        return ((await store.KeysAsync(current.Deployment, ct)).Single(k => k.Id == id), secret);
    }

    public async Task<IReadOnlyList<DeploymentKeyRecord>> KeysAsync(string name, CancellationToken ct = default) =>
        await store.KeysAsync((await RequireAsync(name, ct)).Deployment, ct);

    /// <summary>Revokes a key; this process stops accepting it at once, other serving processes within the key cache's lifetime.</summary>
    public async Task RevokeKeyAsync(string name, long keyId, AuditActor actor, CancellationToken ct = default)
    {
        var current = await RequireAsync(name, ct);
        if (!await store.RevokeKeyAsync(current.Deployment, keyId, actor, ct))
            throw new DeploymentException(ErrorKind.NotFound, $"Deployment '{name}' has no active key {keyId}.");
        keys.Invalidate();
    }

    public async Task<DeploymentState> RequireAsync(string name, CancellationToken ct) =>
        await store.GetStateAsync(name, ct) ?? throw DeploymentException.NotFound(name);

    private async Task<DeploymentState> ChangeAsync(DeploymentState current, IReadOnlyList<DeploymentTarget> targets, string action, AuditActor actor, CancellationToken ct)
    {
        if (current.Deployment.Status == DeploymentStatus.Stopped)
            throw DeploymentException.Conflict($"Deployment '{current.Deployment.Name}' is stopped; start it before changing what it serves.");
        var loaded = await LoadAsync(current.Deployment.Name, action, targets, current.Deployment.EnginesPerProcess, actor, ct);
        var next = await store.SetTargetsAsync(current.Deployment, current.Deployment.Generation, targets, action, actor, ct)
                   ?? throw new DeploymentException(ErrorKind.Conflict, $"Deployment '{current.Deployment.Name}' was changed meanwhile; try again.");
        registry.Swap(next.Deployment, loaded);
        await EnsurePortalKeyAsync(next.Deployment, actor, ct);
        return next;
    }

    /// <summary>After a change has committed: the portal's key is made by whoever changed the deployment (or, at the
    /// portal's start, by the system), never by someone who only looks at it.</summary>
    private Task EnsurePortalKeyAsync(DeploymentRecord deployment, AuditActor actor, CancellationToken ct) =>
        portalKeys?.EnsureAsync(deployment, actor, ct) ?? Task.CompletedTask;

    private async Task<IReadOnlyList<LiveTarget>> LoadAsync(string name, string action, IReadOnlyList<DeploymentTarget> targets, int enginesPerProcess, AuditActor actor,
        CancellationToken ct)
    {
        try
        {
            // Loading reads and hashes the zip and warms it up: off the request thread.
            return await Task.Run(() => registry.Load(new DeploymentState(new DeploymentRecord { Name = name, EnginesPerProcess = enginesPerProcess }, targets)), ct);
        }
        catch (ModelLoadException e)
        {
            await store.AuditFailureAsync(action, name, e.Message, actor, ct);
            throw new DeploymentException(ErrorKind.Unprocessable,
                $"The new version did not load, so nothing changed and the current version keeps serving: {e.Message}");
        }
    }

    private async Task<ModelVersionRef> ResolveAsync(string? model, string? version, string? alias, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(model)) throw DeploymentException.Invalid("'model' is required.");
        if (string.IsNullOrWhiteSpace(version) == string.IsNullOrWhiteSpace(alias)) throw DeploymentException.Invalid("Give exactly one of 'version' and 'alias'.");
        if (resolver is null) throw new DeploymentException(ErrorKind.Unavailable, "No model registry is configured to resolve model versions.");
        try
        {
            return await resolver.ResolveAsync(model, string.IsNullOrWhiteSpace(version) ? null : version, string.IsNullOrWhiteSpace(alias) ? null : alias, ct);
        }
        catch (ModelVersionNotFoundException e)
        {
            throw new DeploymentException(ErrorKind.NotFound, e.Message);
        }
    }
}
