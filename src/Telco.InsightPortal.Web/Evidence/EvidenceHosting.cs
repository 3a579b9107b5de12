using Telco.InsightPortal.Data.Evidence;

namespace Telco.InsightPortal.Web.Evidence;

public static class EvidenceHosting
{
    /// <summary>The evidence pack's builder; its logic lives in Data and Core, the host builds it into a file for the API and the model page.</summary>
    public static WebApplicationBuilder AddEvidence(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EvidenceFacts>();
        builder.Services.AddSingleton<EvidencePacks>();
        builder.Services.AddSingleton<EvidencePackFiles>();
        return builder;
    }
}
