using Telco.InsightPortal.Core.Evidence;

namespace Telco.InsightPortal.Verifier;

/// <summary>The command line: <c>telco-verify pack.zip [--key FINGERPRINT]</c>. Exit code 0 and "verified" when every
/// check passes; 1 and the first entry or file that does not verify; 2 when the command cannot run (usage, no file).</summary>
public static class VerifierCommand
{
    public const int Verified = 0;
    public const int Rejected = 1;
    public const int Usage = 2;

    private const string Help = """
        usage: dotnet run --project src/Telco.InsightPortal.Verifier -- <pack.zip> [--key <fingerprint>]

        Checks an evidence pack offline: every audit entry's hash and link, the checkpoint's signature and that the
        chain reaches it, the manifest's audit entry, and every file against the manifest.
        --key  the SHA-256 fingerprint of the portal's checkpoint public key, obtained by another channel
               (GET /api/v1/audit/public-key, or from the portal's operator). Without it the key inside the
               pack is used and its fingerprint printed for you to compare.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string? path = null, key = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--key" && i + 1 < args.Length) key = args[++i];
            else if (args[i] is "-h" or "--help") return Fail(error, null);
            else if (path is null && !args[i].StartsWith("--", StringComparison.Ordinal)) path = args[i];
            else return Fail(error, $"unexpected argument '{args[i]}'");
        }
        if (path is null) return Fail(error, "name the pack to verify");
        if (!File.Exists(path)) return Fail(error, $"no such file: {path}");

        PackVerification result;
        using (var stream = File.OpenRead(path)) result = PackVerifier.Verify(stream, key);
        if (result.Ok)
        {
            output.WriteLine(result.Message);
            return Verified;
        }
        error.WriteLine($"NOT VERIFIED: {result.Message}");
        return Rejected;
    }

    private static int Fail(TextWriter error, string? problem)
    {
        if (problem is not null) error.WriteLine($"error: {problem}");
        error.WriteLine(Help);
        return Usage;
    }
}
