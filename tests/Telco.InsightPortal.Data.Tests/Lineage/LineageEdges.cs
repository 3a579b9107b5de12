using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Tests.Lineage;

/// <summary>Builds a lineage graph edge by edge, through the recorder the stores use, in one write transaction.</summary>
internal sealed class LineageEdges
{
    private readonly List<LineageEdge> _edges = [];

    public LineageEdges Add(string from, string kind, string to, string? actor = "dora")
    {
        var (fromType, fromId) = Split(from);
        var (toType, toId) = Split(to);
        _edges.Add(new LineageEdge(fromType, fromId, toType, toId, kind, 1_700_000_000_000 + _edges.Count, actor));
        return this;
    }

    public async Task WriteAsync(IConnectionFactory factory)
    {
        await using var write = await factory.BeginWriteAsync();
        foreach (var edge in _edges) await LineageRecorder.RecordAsync(write.Connection, write.Transaction, edge, CancellationToken.None);
        await write.CommitAsync();
    }

    private static (string Type, string Id) Split(string key)
    {
        var slash = key.IndexOf('/');
        return (key[..slash], key[(slash + 1)..]);
    }
}
