using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Serving.Keys;

/// <summary>
/// Checked keys, remembered for <see cref="ServingOptions.KeyCacheSeconds"/> so scoring does not ask the store on every
/// request. A revocation through this process is forgotten at once; one made by another process takes effect within
/// that bound. Unknown keys are remembered too (so guessing cannot load the store), and the cache is bounded.
/// Keys are looked up by their SHA-256, here and in the store, and not compared in constant time: a timing
/// difference could only tell a caller how much of the digest of a secret they chose matches a stored digest, and
/// with 256 random bits behind each digest that says nothing about the stored secret.
/// </summary>
public sealed class KeyCache(DeploymentStore store, TimeProvider clock, IOptions<ServingOptions> options)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(options.Value.KeyCacheSeconds);

    private sealed record Entry(DeploymentKeyRecord? Key, DateTimeOffset Expires);

    /// <summary>The live (not revoked) key for <paramref name="secret"/>, or null.</summary>
    public async ValueTask<DeploymentKeyRecord?> FindAsync(string secret, CancellationToken ct)
    {
        if (!AccessKeys.LooksLikeKey(secret)) return null;
        var hash = AccessKeys.Hash(secret);
        var now = clock.GetUtcNow();
        if (!_entries.TryGetValue(hash, out var entry) || entry.Expires <= now)
        {
            var key = await store.FindKeyAsync(hash, ct);
            if (_entries.Count >= MaxEntries) _entries.Clear();
            entry = new Entry(key, now + _ttl);
            _entries[hash] = entry;
        }
        return entry.Key is { RevokedAt: null } live ? live : null;
    }

    /// <summary>Forgets every cached check, after a revocation in this process.</summary>
    public void Invalidate() => _entries.Clear();
}
