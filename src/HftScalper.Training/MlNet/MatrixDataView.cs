using Microsoft.ML;
using Microsoft.ML.Data;

namespace HftScalper.Training.MlNet;

/// <summary>
/// An ML.NET <see cref="IDataView"/> over selected rows of a row-major float matrix, so training reads the dataset's
/// arrays directly (no per-row objects). Columns: <c>Features</c> (float vector), <c>Label</c> (boolean, for binary
/// trainers) and <c>Target</c> (float, for regression); the label arrays are indexed by position in the selection.
/// </summary>
internal sealed class MatrixDataView : IDataView
{
    /// <summary>Feature column name.</summary>
    public const string FeaturesColumn = "Features";

    /// <summary>Boolean label column name.</summary>
    public const string LabelColumn = "Label";

    /// <summary>Float regression target column name.</summary>
    public const string TargetColumn = "Target";

    private readonly float[] _values;
    private readonly int _width;
    private readonly int[] _rows;
    private readonly bool[] _labels;
    private readonly float[] _targets;

    /// <summary>A view of <paramref name="rows"/> of <paramref name="values"/> (row-major, <paramref name="width"/> wide).</summary>
    public MatrixDataView(float[] values, int width, int[] rows, bool[]? labels = null, float[]? targets = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (labels is not null && labels.Length != rows.Length) throw new ArgumentException("one label per selected row", nameof(labels));
        if (targets is not null && targets.Length != rows.Length) throw new ArgumentException("one target per selected row", nameof(targets));
        _values = values;
        _width = width;
        _rows = rows;
        _labels = labels ?? new bool[rows.Length];
        _targets = targets ?? new float[rows.Length];
        var b = new DataViewSchema.Builder();
        b.AddColumn(FeaturesColumn, new VectorDataViewType(NumberDataViewType.Single, width));
        b.AddColumn(LabelColumn, BooleanDataViewType.Instance);
        b.AddColumn(TargetColumn, NumberDataViewType.Single);
        Schema = b.ToSchema();
    }

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public DataViewSchema Schema { get; }

    /// <inheritdoc />
    public long? GetRowCount() => _rows.Length;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(MatrixDataView view) : DataViewRowCursor
    {
        private long _position = -1;

        public override long Position => _position;
        public override long Batch => 0;
        public override DataViewSchema Schema => view.Schema;

        public override bool MoveNext() => ++_position < view._rows.Length;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            Delegate getter = column.Index switch
            {
                0 => (ValueGetter<VBuffer<float>>)GetFeatures,
                1 => (ValueGetter<bool>)((ref bool v) => v = view._labels[_position]),
                2 => (ValueGetter<float>)((ref float v) => v = view._targets[_position]),
                _ => throw new ArgumentOutOfRangeException(nameof(column)),
            };
            return getter as ValueGetter<TValue> ?? throw new InvalidOperationException($"column {column.Name} is not of type {typeof(TValue).Name}");
        }

        private void GetFeatures(ref VBuffer<float> dst)
        {
            var editor = VBufferEditor.Create(ref dst, view._width);
            view._values.AsSpan(view._rows[_position] * view._width, view._width).CopyTo(editor.Values);
            dst = editor.Commit();
        }
    }
}
