using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Ml.Tests.Support;

/// <summary>Builds small churn-like datasets with a known signal, for tests that need no real data.</summary>
public sealed class SyntheticChurn
{
    private readonly List<DatasetColumn> _columns =
    [
        new(0, "customer_id", ColumnType.Text, ColumnRole.Id, Nullable: false),
        new(1, "contract", ColumnType.Text),
        new(2, "tenure", ColumnType.Integer),
        new(3, "monthly", ColumnType.Real),
        new(4, "churn", ColumnType.Text, ColumnRole.Label),
    ];

    private int _rows = 400;
    private Func<int, bool, object?> _label = (_, churned) => churned ? "Yes" : "No";
    private Func<int, bool, object?>? _extra;
    private ColumnType _extraType;

    public SyntheticChurn Rows(int count)
    {
        _rows = count;
        return this;
    }

    /// <summary>Writes the label with <paramref name="label"/> (row index, churned) instead of Yes/No.</summary>
    public SyntheticChurn Label(Func<int, bool, object?> label)
    {
        _label = label;
        return this;
    }

    /// <summary>Adds a feature column "extra" computed from (row index, churned).</summary>
    public SyntheticChurn Extra(ColumnType type, Func<int, bool, object?> value)
    {
        _extraType = type;
        _extra = value;
        return this;
    }

    public DatasetSchema Schema => new(_extra is null ? _columns : [.. _columns, new DatasetColumn(5, "extra", _extraType)]);

    public IReadOnlyList<object?[]> Build()
    {
        var random = new Random(7);
        var rows = new List<object?[]>();
        for (var i = 0; i < _rows; i++)
        {
            var monthToMonth = random.NextDouble() < 0.5;
            long tenure = random.Next(0, 72);
            var monthly = 20 + random.NextDouble() * 100;
            var risk = (monthToMonth ? 1.2 : -1.2) - tenure / 24.0 + (monthly - 70) / 40 + random.NextDouble() * 2 - 1;
            var churned = risk > 0;
            object?[] row = [$"C{i:D5}", monthToMonth ? "Month-to-month" : "One year", tenure, monthly, _label(i, churned)];
            rows.Add(_extra is null ? row : [.. row, _extra(i, churned)]);
        }
        return rows;
    }

    public TrainingRequest Request(string trainer = "logistic") => new()
    {
        Schema = Schema,
        Rows = Build(),
        LabelColumn = "churn",
        Trainer = trainer,
    };
}
