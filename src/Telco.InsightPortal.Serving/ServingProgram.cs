namespace Telco.InsightPortal.Serving;

/// <summary>
/// Serving alone: <c>dotnet run --project src/Telco.InsightPortal.Serving -- --urls http://0.0.0.0:5090
/// --Serving:Store:Provider=Postgres --Serving:Store:ConnectionString=… --Serving:ArtifactRoot=/shared/artifacts</c>.
/// Start as many as needed on the same store and artifact root; each polls the store for redeploys.
/// </summary>
public static class ServingProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServing();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapServing(operatorPolicy: null);
        await app.RunAsync();
    }
}
