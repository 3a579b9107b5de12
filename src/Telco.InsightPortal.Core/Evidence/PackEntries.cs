using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Telco.InsightPortal.Core.Audit;

namespace Telco.InsightPortal.Core.Evidence;

/// <summary>
/// One audit entry per line of <see cref="PackLayout.Entries"/>, in one canonical form: fixed property order, no
/// whitespace, one fixed escaper, times as round-trip UTC text. A line is accepted only when writing the entry it
/// parses to gives back exactly the same bytes, so no byte of the file can change without the verifier noticing —
/// not even one the hash does not see (an escape written another way, a time finer than the store's microseconds).
/// </summary>
public static class PackEntries
{
    private static readonly JsonWriterOptions Writer = new() { Indented = false };

    public static void Write(IBufferWriter<byte> output, AuditEntry e)
    {
        using var w = new Utf8JsonWriter(output, Writer);
        Write(w, e);
        w.Flush();
        output.Write("\n"u8);
    }

    /// <summary>Writes one line with a writer the caller resets to <paramref name="output"/> and reuses (a pack writes 100,000s).</summary>
    public static void Write(Utf8JsonWriter w, IBufferWriter<byte> output, AuditEntry e)
    {
        w.Reset(output);
        Write(w, e);
        w.Flush();
        output.Write("\n"u8);
    }

    private static void Write(Utf8JsonWriter w, AuditEntry e)
    {
        w.WriteStartObject();
        w.WriteNumber("seq", e.Seq);
        w.WriteString("at", Time(e.At));
        w.WriteString("actor", e.Actor);
        w.WriteString("sourceIp", e.SourceIp);
        w.WriteString("userAgent", e.UserAgent);
        w.WriteString("action", e.Action);
        w.WriteString("targetType", e.TargetType);
        w.WriteString("targetId", e.TargetId);
        w.WriteString("outcome", e.Outcome);
        w.WriteString("details", e.Details);
        w.WriteString("correlationId", e.CorrelationId);
        w.WriteString("prevHash", e.PrevHash);
        w.WriteString("hash", e.Hash);
        w.WriteEndObject();
    }

    public static Utf8JsonWriter NewWriter(IBufferWriter<byte> output) => new(output, Writer);

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads one line (without its newline); throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static AuditEntry Parse(ReadOnlySpan<byte> line)
    {
        AuditEntry entry;
        try
        {
            var reader = new Utf8JsonReader(line);
            using var doc = JsonDocument.ParseValue(ref reader);
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object) throw new FormatException("not a JSON object");
            entry = new AuditEntry
            {
                Seq = o.GetProperty("seq").GetInt64(),
                At = DateTimeOffset.ParseExact(Required(o, "at"), "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                Actor = Required(o, "actor"),
                SourceIp = Optional(o, "sourceIp"),
                UserAgent = Optional(o, "userAgent"),
                Action = Required(o, "action"),
                TargetType = Required(o, "targetType"),
                TargetId = Optional(o, "targetId"),
                Outcome = Required(o, "outcome"),
                Details = Optional(o, "details"),
                CorrelationId = Optional(o, "correlationId"),
                PrevHash = Required(o, "prevHash"),
                Hash = Required(o, "hash"),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new FormatException($"not a valid entry ({e.Message})", e);
        }
        var canonical = new ArrayBufferWriter<byte>(line.Length + 1);
        Write(canonical, entry);
        if (!canonical.WrittenSpan[..^1].SequenceEqual(line)) throw new FormatException("not in the form the portal writes (the line was edited)");
        return entry;
    }

    private static string Required(JsonElement o, string name) =>
        Optional(o, name) ?? throw new FormatException($"'{name}' is null");

    private static string? Optional(JsonElement o, string name)
    {
        var value = o.GetProperty(name);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetString();
    }

    public static string ToText(AuditEntry e)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(buffer, e);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
