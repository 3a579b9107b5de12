using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Audit;

public static class AuditHosting
{
    /// <summary>The audit trail every write path records into, its checkpoints, reader and verifier.
    /// A missing or bad checkpoint key in Production stops start-up here, naming the setting.</summary>
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuditOptions.Section);
        if (CheckpointKeySource.Problem(section[nameof(AuditOptions.CheckpointKey)], builder.Environment.IsProduction()) is { } problem)
            throw new InvalidOperationException(problem);
        builder.Services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section)
            .Validate(o => o.CheckpointInterval >= TimeSpan.FromSeconds(1), "Audit:CheckpointInterval must be at least 00:00:01.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => CheckpointKeySource.Resolve(
            sp.GetRequiredService<IOptions<AuditOptions>>().Value.CheckpointKey, builder.Environment.IsProduction(),
            sp.GetRequiredService<PortalPaths>().DataDir, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CheckpointKeySource))));
        builder.Services.AddSingleton<IAuditTrail, AuditTrail>();
        builder.Services.AddSingleton<AuditCheckpoints>();
        builder.Services.AddSingleton<AuditVerifier>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<ChainVerification>();
        builder.Services.AddHostedService<AuditCheckpointService>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditCircuitClient>();
        builder.Services.AddScoped<IAuditActorAccessor, AuditActorAccessor>();
        return builder;
    }
}
