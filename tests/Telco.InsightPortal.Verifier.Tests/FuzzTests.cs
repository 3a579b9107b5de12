using System.Buffers.Binary;
using Telco.InsightPortal.Core.Evidence;

namespace Telco.InsightPortal.Verifier.Tests;

public sealed class FuzzTests
{
    [Fact]
    public void RandomMutationsOfTheZipEitherVerifyOrAreRejectedWithAMessage()
    {
        var zip = TestPack.Build(12);
        var random = new Random(20261206);
        var rejected = 0;

        for (var i = 0; i < 400; i++)
        {
            var mutated = Mutate(zip, random);
            var result = PackVerifier.Verify(new MemoryStream(mutated));
            if (result.Ok) continue;
            rejected++;
            Assert.False(string.IsNullOrWhiteSpace(result.FirstBad), $"mutation {i}: no subject in '{result.Message}'");
            Assert.False(string.IsNullOrWhiteSpace(result.Message));
        }

        // Most mutations land in compressed data or headers that the zip's CRCs catch; the point is that none crashed.
        Assert.True(rejected > 300, $"only {rejected} of 400 mutations were rejected");
    }

    [Fact]
    public void EveryByteFlipOfTheChainFileIsRejected()
    {
        var zip = TestPack.Build(6);
        var lines = TestPack.Read(zip, PackLayout.Entries);
        var random = new Random(7);

        for (var i = 0; i < 200; i++)
        {
            var position = random.Next(lines.Length);
            var mutated = TestPack.Replace(zip, PackLayout.Entries, bytes =>
            {
                var copy = (byte[])bytes.Clone();
                copy[position] ^= (byte)(1 << random.Next(8));
                return copy;
            });
            var result = PackVerifier.Verify(new MemoryStream(mutated));
            Assert.False(result.Ok, $"a flip at byte {position} of entries.jsonl verified");
        }
    }

    private static byte[] Mutate(byte[] zip, Random random)
    {
        var copy = (byte[])zip.Clone();
        switch (random.Next(4))
        {
            case 0:
                copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                return copy;
            case 1:
                return copy[..random.Next(copy.Length)];
            case 2:
                BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(random.Next(copy.Length - 4)), random.Next());
                return copy;
            default:
                var garbage = new byte[random.Next(1, 64)];
                random.NextBytes(garbage);
                var at = random.Next(copy.Length);
                return [.. copy[..at], .. garbage, .. copy[at..]];
        }
    }
}
