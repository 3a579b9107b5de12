using System.Text;

namespace Telco.Apps.RoiThreshold.Tests;

/// <summary>Whatever arrives, the parser either returns usable predictions or throws its one documented exception.</summary>
public sealed class PredictionsFuzzTests
{
    private const string Valid = "row,id,label,probability\n1,\"a,b\",1,0.75\n2,c,0,0.125\n3,\"d\"\"e\nf\",1,1E-05\n";
    private const string CsvAlphabet = "01,.\"\r\n eE-+abcNaInfity\uFEFF\u00e9";

    [Fact]
    public void RandomBytesOnlyEverGiveAResultOrInvalidData()
    {
        var random = new Random(1);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            Check(() => HeldOutPredictions.Parse(new MemoryStream(bytes), maxRows: 1 + random.Next(20), maxLineLength: 1 + random.Next(200)));
        }
    }

    [Fact]
    public void RandomCsvLikeTextOnlyEverGivesAResultOrInvalidData()
    {
        var random = new Random(2);
        for (var i = 0; i < 3000; i++)
        {
            // Half the cases start from a valid header so the row checks are reached, not just the header's.
            var prefix = random.Next(2) == 0 ? "label,probability\n" : "";
            var chars = Enumerable.Range(0, random.Next(0, 120)).Select(_ => CsvAlphabet[random.Next(CsvAlphabet.Length)]);
            var text = prefix + string.Concat(chars);
            Check(() => HeldOutPredictions.Parse(new StringReader(text), maxRows: 1 + random.Next(20), maxLineLength: 1 + random.Next(100)));
        }
    }

    [Fact]
    public void MutationsOfAValidFileOnlyEverGiveAResultOrInvalidData()
    {
        var random = new Random(3);
        var results = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder(Valid);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length + 1);
                switch (random.Next(3))
                {
                    case 0 when at < text.Length: text.Remove(at, 1); break;
                    case 1 when at < text.Length: text[at] = CsvAlphabet[random.Next(CsvAlphabet.Length)]; break;
                    default: text.Insert(at, CsvAlphabet[random.Next(CsvAlphabet.Length)]); break;
                }
            }
            if (Check(() => HeldOutPredictions.Parse(new StringReader(text.ToString())))) results++;
        }
        // Small edits leave many files valid; if none parse, the fuzzing only ever reached the error paths.
        Assert.InRange(results, 1, 2999);
    }

    /// <summary>True when parsing succeeded (with sane contents), false on <see cref="InvalidDataException"/>; anything else fails the test.</summary>
    private static bool Check(Func<HeldOutPredictions> parse)
    {
        HeldOutPredictions predictions;
        try
        {
            predictions = parse();
        }
        catch (InvalidDataException)
        {
            return false;
        }
        Assert.True(predictions.Count > 0);
        Assert.Equal(predictions.Count, predictions.Labels.Count);
        Assert.All(predictions.Scores, s => Assert.InRange(s, 0.0, 1.0));
        Assert.Equal(predictions.Count, predictions.ToCurve().Count);
        return true;
    }
}
