using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;

namespace Telco.InsightPortal.Web.Lineage;

public static class LineageHosting
{
    /// <summary>The lineage store, with its depth and node limits from the <c>Lineage</c> section, the reports built on
    /// it (a prediction's chain, a snapshot's impact and the alerts it opens), the OpenLineage outbox, and its sender to
    /// the endpoint in the <c>OpenLineage</c> section (idle when none is set).</summary>
    public static WebApplicationBuilder AddLineage(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(LineageOptions.Section).Get<LineageOptions>() ?? new LineageOptions();
        if (options.MaxDepth < 1 || options.MaxNodes < 1 || options.DefaultDepth < 0)
            throw new InvalidOperationException("Lineage: MaxDepth and MaxNodes must be at least 1, DefaultDepth at least 0.");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<LineageStore>();
        builder.Services.AddSingleton<PredictionChainStore>();
        builder.Services.AddSingleton<ImpactAnalysis>();
        builder.Services.AddSingleton<ImpactAlerts>();
        builder.Services.AddSingleton<OpenLineageOutbox>();
        var sender = builder.Configuration.GetSection(OpenLineageSenderOptions.Section).Get<OpenLineageSenderOptions>() ?? new OpenLineageSenderOptions();
        sender.Validate();
        builder.Services.AddSingleton(sender);
        builder.Services.AddSingleton<OpenLineageDelivery>();
        builder.Services.AddHttpClient(OpenLineageSender.ClientName);
        builder.Services.AddSingleton<OpenLineageSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OpenLineageSender>());
        return builder;
    }
}
