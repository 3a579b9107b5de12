using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Apps;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Web.Deployments.Client;

namespace Telco.InsightPortal.Web.Apps;

/// <summary>An app in the catalog with its binding (null when unbound).</summary>
public sealed record CatalogEntry(IPortalApp App, AppBinding? Binding)
{
    /// <summary>Every hosted app, in catalog order, with its binding: one read.</summary>
    public static async Task<IReadOnlyList<CatalogEntry>> ListAsync(AppCatalog catalog, AppBindingStore bindings, CancellationToken ct = default)
    {
        var bound = (await bindings.ListAsync(ct)).ToDictionary(b => b.AppId, StringComparer.Ordinal);
        return catalog.All.Select(a => new CatalogEntry(a, bound.GetValueOrDefault(a.Id))).ToList();
    }
}

/// <summary>
/// Binds apps to deployments, for the API and the catalog page alike: the deployment must exist and its served schema
/// (asked of serving, as an app would) must have every input the app needs, or nothing is written.
/// </summary>
/// <remarks>The scoring client is made only when a schema is read: it resolves serving's address when made, and pages
/// listing the catalog must not depend on the portal listening yet.</remarks>
public sealed class AppBinder(AppCatalog catalog, AppBindingStore bindings, DeploymentStore deployments, PortalKeys keys, IServiceProvider services)
{
    public Task<IReadOnlyList<CatalogEntry>> ListAsync(CancellationToken ct = default) => CatalogEntry.ListAsync(catalog, bindings, ct);

    // Not "BindAsync": minimal APIs would take a type with that method for a custom-bound parameter.
    public async Task<AppBinding> BindToAsync(string appId, string? deployment, AuditActor actor, CancellationToken ct = default)
    {
        var app = Find(appId);
        if (string.IsNullOrWhiteSpace(deployment)) throw PortalException.Invalid("Name the deployment to bind the app to: {\"deployment\":\"…\"}.");
        var record = await deployments.GetAsync(deployment, ct) ?? throw PortalException.NotFound($"Deployment '{deployment}' does not exist.");
        var problems = app.RequiredInputs.Count == 0 ? [] : AppSchemaCheck.Problems(app.RequiredInputs, await ServedInputsAsync(record, ct));
        if (problems.Count > 0)
            throw new PortalException(ErrorKind.Invalid, $"Deployment '{deployment}' does not fit {app.Name}: {string.Join("; ", problems)}.")
            {
                Details = new Dictionary<string, object?> { ["problems"] = problems },
            };
        return await bindings.BindAsync(app.Id, record.Name, actor, ct) ?? throw PortalException.NotFound($"Deployment '{deployment}' does not exist.");
    }

    public async Task UnbindAsync(string appId, AuditActor actor, CancellationToken ct = default)
    {
        var app = Find(appId);
        if (!await bindings.UnbindAsync(app.Id, actor, ct)) throw PortalException.NotFound($"{app.Name} is not bound to a deployment.");
    }

    private IPortalApp Find(string appId) => catalog.Find(appId) ?? throw PortalException.NotFound($"There is no app '{appId}'.");

    /// <summary>What the deployment serves, asked of serving; an app that needs no particular input skips this.</summary>
    private async Task<IEnumerable<AppInput>> ServedInputsAsync(DeploymentRecord deployment, CancellationToken ct)
    {
        var key = await keys.FindAsync(deployment, ct)
            ?? throw PortalException.Conflict($"Deployment '{deployment.Name}' has no portal key to read its schema with; start or redeploy it first.");
        try
        {
            return (await services.GetRequiredService<ServingClient>().SchemaAsync(deployment.Name, key, ct)).Inputs.Select(i => new AppInput(i.Name, i.Type));
        }
        catch (ServingCallException e)
        {
            throw PortalException.Conflict($"Deployment '{deployment.Name}' did not say what it takes ({e.Message}); it must be serving to be bound.");
        }
    }
}
