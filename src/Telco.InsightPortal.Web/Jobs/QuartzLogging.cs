using Microsoft.Extensions.Logging.Abstractions;

namespace Telco.InsightPortal.Web.Jobs;

/// <summary>
/// Quartz logs through one process-wide provider, and a process may hold several portals (tests start many, one after
/// another and side by side). Each portal hands Quartz its logger factory wrapped in this, right before it makes its
/// scheduler; a factory whose portal has since gone gives a no-op logger instead of throwing into another portal.
/// </summary>
internal sealed class QuartzLogging(ILoggerFactory inner) : ILoggerFactory
{
    public static void Bind(ILoggerFactory factory) => Quartz.Logging.LogContext.SetCurrentLogProvider(new QuartzLogging(factory));

    public ILogger CreateLogger(string categoryName)
    {
        try
        {
            return inner.CreateLogger(categoryName);
        }
        catch (ObjectDisposedException)
        {
            return NullLogger.Instance;
        }
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The host owns the factory.
    }
}
