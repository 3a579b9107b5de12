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
        services.AddSingleton(sp => new JobScheduler(BoundFactory(sp)));
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobService>();
        services.AddSingleton<JobSweeper>();
        services.AddSingleton<DemoJobs>();
        services.AddJobKinds();
        services.AddHostedService(sp => sp.GetRequiredService<JobSweeper>());
        services.AddQuartz((q, sp) => Configure(q, sp));
        services.AddSingleton<IHostedService>(sp => new JobsHostedService(BoundFactory(sp), sp.GetRequiredService<IOptions<JobsOptions>>(),
            sp.GetRequiredService<ILogger<JobsHostedService>>()));
        return builder;
    }

    private static ISchedulerFactory BoundFactory(IServiceProvider sp)
    {
        Quartz.Logging.LogContext.SetCurrentLogProvider(sp.GetRequiredService<ILoggerFactory>());
        return sp.GetRequiredService<ISchedulerFactory>();
    }

    private static void Configure(IServiceCollectionQuartzConfigurator q, IServiceProvider sp)
    {
        var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
        var factory = sp.GetRequiredService<IConnectionFactory>();
        q.SchedulerName = sp.GetRequiredService<JobStore>().SchedulerName();
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
