using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Web.Tests;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Store:Provider", "Oracle", "Store:Provider must be 'Sqlite' or 'Postgres'")]
    [InlineData("Portal:Demo:Seed", "-3", "Portal:Demo:Seed must be a non-negative integer")]
    [InlineData("Portal:DataDir", " ", "Portal:DataDir must name a folder")]
    [InlineData("Portal:Upload:MaxBytes", "10", "Portal:Upload:MaxBytes must be between")]
    [InlineData("Portal:Demo:TelcoRows", "5", "Portal:Demo:TelcoRows must be 100..1000000")]
    [InlineData("Training:Concurrency", "0", "Training:Concurrency must be 1..16; got 0.")]
    [InlineData("Training:PollInterval", "00:05:00", "Training:PollInterval must be between 00:00:00.05 and 00:01:00; got 00:05:00.")]
    [InlineData("Training:HeartbeatInterval", "00:00:00", "Training:HeartbeatInterval must be between 00:00:00.1 and 00:10:00")]
    [InlineData("Training:LeaseDuration", "00:00:15", "Training:LeaseDuration must be at least twice Training:HeartbeatInterval (00:00:20)")]
    public async Task ABadSettingStopsStartUpWithAMessageNamingIt(string key, string value, string message)
    {
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { [key] = value });

        var error = Record.Exception(() => portal.Services);

        Assert.NotNull(error);
        Assert.Contains(message, error.ToString());
    }

    [Fact]
    public async Task PostgresWithoutAConnectionStringIsRefused()
    {
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Postgres", ["ConnectionStrings:Portal"] = "",
        });

        var error = Record.Exception(() => portal.Services);

        Assert.Contains("ConnectionStrings:Portal is empty", error?.ToString());
    }
}
