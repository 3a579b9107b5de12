using Microsoft.ML;
using Microsoft.ML.Data;
using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Ml.Data;

/// <summary>
/// An <see cref="IDataView"/> over a subset of a <see cref="ColumnarTable"/>'s rows. Columns are the schema's
/// numeric (Single) and text columns under their own names, the engineered features, and the label as
/// <see cref="LabelColumn"/> when the table has one. Id and timestamp columns are left out so no pipeline can use them.
/// Optionally one input column is read through a permutation, for permutation importance.
/// </summary>
internal interface IRowValues
{
    float Read(int ordinal);

    string ReadText(int ordinal);
}

internal sealed class TableDataView : IDataView
{
    public const string LabelColumn = "__label__";

    private readonly ColumnarTable _table;
    private readonly int[] _rows;
    private readonly (int Ordinal, int[] Rows)? _permuted;
    private readonly List<Func<IRowValues, Delegate>> _getters = [];

    public TableDataView(ColumnarTable table, int[] rows, (int Ordinal, int[] Rows)? permuted = null)
    {
        _table = table;
        _rows = rows;
        _permuted = permuted;
        var builder = new DataViewSchema.Builder();
        foreach (var c in table.Schema.Columns)
        {
            if (c.Role != ColumnRole.Feature || !table.Holds(c.Ordinal)) continue;
            var ordinal = c.Ordinal;
            if (ColumnarTable.IsNumeric(c))
            {
                builder.AddColumn(c.Name, NumberDataViewType.Single);
                _getters.Add(cursor => (ValueGetter<float>)((ref float v) => v = cursor.Read(ordinal)));
            }
            else
            {
                builder.AddColumn(c.Name, TextDataViewType.Instance);
                _getters.Add(cursor => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = cursor.ReadText(ordinal).AsMemory()));
            }
        }
        foreach (var f in EngineeredFeature.For(table.Schema))
        {
            if (f.IsText)
            {
                builder.AddColumn(f.Name, TextDataViewType.Instance);
                _getters.Add(cursor => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = f.Text!(cursor).AsMemory()));
            }
            else
            {
                builder.AddColumn(f.Name, NumberDataViewType.Single);
                _getters.Add(cursor => (ValueGetter<float>)((ref float v) => v = f.Number!(cursor)));
            }
        }
        if (table.Labels is { } labels)
        {
            builder.AddColumn(LabelColumn, BooleanDataViewType.Instance);
            _getters.Add(cursor => (ValueGetter<bool>)((ref bool v) => v = labels[((Cursor)cursor).Row]));
        }
        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rows.Length;

    /// <summary>A getter for column <paramref name="index"/> of this view's schema, reading from <paramref name="values"/>:
    /// how a single-row engine reuses the view's columns, engineered features included.</summary>
    internal Delegate Getter(int index, IRowValues values) => _getters[index](values);

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    // One cursor only: row order, and therefore results, never depend on how ML.NET splits work across threads.
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(TableDataView view) : DataViewRowCursor, IRowValues
    {
        private readonly Delegate[] _getters = new Delegate[view._getters.Count];
        private long _position = -1;

        public int Row => view._rows[_position];

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public float Read(int ordinal) => view._table.Number(ordinal, Source(ordinal));

        public string ReadText(int ordinal) => view._table.Text(ordinal, Source(ordinal));

        private int Source(int ordinal) =>
            view._permuted is { } p && p.Ordinal == ordinal ? p.Rows[_position] : view._rows[_position];

        public override bool MoveNext() => ++_position < view._rows.Length;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var getter = _getters[column.Index] ??= view._getters[column.Index](this);
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);
    }
}
