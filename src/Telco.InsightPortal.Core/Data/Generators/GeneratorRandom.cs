namespace Telco.InsightPortal.Core.Data.Generators;

/// <summary>Seed derivation and the few distributions the generators draw from.</summary>
internal static class GeneratorRandom
{
    /// <summary>
    /// One <see cref="Random"/> per (seed, batch, stream). The seeded constructor is used because its sequence is
    /// fixed across .NET versions; the seed is mixed first because <c>new Random(s)</c> and <c>new Random(-s)</c>
    /// would otherwise give the same rows.
    /// </summary>
    public static Random Create(int seed, long batch, ulong stream = 0) => new(DeriveSeed(seed, batch, stream));

    internal static int DeriveSeed(int seed, long batch, ulong stream)
    {
        var x = Mix64((ulong)(uint)seed + 0x9E3779B97F4A7C15UL);
        x = Mix64(x ^ (ulong)batch * 0xC2B2AE3D27D4EB4FUL);
        x = Mix64(x ^ stream * 0x165667B19E3779F9UL);
        return (int)(x >> 33);
    }

    /// <summary>The SplitMix64 finaliser: a cheap, well-mixing bijection on 64 bits.</summary>
    public static ulong Mix64(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Gaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>An index drawn in proportion to <paramref name="weights"/>, which need not sum to 1.</summary>
    public static int Pick(this Random random, ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        var target = random.NextDouble() * total;
        for (var i = 0; i < weights.Length - 1; i++)
        {
            target -= weights[i];
            if (target < 0) return i;
        }
        return weights.Length - 1;
    }

    public static double Logistic(double z) => 1.0 / (1.0 + Math.Exp(-z));
}
