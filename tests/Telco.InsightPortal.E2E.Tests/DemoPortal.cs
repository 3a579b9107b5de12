using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Demo;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>One portal for the journeys, started as <c>dotnet run</c> starts it: Development (so the README's demo
/// users exist), demo data and both demo models trained and deployed before the first journey begins.</summary>
public sealed class DemoPortal : IAsyncLifetime
{
    private PortalFactory? _portal;
    private Uri? _baseUrl;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public IServiceProvider Services => _portal?.Services ?? throw new InvalidOperationException("Start the demo portal first.");

    public async Task<Uri> StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_baseUrl is not null) return _baseUrl;
            _portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?>
            {
                [PortalFactory.EnvironmentSetting] = "Development",
                ["Portal:Demo:Models"] = "true",
            });
            _baseUrl = _portal.StartKestrel();
            var outcomes = await _portal.Services.GetRequiredService<DemoModelsService>().Completion.WaitAsync(TimeSpan.FromMinutes(5));
            Assert.All(outcomes, o => Assert.Equal(DemoModelStatus.Deployed, o.Status));
            return _baseUrl;
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_portal is not null) await _portal.DisposeAsync();
        _gate.Dispose();
    }
}

[CollectionDefinition(nameof(DemoPortalCollection))]
public sealed class DemoPortalCollection : ICollectionFixture<DemoPortal>;
