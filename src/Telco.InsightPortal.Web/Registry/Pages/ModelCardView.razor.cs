using Microsoft.AspNetCore.Components;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Registry.Pages;

public sealed partial class ModelCardView
{
    [Parameter, EditorRequired] public required ModelCard Card { get; set; }
    [Parameter] public bool CanWrite { get; set; }
    [Parameter] public EventCallback OnChanged { get; set; }
    [Inject] private RegistryStore Registry { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private CircuitAuthorization Authorization { get; set; } = default!;

    /// <summary>The slices a fairness review starts from (gender, SeniorCitizen, Contract come first in slices.json); the rest on request.</summary>
    private const int FirstSlices = 3;

    private string? _moreSlice;
    private bool _editing;
    private string? _description;
    private string? _error;

    private void Edit()
    {
        _description = Card.Version.Description;
        _editing = true;
    }

    private async Task SaveAsync()
    {
        _error = null;
        if (!await Authorization.AllowsAsync(Policies.ModelsWrite))
        {
            _error = "Your role may read models but not change them.";
            return;
        }
        try
        {
            await Registry.UpdateVersionAsync(Card.Version.Name, Card.Version.Version, _description, await Actor.GetCurrentAsync());
            _editing = false;
            await OnChanged.InvokeAsync();
        }
        catch (TrackingException e)
        {
            _error = e.Message;
        }
    }
}
