using Microsoft.AspNetCore.Components;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Web.Registry.Pages;

namespace Telco.InsightPortal.Web.Governance.Pages;

/// <summary>Every registered model, its versions (all shown at first; a model's row folds them away) and each version's
/// policy checks. "Only failing" keeps the versions with a failed check and the models that have one.</summary>
public sealed partial class GovernancePage
{
    [Inject] private GovernanceService Governance { get; set; } = default!;

    private GovernanceReport? _report;
    private bool _onlyFailing;
    private readonly HashSet<string> _folded = new(StringComparer.Ordinal);

    private IEnumerable<ModelGovernance> Models => _report is null ? []
        : _onlyFailing ? _report.Models.Where(m => m.FailingVersions > 0) : _report.Models;

    private string Summary
    {
        get
        {
            var versions = _report!.Models.SelectMany(m => m.Versions).ToList();
            var failing = versions.Count(v => v.Failing);
            return $"{failing} of {versions.Count} versions fail at least one check.";
        }
    }

    protected override async Task OnInitializedAsync() => _report = await Governance.ReportAsync();

    private IReadOnlyList<VersionGovernance> Versions(ModelGovernance model) =>
        _onlyFailing ? model.Versions.Where(v => v.Failing).ToList() : model.Versions;

    private bool IsOpen(ModelGovernance model) => !_folded.Contains(model.Name);

    private void Toggle(ModelGovernance model)
    {
        if (!_folded.Remove(model.Name)) _folded.Add(model.Name);
    }

    private static string Production(ModelGovernance model) =>
        model.Versions.FirstOrDefault(v => v.Stage == ModelStages.Production) is { } v ? RegistryView.Version(v.Version) : "—";
}
