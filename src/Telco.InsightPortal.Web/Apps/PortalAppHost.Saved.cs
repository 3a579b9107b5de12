using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Data.Apps;

namespace Telco.InsightPortal.Web.Apps;

public sealed partial class PortalAppHost
{
    public async Task<IReadOnlyList<AppSavedItem>> SavedAsync(string appId, string kind, CancellationToken ct = default) =>
        (await saved.ListAsync(appId, await OwnerAsync(), kind, ct))
        .Select(i => new AppSavedItem(i.Name, i.Body, DateTimeOffset.FromUnixTimeMilliseconds(i.SavedAt))).ToList();

    public async Task SaveAsync(string appId, string kind, string name, string body, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > AppSavedItemStore.MaxNameLength)
            throw new ArgumentException($"Give the item a name of 1 to {AppSavedItemStore.MaxNameLength} characters.", nameof(name));
        if (body.Length > AppSavedItemStore.MaxBodyLength) throw new ArgumentException("The item is too large to save (64 KiB at most).", nameof(body));
        if (!await saved.SaveAsync(appId, await OwnerAsync(), kind, name.Trim(), body, ct))
            throw new ArgumentException($"You keep {AppSavedItemStore.MaxItemsPerKind} of these already; delete one first.", nameof(name));
    }

    public async Task<bool> DeleteSavedAsync(string appId, string kind, string name, CancellationToken ct = default) =>
        await saved.DeleteAsync(appId, await OwnerAsync(), kind, name, ct);

    /// <summary>Always the signed-in user: an app cannot read or write another user's items.</summary>
    private async Task<string> OwnerAsync() =>
        (await UserAsync()).Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name
            : throw new UnauthorizedAccessException("Sign in to keep saved items.");
}
