namespace Telco.InsightPortal.Web.Demo;

public static class DemoHosting
{
    /// <summary>The first-run job that trains and deploys the demo models (Portal:Demo:Models).</summary>
    public static WebApplicationBuilder AddDemoModels(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DemoModelProvisioner>();
        builder.Services.AddSingleton<DemoModelsService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoModelsService>());
        return builder;
    }
}
