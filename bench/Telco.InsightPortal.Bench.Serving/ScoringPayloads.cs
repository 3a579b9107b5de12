using System.Text;
using System.Text.Json;

namespace Telco.InsightPortal.Bench.Serving;

/// <summary>MLflow <c>dataframe_split</c> bodies over the feature columns, as a client would send them.</summary>
public static class ScoringPayloads
{
    public static byte[] DataframeSplit(BenchModels models, IEnumerable<object?[]> rows) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["dataframe_split"] = new
            {
                columns = models.Features.Select(c => c.Name),
                data = rows.Select(r => models.Features.Select(c => r[c.Ordinal])),
            },
        }));
}
