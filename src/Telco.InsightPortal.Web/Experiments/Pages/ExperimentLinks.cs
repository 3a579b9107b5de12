namespace Telco.InsightPortal.Web.Experiments.Pages;

public static class ExperimentLinks
{
    public static string Experiment(long id) => $"/experiments/{id}";

    public static string Run(string runId) => $"/runs/{Uri.EscapeDataString(runId)}";

    public static string Compare(IEnumerable<string> runIds) =>
        "/experiments/compare?runs=" + Uri.EscapeDataString(string.Join(',', runIds));
}
