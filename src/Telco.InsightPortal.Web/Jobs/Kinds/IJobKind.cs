using Telco.InsightPortal.Core.Jobs;

namespace Telco.InsightPortal.Web.Jobs.Kinds;

/// <summary>
/// The implementation of one <see cref="JobKindCatalog"/> kind. The runner calls it for each step of that kind with
/// the step's resolved parameters; it returns the step's outputs (named as the catalog declares them) or throws
/// <see cref="JobStepException"/> with a reason. Whatever it changes it changes through the portal's services, each
/// change in one transaction with its audit entry, so a step cut short leaves nothing half-made.
/// </summary>
public interface IJobKind
{
    /// <summary>The catalog name (<see cref="JobKindCatalog.Ingest"/>, …).</summary>
    string Name { get; }

    Task<IReadOnlyDictionary<string, object?>> RunAsync(JobStepContext step, CancellationToken ct);
}
