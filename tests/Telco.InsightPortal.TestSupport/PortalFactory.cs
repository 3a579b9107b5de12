using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.TestSupport;

/// <summary>
/// The real portal host over a real, private store (SQLite file or PostgreSQL database), configured the
/// way an operator would: through settings. <see cref="StartKestrel"/> gives it a real port for a browser.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Harbor-Lantern-Quiet-77";

    /// <summary>A setting that names the host environment (Testing unless given); Development is the README's run.</summary>
    public const string EnvironmentSetting = "Test:Environment";

    private readonly TestStore _store;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private readonly bool _ownsStore;

    private PortalFactory(TestStore store, Dictionary<string, string?> settings, Action<IServiceCollection>? services, bool ownsStore = true)
    {
        _store = store;
        _settings = settings;
        _services = services;
        _ownsStore = ownsStore;
    }

    /// <summary>A second portal instance on the same store and data folder, as behind a load balancer, or a restart
    /// with changed <paramref name="settings"/>.</summary>
    public PortalFactory SecondInstance(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(_settings);
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        return new(_store, all, _services, ownsStore: false);
    }

    public TestStore Store => _store;

    public static async Task<PortalFactory> CreateAsync(StoreProvider provider = StoreProvider.Sqlite,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        // The portal migrates its own store, as on a first start.
        var store = await TestStore.CreateAsync(provider, migrate: false);
        var all = new Dictionary<string, string?>
        {
            ["Portal:DataDir"] = store.Directory,
            ["Store:Provider"] = provider.ToString(),
            ["ConnectionStrings:Portal"] = store.ConnectionString,
            ["Portal:Demo:TelcoRows"] = "300",
            ["Portal:Demo:CellTowerRows"] = "200",
            // Training the demo models takes seconds per portal; the tests that want them turn them on.
            ["Portal:Demo:Models"] = "false",
            ["AllowedHosts"] = "*",
            ["Portal:Bootstrap:AdminPassword"] = AdminPassword,
            // Tests sign in many times from one address.
            ["Auth:SignInPerMinute"] = "1000",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        return new PortalFactory(store, all, services);
    }

    /// <summary>Starts the host on Kestrel at a free loopback port and returns its base address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = ClientOptions.BaseAddress;
        return address;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoPaths.Root);
        builder.UseEnvironment(_settings.GetValueOrDefault(EnvironmentSetting) ?? "Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsStore) await _store.DisposeAsync();
    }
}
