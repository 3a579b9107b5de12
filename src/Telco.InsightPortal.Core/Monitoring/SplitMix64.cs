namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>A small seeded generator for the Monte-Carlo bands. System.Random with a seed runs its .NET Framework
/// compatible algorithm, several times slower than this, and the band simulation draws 200 labels per row; the
/// output is fixed by the seed on every platform and runtime version.</summary>
internal struct SplitMix64(long seed)
{
    private ulong _state = (ulong)seed;

    /// <summary>A uniform double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
