using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Security;

namespace Telco.InsightPortal.Web.Security;

/// <summary>
/// A short memory of session and token checks, so that a page's static-file requests and an API client's calls do not
/// each read the store. What this process changes (sign-out, roles, disabling, password, token revocation) is
/// forgotten at once, through the stores' change events; what another instance changes bites here within
/// <see cref="AuthOptions.CheckCacheSeconds"/> (10 s by default). A failed check is never remembered.
/// </summary>
public sealed class AuthCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    private readonly ConcurrentDictionary<long, long> _userGenerations = new();
    private readonly TimeSpan _lifetime;

    public AuthCache(UserStore users, TokenStore tokens, IOptions<AuthOptions> options)
    {
        _lifetime = TimeSpan.FromSeconds(options.Value.CheckCacheSeconds);
        users.UserChanged += ForgetUser;
        users.SessionEnded += session => _cache.Remove(SessionKey(session));
        tokens.TokenRevoked += token => ForgetUser(token.UserId);
    }

    public static string SessionKey(string sessionId) => "session:" + sessionId;

    public static string TokenKey(string tokenHash) => "token:" + tokenHash;

    /// <summary>The cached value for <paramref name="key"/>, or what <paramref name="load"/> finds; a null (failed)
    /// check is not kept, and nothing is kept when caching is off.</summary>
    public async Task<T?> GetOrLoadAsync<T>(string key, Func<Task<T?>> load, Func<T, long> userOf) where T : class
    {
        if (_cache.TryGetValue(key, out Entry<T>? hit) && hit is not null && hit.Generation == GenerationOf(userOf(hit.Value))) return hit.Value;
        var value = await load();
        if (value is null || _lifetime <= TimeSpan.Zero) return value;
        var user = userOf(value);
        _cache.Set(key, new Entry<T>(value, GenerationOf(user)), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _lifetime });
        return value;
    }

    public void ForgetUser(long userId) => _userGenerations.AddOrUpdate(userId, 1, (_, g) => g + 1);

    public void Forget(string key) => _cache.Remove(key);

    private long GenerationOf(long userId) => _userGenerations.GetValueOrDefault(userId);

    public void Dispose() => _cache.Dispose();

    private sealed record Entry<T>(T Value, long Generation);
}
