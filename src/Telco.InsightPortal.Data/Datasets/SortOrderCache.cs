namespace Telco.InsightPortal.Data.Datasets;

/// <summary>
/// Sort orders of snapshots, kept because a snapshot never changes: the first sorted page of a snapshot pays for its
/// order, the pages after it read a slice of it. Bounded by the row offsets it holds (four bytes each), the least
/// recently used order dropped first; readers of an order being built wait for that build rather than start another,
/// and a build that fails is forgotten before its readers hear of it, so the next reader tries again.
/// </summary>
internal sealed class SortOrderCache(long maxRows)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Key, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recent = new();
    private long _rows;

    public readonly record struct Key(long DatasetId, long SnapshotId, int Ordinal);

    private sealed class Entry(Key key, long rows)
    {
        public Key Key => key;
        public long Rows => rows;
        public Task<int[]> Order { get; set; } = Task.FromResult<int[]>([]);
    }

    public Task<int[]> GetAsync(Key key, long rows, Func<Task<int[]>> build)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var hit))
            {
                _recent.Remove(hit);
                _recent.AddFirst(hit);
                return hit.Value.Order;
            }
            var entry = new Entry(key, rows);
            _entries[key] = _recent.AddFirst(entry);
            _rows += rows;
            while (_rows > maxRows && _recent.Last is { } oldest && oldest.Value != entry) Remove(oldest);
            entry.Order = BuildAsync(entry, build);
            return entry.Order;
        }
    }

    private async Task<int[]> BuildAsync(Entry entry, Func<Task<int[]>> build)
    {
        try
        {
            return await Task.Run(build);
        }
        catch
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(entry.Key, out var node) && node.Value == entry) Remove(node);
            }
            throw;
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recent.Remove(node);
        _entries.Remove(node.Value.Key);
        _rows -= node.Value.Rows;
    }
}
