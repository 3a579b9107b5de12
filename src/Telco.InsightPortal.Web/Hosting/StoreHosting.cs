using Microsoft.Extensions.Options;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Web.Hosting;

public static class StoreHosting
{
    /// <summary>Configuration, validated at start-up, and the store chosen by <c>Store:Provider</c>.</summary>
    public static WebApplicationBuilder AddPortalStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PortalOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<PortalOptions>>(sp => sp.GetRequiredService<PortalOptionsValidator>());
        builder.Services.AddSingleton<IValidateOptions<StoreOptions>>(sp => sp.GetRequiredService<PortalOptionsValidator>());
        builder.Services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PortalPaths>();
        builder.Services.AddSingleton<IConnectionFactory>(sp =>
        {
            DapperSetup.Configure();
            var store = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            var paths = sp.GetRequiredService<PortalPaths>();
            var configured = sp.GetRequiredService<IConfiguration>().GetConnectionString("Portal");
            return store.ParsedProvider == StoreProvider.Postgres
                ? new PostgresConnectionFactory(configured!)
                : new SqliteConnectionFactory(string.IsNullOrWhiteSpace(configured) ? $"Data Source={paths.SqliteFile}" : configured);
        });
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddSingleton(new IngestLimits());
        builder.Services.AddSingleton<DatasetStore>();
        builder.Services.AddSingleton<DatasetProfiler>();
        builder.Services.AddSingleton<SnapshotWriter>();
        return builder;
    }

    /// <summary>Applies the migrations before the portal takes requests; a store it cannot open stops start-up.</summary>
    public static async Task MigrateStoreAsync(this WebApplication app)
    {
        var applied = await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
        var provider = app.Services.GetRequiredService<IConnectionFactory>().Provider;
        app.Logger.LogInformation("Store {Provider} ready; {Count} migration(s) applied.", provider, applied);
    }
}

/// <summary>Resolved folders under <see cref="PortalOptions.DataDir"/>.</summary>
public sealed class PortalPaths
{
    public PortalPaths(IOptions<PortalOptions> options, IHostEnvironment environment)
    {
        DataDir = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.DataDir));
        Directory.CreateDirectory(DataDir);
        Uploads = Path.Combine(DataDir, "uploads");
        Directory.CreateDirectory(Uploads);
        Artifacts = Path.Combine(DataDir, "artifacts");
        Directory.CreateDirectory(Artifacts);
    }

    public string DataDir { get; }

    public string SqliteFile => Path.Combine(DataDir, "portal.db");

    /// <summary>Where uploads are spooled before they are ingested; cleaned after each ingest.</summary>
    public string Uploads { get; }

    public string Artifacts { get; }
}
