namespace Telco.InsightPortal.Web.Jobs.Kinds;

public static class JobKindsHosting
{
    /// <summary>Every job kind but check-drift, each an <see cref="IJobKind"/> singleton: they hold no state of a run (all
    /// of it is in the step's context) and drive singleton services.</summary>
    public static IServiceCollection AddJobKinds(this IServiceCollection s)
    {
        s.AddSingleton<IJobKind, RegisterKind>();
        s.AddSingleton<IJobKind, PromoteKind>();
        s.AddSingleton<IJobKind, RedeployKind>();
        s.AddSingleton<IJobKind, IngestKind>();
        s.AddSingleton<IJobKind, TrainKind>();
        s.AddSingleton<IJobKind, EvaluateKind>();
        s.AddSingleton<IJobKind, SimulateTrafficKind>();
        s.AddSingleton<IJobKind, CheckDriftKind>();
        return s;
    }
}
