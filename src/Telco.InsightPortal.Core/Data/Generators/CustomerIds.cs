namespace Telco.InsightPortal.Core.Data.Generators;

/// <summary>
/// Customer ids shaped like the IBM sample's ("7590-VHVEG": four digits, five capital letters). Row
/// <c>batch × MaxRows + row</c> is sent through a permutation of the id space keyed by the seed, so ids look
/// random yet never repeat within a seed, across every batch.
/// </summary>
internal sealed class CustomerIds(int seed)
{
    private const long LetterSpace = 26L * 26 * 26 * 26 * 26;
    internal const long Space = 10_000 * LetterSpace;
    private const int HalfBits = 19; // 2^38 is the smallest even power of two above Space
    private const ulong HalfMask = (1UL << HalfBits) - 1;
    private const int Rounds = 4;

    private readonly ulong _key = GeneratorRandom.Mix64((ulong)(uint)seed ^ 0x5DEECE66DUL);

    public string For(long batch, int row)
    {
        var value = Permute(batch * GeneratorRequest.MaxRows + row);
        return string.Create(10, value, static (chars, v) =>
        {
            var digits = v / LetterSpace;
            var letters = v % LetterSpace;
            for (var i = 3; i >= 0; i--, digits /= 10) chars[i] = (char)('0' + digits % 10);
            chars[4] = '-';
            for (var i = 9; i >= 5; i--, letters /= 26) chars[i] = (char)('A' + letters % 26);
        });
    }

    /// <summary>A Feistel network over 38 bits, cycle-walked until the result falls inside <see cref="Space"/>;
    /// both steps are bijections, so distinct inputs give distinct ids.</summary>
    internal long Permute(long index)
    {
        var x = (ulong)index;
        do x = Encrypt(x);
        while (x >= Space);
        return (long)x;
    }

    private ulong Encrypt(ulong x)
    {
        var left = x >> HalfBits;
        var right = x & HalfMask;
        for (ulong round = 0; round < Rounds; round++)
        {
            var f = GeneratorRandom.Mix64(right ^ _key ^ (round << 40)) & HalfMask;
            (left, right) = (right, left ^ f);
        }
        return (left << HalfBits) | right;
    }
}
