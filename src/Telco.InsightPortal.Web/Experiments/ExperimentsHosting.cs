namespace Telco.InsightPortal.Web.Experiments;

public static class ExperimentsHosting
{
    public static WebApplicationBuilder AddExperiments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RunArtifacts>();
        return builder;
    }
}
