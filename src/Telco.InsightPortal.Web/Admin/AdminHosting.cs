namespace Telco.InsightPortal.Web.Admin;

public static class AdminHosting
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        // Scoped: it reads the circuit's signed-in user.
        builder.Services.AddScoped<UserAdministration>();
        return builder;
    }
}
