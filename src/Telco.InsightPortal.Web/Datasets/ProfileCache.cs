using Microsoft.Extensions.Caching.Memory;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Datasets;

namespace Telco.InsightPortal.Web.Datasets;

/// <summary>Snapshots are immutable, so a snapshot's profile is computed once and kept (bounded by count).</summary>
public sealed class ProfileCache(DatasetProfiler profiler)
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 64 });

    public Task<IReadOnlyList<ColumnProfile>> GetAsync(Dataset dataset, Snapshot snapshot) =>
        _cache.GetOrCreate(snapshot.Id, entry =>
        {
            entry.Size = 1;
            // Not tied to the caller's circuit: another viewer may be waiting on the same result.
            var task = profiler.ProfileAsync(dataset, snapshot, CancellationToken.None);
            task.ContinueWith(_ => _cache.Remove(snapshot.Id), TaskContinuationOptions.OnlyOnFaulted);
            return task;
        })!;
}
