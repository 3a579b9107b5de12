using Microsoft.Extensions.Options;
using Quartz;
using Telco.InsightPortal.Data.Jobs;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Web.Hosting;
using Telco.InsightPortal.Web.Jobs.Kinds;

namespace Telco.InsightPortal.Web.Jobs;

public static class JobsHosting
{
    /// <summary>Quartz.NET on the portal's own store — its ADO.NET job store in the same database (clustered on
    /// PostgreSQL, so instances share schedules and fail over) — and the runner, sweeper and job kinds.</summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);
        services.AddSingleton<JobStore>();
        // Quartz logs through a process-wide provider, and several portals can live in one process (tests): each binds
        // its own logger factory before it touches Quartz, so none logs through another's disposed one.
        services.AddSingleton(sp => new JobScheduler(BoundFactory(sp), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobService>();
        services.AddSingleton<JobSweeper>();
        services.AddSingleton<DemoJobs>();
        services.AddJobKinds();
        services.AddHostedService(sp => sp.GetRequiredService<JobSweeper>());
        services.AddQuartz((q, sp) => Configure(q, sp));
        services.AddHostedService<JobsHostedService>();
        return builder;
    }

    /// <summary>The store's scheduler name — unless another portal in this process (tests start several) already runs a
    /// scheduler by that name: Quartz keeps one scheduler per name per process, and sharing it would hand this portal's
    /// jobs to the other's services. That portal then schedules on its own, under a name of its own.</summary>
    private static string SchedulerName(string storeName, IServiceProvider sp)
    {
        if (Quartz.Impl.SchedulerRepository.Instance.Lookup(storeName) is null) return storeName;
        var own = storeName + "-" + Guid.NewGuid().ToString("N")[..6];
        sp.GetRequiredService<ILogger<JobScheduler>>().LogWarning(
            "Another portal in this process schedules the jobs of this store; this one uses scheduler {Name} of its own.", own);
        return own;
    }

    private static ISchedulerFactory BoundFactory(IServiceProvider sp)
    {
        QuartzLogging.Bind(sp.GetRequiredService<ILoggerFactory>());
        return sp.GetRequiredService<ISchedulerFactory>();
    }

    private static void Configure(IServiceCollectionQuartzConfigurator q, IServiceProvider sp)
    {
        var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
        var factory = sp.GetRequiredService<IConnectionFactory>();
        q.SchedulerName = SchedulerName(sp.GetRequiredService<JobStore>().SchedulerName(), sp);
        q.SchedulerId = "AUTO";
        q.UseDefaultThreadPool(tp => tp.MaxConcurrency = Math.Max(1, jobs.MaxConcurrency));
        q.MisfireThreshold = TimeSpan.FromSeconds(60);
        q.UsePersistentStore(s =>
        {
            s.UseProperties = true;
            s.UseSystemTextJsonSerializer();
            if (factory is SqliteConnectionFactory sqlite)
            {
                s.UseMicrosoftSQLite(o =>
                {
                    o.ConnectionString = $"Data Source={sqlite.DatabasePath};Default Timeout=30";
                    o.TablePrefix = "qrtz_";
                });
            }
            else
            {
                s.UsePostgres(o =>
                {
                    o.ConnectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("Portal")!;
                    o.TablePrefix = "qrtz_";
                });
                s.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(jobs.ClusterCheckinSeconds);
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(jobs.ClusterCheckinSeconds * 2);
                });
            }
        });
    }
}
