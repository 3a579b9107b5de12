namespace Telco.InsightPortal.Core.Tests;

/// <summary>Random damage to a valid document for the parsers' fuzz tests: one to three deletions, insertions or
/// replacements by pieces chosen to reach the parser's edges.</summary>
internal static class JsonMutations
{
    public static string Mutated(Random random, string seed, IReadOnlyList<string> pieces)
    {
        var text = seed;
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = random.Next(text.Length);
            text = random.Next(3) switch
            {
                0 => text.Remove(at, Math.Min(random.Next(1, 6), text.Length - at)),
                1 => text.Insert(at, pieces[random.Next(pieces.Count)]),
                _ => text.Remove(at, 1).Insert(at, pieces[random.Next(pieces.Count)]),
            };
        }
        return text;
    }
}
