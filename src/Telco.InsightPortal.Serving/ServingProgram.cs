using Telco.InsightPortal.Http;

namespace Telco.InsightPortal.Serving;

/// <summary>
/// Serving alone: <c>dotnet run --project src/Telco.InsightPortal.Serving -- --urls http://0.0.0.0:5091
/// --Serving:Store:Provider=Postgres --Serving:Store:ConnectionString=… --Serving:ArtifactRoot=/shared/artifacts</c>.
/// Start as many as needed on the same store and artifact root; each polls the store for redeploys.
/// </summary>
public static class ServingProgram
{
    public static Task Main(string[] args) => Build(args).RunAsync();

    /// <summary>The standalone host, built but not started (tests start several on their own ports).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServing();
        builder.Services.AddApiErrors();
        var app = builder.Build();
        app.UseApiErrors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapServing(operatorPolicy: null);
        return app;
    }
}
