using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Ingestion;

namespace Telco.InsightPortal.Core.Tests.Generators;

internal static class GeneratedData
{
    public static double Share<T>(IReadOnlyCollection<T> rows, Func<T, bool> predicate) =>
        rows.Count(predicate) / (double)rows.Count;

    /// <summary>The probability that a random positive scores above a random negative (ties count half).</summary>
    public static double Auc(IEnumerable<(double Score, bool Positive)> scored)
    {
        var sorted = scored.OrderBy(s => s.Score).ToList();
        double positives = 0, rankSum = 0;
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j < sorted.Count && sorted[j].Score == sorted[i].Score) j++;
            var averageRank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++)
            {
                if (!sorted[k].Positive) continue;
                positives++;
                rankSum += averageRank;
            }
            i = j;
        }
        var negatives = sorted.Count - positives;
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    public static void AssertTypedAsIngested(DatasetSchema schema, object?[] row)
    {
        Assert.Equal(schema.Columns.Count, row.Length);
        foreach (var column in schema.Columns)
        {
            var value = row[column.Ordinal];
            if (value is null)
            {
                Assert.True(column.Nullable, $"'{column.Name}' is null but not nullable.");
                continue;
            }
            var expected = column.Type switch
            {
                ColumnType.Text => typeof(string),
                ColumnType.Integer => typeof(long),
                ColumnType.Real => typeof(double),
                _ => typeof(DateTimeOffset),
            };
            Assert.IsType(expected, value);
        }
    }

    public sealed class CountingSink : IRowSink
    {
        public long Rows { get; private set; }

        public void Write(object?[] row) => Rows++;
    }

    /// <summary>Copies each row, because the ingestor reuses its row buffer.</summary>
    public sealed class CollectingSink : IRowSink
    {
        public List<object?[]> Rows { get; } = [];

        public void Write(object?[] row) => Rows.Add([.. row]);
    }
}
