using Microsoft.AspNetCore.Components;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Registry.Pages;

public sealed partial class ApprovalsPanel
{
    [Parameter, EditorRequired] public required IReadOnlyList<ApprovalRequest> Approvals { get; set; }
    [Parameter, EditorRequired] public required string CurrentUser { get; set; }
    [Parameter] public bool CanDecide { get; set; }
    [Parameter] public EventCallback OnChanged { get; set; }
    [Inject] private RegistryStore Registry { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private CircuitAuthorization Authorization { get; set; } = default!;

    private readonly Dictionary<long, string> _comments = [];
    private string? _error;
    private bool _busy;

    private IReadOnlyList<ApprovalRequest> Pending => Approvals.Where(a => a.Status == ApprovalStatuses.Pending).ToList();
    private IReadOnlyList<ApprovalRequest> Decided => Approvals.Where(a => a.Status != ApprovalStatuses.Pending).ToList();

    protected override void OnParametersSet()
    {
        foreach (var a in Pending) _comments.TryAdd(a.ApprovalId, "");
    }

    private bool IsOwn(ApprovalRequest request) => string.Equals(request.RequestedBy, CurrentUser, StringComparison.OrdinalIgnoreCase);

    private bool HasComment(ApprovalRequest request) => !string.IsNullOrWhiteSpace(_comments.GetValueOrDefault(request.ApprovalId));

    private async Task DecideAsync(ApprovalRequest request, bool approve)
    {
        _error = null;
        if (!await Authorization.AllowsAsync(Policies.ModelsWrite))
        {
            _error = "Only a DataScientist or Admin may decide approval requests.";
            return;
        }
        _busy = true;
        try
        {
            await Registry.DecideAsync(request.ApprovalId, approve, _comments.GetValueOrDefault(request.ApprovalId), await Actor.GetCurrentAsync());
            _comments.Remove(request.ApprovalId);
            await OnChanged.InvokeAsync();
        }
        catch (Exception e) when (e is FourEyesException or TrackingException or PromotionBlockedException)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
