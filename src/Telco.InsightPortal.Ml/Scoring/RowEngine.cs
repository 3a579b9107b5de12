using Microsoft.ML;
using Microsoft.ML.Data;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Ml.Data;

namespace Telco.InsightPortal.Ml.Scoring;

/// <summary>
/// Scores one row at a time through the model's row-to-row mapper, as ML.NET's PredictionEngine does, but over the
/// dataset schema rather than a compiled class: the mapper and its getters are built once, and each call only
/// writes the row's values and reads the probability. Not thread-safe: pool it, one per concurrent caller.
/// </summary>
public sealed class RowEngine
{
    private readonly MutableRow _row;
    private readonly ValueGetter<float> _probability;

    public RowEngine(ITransformer model, DatasetSchema schema)
    {
        var view = new TableDataView(ColumnarTable.Load(schema, [], null, null, CancellationToken.None), []);
        _row = new MutableRow(view, schema);
        var mapper = model.GetRowToRowMapper(view.Schema);
        var output = mapper.OutputSchema[Probabilities.Column];
        _probability = mapper.GetRow(_row, [output]).GetGetter<float>(output);
    }

    /// <summary>The churn probability of one row in schema order.</summary>
    public float Score(object?[] row)
    {
        _row.Set(row);
        var p = 0f;
        _probability(ref p);
        return p;
    }

    private sealed class MutableRow : DataViewRow, IRowValues
    {
        private readonly DatasetSchema _schema;
        private readonly float[] _numbers;
        private readonly string[] _texts;
        private readonly bool[] _numeric;
        private readonly Delegate[] _getters;
        private long _position = -1;

        public MutableRow(TableDataView view, DatasetSchema schema)
        {
            _schema = schema;
            _numbers = new float[schema.Columns.Count];
            _texts = new string[schema.Columns.Count];
            _numeric = schema.Columns.Select(c => ColumnarTable.IsNumeric(c) && c.Role != ColumnRole.Id).ToArray();
            Schema = view.Schema;
            _getters = Enumerable.Range(0, view.Schema.Count).Select(i => view.Getter(i, this)).ToArray();
        }

        public override DataViewSchema Schema { get; }

        public override long Position => _position;

        public override long Batch => 0;

        /// <summary>Each new row moves the position, which tells the mapper's cached values to refresh.</summary>
        public void Set(object?[] row)
        {
            foreach (var c in _schema.Columns)
            {
                if (c.Role != ColumnRole.Feature) continue;
                if (_numeric[c.Ordinal]) _numbers[c.Ordinal] = ColumnarTable.AsNumber(row[c.Ordinal], c, 1);
                else _texts[c.Ordinal] = ColumnarTable.AsText(row[c.Ordinal]) ?? ColumnarTable.MissingText;
            }
            _position++;
        }

        public float Read(int ordinal) => _numbers[ordinal];

        public string ReadText(int ordinal) => _texts[ordinal];

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            _getters[column.Index] as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);
    }
}
