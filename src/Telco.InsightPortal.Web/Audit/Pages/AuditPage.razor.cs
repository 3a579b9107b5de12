using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Web.Audit.Pages;

/// <summary>The audit trail, newest first, paged by keyset on seq in both directions: "older" reads below the
/// last row shown, "newer" reads above the first, so no page costs more than its own rows.</summary>
public sealed partial class AuditPage
{
    public const int PageSize = 50;

    [Inject] private AuditLog Log { get; set; } = default!;

    // Other pages link here already filtered, e.g. lineage's "audit entries" of a node: /audit?targetType=deployment&targetId=…
    [SupplyParameterFromQuery(Name = "actor")] public string? Actor { get; set; }
    [SupplyParameterFromQuery(Name = "action")] public string? Action { get; set; }
    [SupplyParameterFromQuery(Name = "targetType")] public string? TargetType { get; set; }
    [SupplyParameterFromQuery(Name = "targetId")] public string? TargetId { get; set; }

    private readonly AuditFilterModel _filter = new();
    private IReadOnlyList<AuditEntry> _entries = [];
    private AuditEntry? _selected;
    private bool _loading;
    private bool _hasNewer;
    private bool _hasOlder;

    protected override Task OnInitializedAsync()
    {
        (_filter.Actor, _filter.Action, _filter.TargetType, _filter.TargetId) = (Actor, Action, TargetType, TargetId);
        return ApplyAsync();
    }

    private Task ApplyAsync()
    {
        _selected = null;
        return LoadAsync(new AuditPaging(PageSize + 1, NewestFirst: true), newer: false, hadNewer: false);
    }

    private Task OlderAsync() => LoadAsync(new AuditPaging(PageSize + 1, BeforeSeq: _entries[^1].Seq, NewestFirst: true), newer: false, hadNewer: true);

    private Task NewerAsync() => LoadAsync(new AuditPaging(PageSize + 1, AfterSeq: _entries[0].Seq), newer: true, hadNewer: false);

    // One row more than a page is read to know whether there is another page beyond it.
    private async Task LoadAsync(AuditPaging paging, bool newer, bool hadNewer)
    {
        _loading = true;
        try
        {
            var rows = await Log.PageAsync(_filter.ToQuery(), paging, CancellationToken.None);
            var more = rows.Count > PageSize;
            var page = rows.Take(PageSize);
            _entries = (newer ? page.Reverse() : page).ToList();
            (_hasNewer, _hasOlder) = newer ? (more, true) : (hadNewer, more);
        }
        finally
        {
            _loading = false;
        }
    }

    private void Select(AuditEntry entry) => _selected = entry;

    private static Color OutcomeColor(string outcome) => outcome switch
    {
        AuditOutcomes.Success => Color.Success,
        AuditOutcomes.Failure => Color.Error,
        AuditOutcomes.Denied => Color.Warning,
        _ => Color.Default,
    };
}
