namespace Telco.InsightPortal.Data.Dashboards;

/// <summary>
/// Chart answers over snapshots, kept because a snapshot never changes: keyed by the snapshot id, the hash of the
/// spec's canonical text (with "latest" already resolved to that id, so both spellings share an entry) and whether the
/// caller may see PII (a table's columns depend on it), and for a chart with a relative window the minute that window
/// was computed from (so such an answer lives no longer than its minute). At most <c>capacity</c> entries, the least recently used dropped.
/// </summary>
internal sealed class ChartResultCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Key, LinkedListNode<(Key Key, ChartResult Result)>> _entries = [];
    private readonly LinkedList<(Key Key, ChartResult Result)> _recent = new();

    public readonly record struct Key(long SnapshotId, string SpecHash, bool CanSeePii, DateTimeOffset? Minute = null);

    public int Count
    {
        get { lock (_gate) return _entries.Count; }
    }

    public bool TryGet(Key key, out ChartResult result)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                result = node.Value.Result;
                return true;
            }
        }
        result = null!;
        return false;
    }

    public void Set(Key key, ChartResult result)
    {
        if (capacity <= 0) return;
        lock (_gate)
        {
            if (_entries.Remove(key, out var old)) _recent.Remove(old);
            _entries[key] = _recent.AddFirst((key, result));
            while (_entries.Count > capacity && _recent.Last is { } oldest)
            {
                _recent.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }
        }
    }
}
