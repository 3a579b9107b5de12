namespace Telco.InsightPortal.Web.Datasets;

public static class DatasetHosting
{
    public static WebApplicationBuilder AddDatasets(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DatasetIngestService>();
        builder.Services.AddSingleton<ProfileCache>();
        builder.Services.AddSingleton<DemoSeeder>();
        return builder;
    }
}
