using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Generators;

namespace Telco.InsightPortal.Ml.Tests.Support;

/// <summary>Rows in the IBM schema from the portal's own generator, so derived features apply without the real file.</summary>
public static class GeneratedTelco
{
    private static readonly TelcoChurnGenerator Generator = new();

    public static DatasetSchema Schema => Generator.Schema;

    public static IReadOnlyList<object?[]> Rows(int count, int seed = 3) => [.. Generator.Generate(new GeneratorRequest(count, seed))];

    public static TrainingRequest Request(string trainer, int rows = 1200) => new()
    {
        Schema = Schema,
        Rows = Rows(rows),
        LabelColumn = "Churn",
        Trainer = trainer,
    };
}
