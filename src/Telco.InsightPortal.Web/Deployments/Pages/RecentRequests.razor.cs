using Microsoft.AspNetCore.Components;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>The deployment's logged predictions, newest first, a page at a time (keyset: each page continues below the
/// previous one's last row), or those about one id (customerID) when a search names it. Reading only.</summary>
public sealed partial class RecentRequests
{
    public const int PageSize = 25;
    public const int MaxIdLength = DeploymentStore.MaxEntityIdLength;

    [Parameter, EditorRequired] public required DeploymentRecord Deployment { get; set; }
    [Inject] private DeploymentStore Store { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private PredictionPage _page = new([], false);
    /// <summary>The cursor of each page before the one shown (null: the newest page), to go back to newer pages.</summary>
    private readonly Stack<PredictionCursor?> _before = new();
    private readonly HashSet<string> _open = [];
    private PredictionCursor? _cursor;
    private string? _search;
    /// <summary>The id whose predictions are shown; null for all recent ones.</summary>
    private string? _shown;
    private string? _problem;

    protected override Task OnParametersSetAsync() => FirstPageAsync();

    private async Task SearchAsync()
    {
        var id = _search?.Trim();
        if (id is { Length: > MaxIdLength })
        {
            _problem = $"An id has at most {MaxIdLength} characters.";
            return;
        }
        _shown = string.IsNullOrEmpty(id) ? null : id;
        await FirstPageAsync();
    }

    private async Task ClearAsync()
    {
        _search = _shown = null;
        await FirstPageAsync();
    }

    private async Task FirstPageAsync()
    {
        _problem = null;
        _before.Clear();
        _cursor = null;
        await LoadAsync();
    }

    private async Task OlderAsync()
    {
        if (!_page.HasMore || _page.Rows.Count == 0) return;
        _before.Push(_cursor);
        _cursor = PredictionCursor.Of(_page.Rows[^1]);
        await LoadAsync();
    }

    private async Task NewerAsync()
    {
        if (_before.Count == 0) return;
        _cursor = _before.Pop();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        // Recent means the last week; a search looks through the whole log, which the id's index makes cheap.
        var from = Clock.GetUtcNow().AddDays(-7).ToUnixTimeMilliseconds();
        _page = await Store.PredictionPageAsync(Deployment, new PredictionQuery(_shown, from, _cursor, PageSize));
        _open.Clear();
    }

    private void Toggle(string uuid)
    {
        if (!_open.Remove(uuid)) _open.Add(uuid);
    }
}
