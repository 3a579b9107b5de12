using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Data.Tests.Registry;

/// <summary>Registry search reads filters with the same parser as run search: quoted text is one value whatever it
/// holds, and <c>or</c>, parentheses and <c>in (…)</c> work here too.</summary>
public sealed class RegistryFilterTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite, "name = 'rock and roll'", "rock and roll")]
    [InlineData(StoreProvider.Postgres, "name = 'rock and roll'", "rock and roll")]
    [InlineData(StoreProvider.Sqlite, "name LIKE 'a or b%'", "a or b (2)")]
    [InlineData(StoreProvider.Postgres, "name LIKE 'a or b%'", "a or b (2)")]
    [InlineData(StoreProvider.Sqlite, "tags.note = 'x'' y'", "rock")]
    [InlineData(StoreProvider.Postgres, "tags.note = 'x'' y'", "rock")]
    [InlineData(StoreProvider.Sqlite, "tags.`team name` = 'net (core)' and name != 'roll'", "a,a or b (2)")]
    [InlineData(StoreProvider.Postgres, "tags.`team name` = 'net (core)' and name != 'roll'", "a,a or b (2)")]
    [InlineData(StoreProvider.Sqlite, "(name = 'rock' or name ILIKE 'ROLL') and tags.note not in ('and', 'or')", "rock,roll")]
    [InlineData(StoreProvider.Postgres, "(name = 'rock' or name ILIKE 'ROLL') and tags.note not in ('and', 'or')", "rock,roll")]
    [InlineData(StoreProvider.Sqlite, "name in ('rock and roll', 'roll')", "rock and roll,roll")]
    [InlineData(StoreProvider.Postgres, "name in ('rock and roll', 'roll')", "rock and roll,roll")]
    public async Task RegistryFilterKeepsKeywordsAndQuotesInsideValues(StoreProvider provider, string filter, string expected)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        await f.Registry.CreateModelAsync("rock and roll", null, [new("note", "and")], RegistryFixture.Dora);
        await f.Registry.CreateModelAsync("rock", null, [new("note", "x' y")], RegistryFixture.Dora);
        await f.Registry.CreateModelAsync("roll", null, [new("note", "plain")], RegistryFixture.Dora);
        await f.Registry.CreateModelAsync("a or b (2)", null, [new("team name", "net (core)")], RegistryFixture.Dora);
        await f.Registry.CreateModelAsync("a", null, [new("team name", "net (core)")], RegistryFixture.Dora);

        var page = await f.Registry.SearchModelsAsync(filter, null, ["name"], null);

        Assert.Equal(expected.Split(','), page.Models.Select(m => m.Name));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task VersionSearchFiltersOnRunIdsAndTagsWithOr(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        var first = await f.TrainedRunAsync();
        var second = await f.TrainedRunAsync();
        var third = await f.TrainedRunAsync();
        await f.Registry.CreateModelAsync("churn", null, [], RegistryFixture.Dora);
        foreach (var run in new[] { first, second, third }) await f.RegisterAsync("churn", run);

        var page = await f.Registry.SearchVersionsAsync($"run_id in ('{first}', 'none') or source LIKE '%{third}%'", null, ["version_number"], null);

        Assert.Equal([1L, 3L], page.Versions.Select(v => v.Version));
    }

    [Theory]
    [InlineData("name = 'open", "unterminated ' quote")]
    [InlineData("name = 3", "'name' is compared with a quoted string, got a number")]
    [InlineData("name > 'a'", "operator '>' is not supported for 'name'")]
    [InlineData("owner = 'x'", "unknown attribute 'owner'; use one of name or tags.<key>")]
    [InlineData("name = 'a' and", "position 14: expected an attribute or tags.<key>, got the end")]
    [InlineData("name = 'a'; DROP TABLE runs", "position 10: unexpected ';'")]
    public async Task BadRegistryFiltersAreRefusedWithTheReason(string filter, string reason)
    {
        await using var f = await RegistryFixture.CreateAsync(StoreProvider.Sqlite);

        var error = await Assert.ThrowsAsync<TrackingException>(() => f.Registry.SearchModelsAsync(filter, null, null, null));

        Assert.Equal(TrackingErrors.InvalidParameter, error.ErrorCode);
        Assert.Contains(reason, error.Message);
    }
}
