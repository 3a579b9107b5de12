using System.IO.Compression;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Evidence;

namespace Telco.InsightPortal.Verifier.Tests;

/// <summary>Packs made the way the portal makes them — a real chain, a real checkpoint signature, the real writer — but
/// without a store, so each test is milliseconds. Entries 1..n: every third is about the version; then the
/// <c>evidence.pack</c> entry and two more after it, the last one the signed head.</summary>
internal sealed class TestPack
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    public CheckpointKey Key { get; } = CheckpointKey.Generate();
    public List<AuditEntry> Chain { get; } = [];
    public required EvidenceDocument Document { get; init; }

    public static byte[] Build(int entries = 30) => Create(entries).Zip();

    public static TestPack Create(int entries = 30)
    {
        var chain = new List<AuditEntry>();
        var prev = AuditHash.Genesis;
        for (var seq = 1; seq <= entries; seq++)
        {
            var about = seq % 3 == 0;
            var e = Seal(seq, prev, about ? "model.version.stage" : "user.signin", about ? "model_version" : "user", about ? "churn/1" : "someone",
                about ? """{"after":"Staging","before":"None"}""" : null);
            chain.Add(e);
            prev = e.Hash;
        }
        var cited = chain.Where(e => e.TargetType == "model_version")
            .Select(e => new EvidenceAuditEntry(e.Seq, e.At, e.Actor, e.Action, e.TargetType, e.TargetId, e.Outcome, e.Hash)).ToList();
        var pack = new TestPack { Document = NewDocument(cited) };
        pack.Chain.AddRange(chain);
        return pack;
    }

    /// <summary>The zip: the documents, the evidence.pack entry with the manifest's digest, two later entries, a signed head.</summary>
    public byte[] Zip()
    {
        var documents = PackDocuments.For(Document);
        var chain = new List<AuditEntry>(Chain);
        // As the store's canonical JSON writes the details: keys in ordinal order, no whitespace.
        var record = $$"""{"manifestSha256":"{{documents.ManifestSha256}}","model":"{{Document.Model}}","version":{{Document.Version}}}""";
        chain.Add(Seal(chain.Count + 1, chain[^1].Hash, PackLayout.PackAction, "model_version", "churn/1", record));
        chain.Add(Seal(chain.Count + 1, chain[^1].Hash, "user.signout", "user", "otto", null));
        chain.Add(Seal(chain.Count + 1, chain[^1].Hash, "run.status", "run", "r-1", """{"status":"FINISHED"}"""));
        var head = chain[^1];
        var checkpoint = PackCheckpoint.Sign(Key, head.Seq, head.Hash, head.At.AddSeconds(1));
        var first = Document.Records.Entries[0].Seq;
        using var output = new MemoryStream();
        PackWriter.WriteAsync(output, documents, chain.Where(e => e.Seq >= first).ToAsyncEnumerable(), checkpoint, Key.PublicKey).GetAwaiter().GetResult();
        return output.ToArray();
    }

    public static AuditEntry Seal(long seq, string prev, string action, string targetType, string? targetId, string? details)
    {
        var e = new AuditEntry
        {
            Seq = seq, At = AuditHash.Truncate(Start.AddSeconds(seq).AddTicks(1234560)), Actor = seq % 2 == 0 ? "dora" : "rita <script>",
            SourceIp = "198.51.100.7", UserAgent = "Mozilla/5.0 \"é\"", Action = action, TargetType = targetType, TargetId = targetId,
            Outcome = "success", Details = details, CorrelationId = $"c-{seq}", PrevHash = prev,
        };
        return e with { Hash = AuditHash.Compute(e) };
    }

    private static EvidenceDocument NewDocument(IReadOnlyList<EvidenceAuditEntry> cited) => new()
    {
        Model = "churn", Version = 1, BuiltAt = Start.AddHours(1), BuiltBy = "otto",
        General = new GeneralDescription
        {
            IntendedUse = "Rank customers by churn risk <b>for retention offers</b>", ModelDescription = "Churn propensity", CreatedBy = "dora",
            CreatedAt = Start, Stage = "Production", Status = "READY", Source = "runs:/r-1/model.zip", ModelSha256 = new string('a', 64),
            Aliases = ["champion"], Tags = [new("team", "retention")], Versions = [new(1, "Production", "dora", Start, "r-1", new string('a', 64))],
        },
        Development = new DevelopmentDescription
        {
            Run = new EvidenceRun("r-1", "churn-logistic", "telco-churn", "dora", "FINISHED", Start, Start.AddMinutes(2), [new("trainer", "logistic")], []),
            TrainingData = new EvidenceTrainingData
            {
                Dataset = "telco-churn", SnapshotId = 2, Schema = [new(0, "customerID", "Text", "Id", false, true), new(1, "tenure", "Integer", "Feature", false, false)],
                Snapshots = [new(2, 1, Start, "dora", "append", 10, 0, 20, new string('b', 64), "upload.csv"), new(1, null, Start, "dora", "create", 10, 0, 10, new string('c', 64), "seed")],
            },
            Metrics = [new("roc_auc", 0.84, 0)],
            Slices = [new("gender", [new("Female", 500, 130, 0.83, 0.8, 0.6, 0.55, null)])],
        },
        Monitoring = new MonitoringDescription { Deployments = [new("telco-churn", "active", 2, [new(2, 100, Start)])], Alerts = [] },
        Lifecycle = new LifecycleDescription { Approvals = [], Changes = [] },
        Records = new AuditRecords { Targets = [new("model_version", "churn/1")], Entries = cited },
    };

    /// <summary>The zip with one file's bytes replaced.</summary>
    public static byte[] Replace(byte[] zip, string name, Func<byte[], byte[]> change)
    {
        using var input = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var read = entry.Open();
                using var copy = new MemoryStream();
                read.CopyTo(copy);
                var bytes = entry.FullName == name ? change(copy.ToArray()) : copy.ToArray();
                using var write = archive.CreateEntry(entry.FullName).Open();
                write.Write(bytes);
            }
        }
        return output.ToArray();
    }

    public static byte[] Read(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var read = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        read.CopyTo(copy);
        return copy.ToArray();
    }
}
