using System.Security.Cryptography;
using System.Text;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Data.Tests.Audit;

/// <summary>
/// Known answers for the audit chain's hash and the checkpoint MAC: fixed inputs and the exact hex they must give.
/// The values were computed once outside this code base (Python's hashlib and hmac over the bytes the remarks of
/// <see cref="AuditHash"/> and <see cref="CheckpointKey"/> describe), so a change of canonical encoding — a field
/// order, a length prefix, a time unit, the JSON of details — fails here instead of silently invalidating every
/// stored chain and checkpoint.
/// </summary>
public sealed class AuditKnownAnswerTests
{
    private const string Previous = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string EntryHash = "e0985a832473d35391aa6af5aa82944516d6b2f0e80e8c56d8fc4a76e8dc848d";
    private const string Correlation = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    // 2026-01-02T03:04:05.1234567Z written at +02:00; hashed as 1767323045123456 µs (the tenth of a µs is dropped).
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)).AddTicks(1_234_567);

    [Fact]
    public void AnEntryHashesToItsKnownValue()
    {
        var entry = AuditEntry.Create(7, At, new AuditActor("zoë", "198.51.100.7", null, Correlation),
            new AuditEvent("model.version.transition", "model", "churn/3", AuditOutcomes.Success, new { zeta = 1, alpha = "é<" }), Previous);

        Assert.Equal("{\"alpha\":\"\\u00E9\\u003C\",\"zeta\":1}", entry.Details);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_560), entry.At);
        Assert.Equal(EntryHash, entry.Hash);
    }

    [Fact]
    public void TheKnownValueIsTheSha256OfTheDocumentedEncoding()
    {
        byte[] bytes =
        [
            .. "TIP-AUDIT-ENTRY-1"u8,
            0, 0, 0, 0, 0, 0, 0, 7,                          // seq, int64 big-endian
            0x00, 0x06, 0x47, 0x5E, 0xF6, 0x4E, 0xD5, 0x80,  // at: 1767323045123456 µs, int64 big-endian
            .. Text("zoë"), .. Text("198.51.100.7"), 0, .. Text("model.version.transition"), .. Text("model"), .. Text("churn/3"),
            .. Text("success"), .. Text("{\"alpha\":\"\\u00E9\\u003C\",\"zeta\":1}"), .. Text(Correlation),
            .. Convert.FromHexString(Previous),
        ];

        Assert.Equal(EntryHash, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public void AFirstEntryWithNullsAndAnEmptyTargetHashesToItsKnownValue()
    {
        var entry = new AuditEntry
        {
            Seq = 1, At = DateTimeOffset.UnixEpoch, Actor = "system", Action = "audit.start", TargetType = "system", TargetId = "",
            Outcome = AuditOutcomes.Success, PrevHash = AuditHash.Genesis,
        };

        Assert.Equal("97771292f168a7638ffd993c02f469bd8e55030591b0f62fa65fd5d05e7647eb", AuditHash.Compute(entry));
    }

    [Fact]
    public void ACheckpointSignatureHasItsKnownValue()
    {
        var key = new CheckpointKey(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var at = AuditHash.Truncate(At);

        var signature = key.Sign(7, EntryHash, at);

        Assert.Equal("257e9f636bee7c91", key.Id);
        Assert.Equal("119aa0c05ebff7ca5dbb2739a61f30b46044407ef1cb2c6cf40404bc67f593b2", signature);
        Assert.True(key.Verifies(7, EntryHash, at, signature));
        Assert.False(key.Verifies(8, EntryHash, at, signature));
    }

    /// <summary>A present text field: 0x01, its UTF-8 length as uint32 big-endian, the UTF-8 bytes.</summary>
    private static byte[] Text(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        return [1, (byte)(utf8.Length >> 24), (byte)(utf8.Length >> 16), (byte)(utf8.Length >> 8), (byte)utf8.Length, .. utf8];
    }
}
