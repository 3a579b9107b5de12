using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Telco.InsightPortal.Http;

public static class HttpErrorsHosting
{
    /// <summary>Registers the one exception-to-error mapping for every API family, and makes minimal APIs throw on a
    /// body they cannot bind (in every environment) so that mapping answers it instead of a bare 400.</summary>
    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<ExceptionHandlerOptions>(o => o.SuppressDiagnosticsCallback = ApiExceptionHandler.SuppressRefusalDiagnostics);
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>The error pipeline of an API-only host (standalone serving). The portal adds its pages' error and
    /// status pages around the same two pieces.</summary>
    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(ApiStatusMessages.WriteAsync);
        return app;
    }
}
