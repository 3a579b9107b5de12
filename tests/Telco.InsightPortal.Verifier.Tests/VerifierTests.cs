using System.Text;
using Telco.InsightPortal.Core.Evidence;

namespace Telco.InsightPortal.Verifier.Tests;

public sealed class VerifierTests
{
    [Fact]
    public void AnUntouchedPackVerifiesWithExitCodeZero()
    {
        var pack = TestPack.Create();
        var path = Save(pack.Zip());

        var (code, output, error) = Run(path, "--key", pack.Key.PublicKey.Fingerprint);

        Assert.Equal(VerifierCommand.Verified, code);
        Assert.StartsWith("verified", output);
        Assert.Contains("the key you gave", output);
        Assert.Equal("", error);
    }

    [Fact]
    public void OneByteOfOneEntryChangedIsRejectedNamingThatEntry()
    {
        var zip = TestPack.Build();
        // Entry 12 is about the version: change one letter of its action ("model.version.stage" → "model.version.stagf").
        var changed = TestPack.Replace(zip, PackLayout.Entries, bytes => ChangeInLine(bytes, "\"seq\":12,", "stage\"", "stagf\""));

        var (code, _, error) = Run(Save(changed));

        Assert.Equal(VerifierCommand.Rejected, code);
        Assert.Contains("NOT VERIFIED: entry 12 (model.version.stagf): hash mismatch", error);
    }

    [Fact]
    public void AnEditTheHashCannotSeeIsStillNamed()
    {
        var zip = TestPack.Build();
        // "é" written as \u00e9 instead of \u00E9 decodes to the same text, so the hash is unchanged; the bytes are not.
        var changed = TestPack.Replace(zip, PackLayout.Entries, bytes => ChangeInLine(bytes, "\"seq\":7,", "\\u00E9", "\\u00e9"));

        var (code, _, error) = Run(Save(changed));

        Assert.Equal(VerifierCommand.Rejected, code);
        Assert.Contains("entry 7: not in the form the portal writes", error);
    }

    [Fact]
    public void AnUppercasedAnchorHashIsRejected()
    {
        var zip = TestPack.Build();
        // The first line's prev_hash is not linked to a line before it; its hex in another case would hash the same.
        var changed = TestPack.Replace(zip, PackLayout.Entries, bytes =>
        {
            var text = Encoding.UTF8.GetString(bytes);
            var at = text.IndexOf("\"prevHash\":\"", StringComparison.Ordinal) + 12;
            return Encoding.UTF8.GetBytes(text[..at] + text.Substring(at, 64).ToUpperInvariant() + text[(at + 64)..]);
        });

        var (code, _, error) = Run(Save(changed));

        Assert.Equal(VerifierCommand.Rejected, code);
        Assert.Contains("entry 3 (model.version.stage): prev_hash is not a lowercase SHA-256", error);
    }

    [Fact]
    public void ATamperedCheckpointSignatureIsRejected()
    {
        var zip = TestPack.Build();
        var changed = TestPack.Replace(zip, PackLayout.Checkpoint, bytes =>
        {
            var text = Encoding.UTF8.GetString(bytes);
            var at = text.IndexOf("\"signature\": \"", StringComparison.Ordinal) + 14;
            return Encoding.UTF8.GetBytes(text[..at] + (text[at] == '0' ? '1' : '0') + text[(at + 1)..]);
        });

        var (code, _, error) = Run(Save(changed));

        Assert.Equal(VerifierCommand.Rejected, code);
        Assert.Contains("audit/checkpoint.json: checkpoint signature invalid", error);
    }

    [Fact]
    public void APackSignedWithAnotherKeyIsRejectedWhenTheKeyIsPinned()
    {
        var zip = TestPack.Build();

        var (code, _, error) = Run(Save(zip), "--key", TestPack.Create().Key.PublicKey.Fingerprint);

        Assert.Equal(VerifierCommand.Rejected, code);
        Assert.Contains("audit/public-key.pem: is not the key you trust", error);
    }

    [Fact]
    public void AChangedEvidenceDocumentIsRejectedNamingTheFile()
    {
        var zip = TestPack.Build();
        var changed = TestPack.Replace(zip, PackLayout.Document, bytes =>
            Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("\"roc_auc\"", "\"roc_auX\"")));

        var (code, _, error) = Run(Save(changed));

        Assert.Equal(VerifierCommand.Rejected, code);
        Assert.Contains("evidence.json: its SHA-256 is", error);
    }

    [Fact]
    public void AManifestRewrittenToMatchAChangedDocumentIsRejected()
    {
        var pack = TestPack.Create();
        var zip = pack.Zip();
        // The forger edits the document and updates the manifest's digest: the manifest no longer matches its audit entry.
        var document = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(TestPack.Read(zip, PackLayout.Document)).Replace("0.84", "0.94"));
        var manifest = Encoding.UTF8.GetString(TestPack.Read(zip, PackLayout.Manifest))
            .Replace(EvidenceManifest.Sha256(TestPack.Read(zip, PackLayout.Document)), EvidenceManifest.Sha256(document));
        var changed = TestPack.Replace(TestPack.Replace(zip, PackLayout.Document, _ => document), PackLayout.Manifest, _ => Encoding.UTF8.GetBytes(manifest));

        var (code, _, error) = Run(Save(changed));

        Assert.Equal(VerifierCommand.Rejected, code);
        Assert.Contains("manifest.json: no 'evidence.pack' audit entry in the chain records its SHA-256", error);
    }

    [Fact]
    public void ADroppedLeadingEntryThatTheDocumentCitesIsRejected()
    {
        var zip = TestPack.Build();
        var changed = TestPack.Replace(zip, PackLayout.Entries, bytes => bytes[(Array.IndexOf(bytes, (byte)'\n') + 1)..]);

        var (code, _, error) = Run(Save(changed));

        Assert.Equal(VerifierCommand.Rejected, code);
        Assert.Contains("entry 3 (model.version.stage): cited by evidence.json but missing from audit/entries.jsonl", error);
    }

    [Fact]
    public void ATruncatedChainThatStopsShortOfTheCheckpointIsRejected()
    {
        var zip = TestPack.Build();
        var changed = TestPack.Replace(zip, PackLayout.Entries, bytes => bytes[..(Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2) + 1)]);

        var (code, _, error) = Run(Save(changed));

        Assert.Equal(VerifierCommand.Rejected, code);
        Assert.Contains("audit/entries.jsonl: ends at entry 32, not at the signed checkpoint (seq 33)", error);
    }

    [Fact]
    public void GarbageAndTruncatedFilesGiveAClearErrorAndNoCrash()
    {
        var zip = TestPack.Build();

        var garbage = Run(Save(Encoding.UTF8.GetBytes("this is not a zip")));
        var truncated = Run(Save(zip[..(zip.Length / 2)]));
        var missing = Run(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".zip"));
        var usage = Run();

        Assert.Equal((VerifierCommand.Rejected, true), (garbage.Code, garbage.Error.Contains("NOT VERIFIED: the pack: not a readable zip archive")));
        Assert.Equal(VerifierCommand.Rejected, truncated.Code);
        Assert.StartsWith("NOT VERIFIED: ", truncated.Error);
        Assert.Equal((VerifierCommand.Usage, true), (missing.Code, missing.Error.Contains("no such file")));
        Assert.Equal((VerifierCommand.Usage, true), (usage.Code, usage.Error.Contains("name the pack")));
    }

    [Fact]
    public void AnExtraFileInThePackIsRejected()
    {
        var zip = TestPack.Build();
        using var stream = new MemoryStream();
        stream.Write(zip);
        using (var archive = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        using (var extra = archive.CreateEntry("audit/also-trust-me.txt").Open()) extra.Write("hello"u8);

        var (code, _, error) = Run(Save(stream.ToArray()));

        Assert.Equal(VerifierCommand.Rejected, code);
        Assert.Contains("audit/also-trust-me.txt: is not part of an evidence pack", error);
    }

    [Fact]
    public void TheHtmlEncodesEveryUserValue()
    {
        var zip = TestPack.Build();

        var html = Encoding.UTF8.GetString(TestPack.Read(zip, PackLayout.Html));

        Assert.Contains("Rank customers by churn risk &lt;b&gt;for retention offers&lt;/b&gt;", html);
        Assert.Contains("rita &lt;script&gt;", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("@media print", html);
    }

    internal static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = VerifierCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    internal static string Save(byte[] zip)
    {
        var path = Path.Combine(Path.GetTempPath(), "telco-verifier-tests", Guid.NewGuid().ToString("N") + ".zip");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, zip);
        return path;
    }

    /// <summary>Replaces <paramref name="from"/> with <paramref name="to"/> in the one line that contains <paramref name="marker"/>.</summary>
    private static byte[] ChangeInLine(byte[] bytes, string marker, string from, string to)
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.True(index >= 0 && lines[index].Contains(from, StringComparison.Ordinal), $"no line with {marker} and {from}");
        lines[index] = lines[index].Replace(from, to);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }
}
