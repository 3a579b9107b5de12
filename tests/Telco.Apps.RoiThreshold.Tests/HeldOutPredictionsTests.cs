using System.Text;

namespace Telco.Apps.RoiThreshold.Tests;

public sealed class HeldOutPredictionsTests
{
    // Shaped like ArtifactWriter's output: \n endings, round-trip floats, an id quoted when it holds a comma, quote or line break.
    private const string Good =
        "row,id,label,probability\n" +
        "12,7590-VHVEG,1,0.8123457\n" +
        "40,\"5575,GNVDE\",0,0.1\n" +
        "41,\"say \"\"hi\"\"\nthere\",1,1E-05\n" +
        "57,,0,1\n";

    [Fact]
    public void AWellFormedFileYieldsEveryLabelAndScoreInOrder()
    {
        var predictions = HeldOutPredictions.Parse(new StringReader(Good));

        Assert.Equal(4, predictions.Count);
        Assert.Equal([true, false, true, false], predictions.Labels);
        Assert.Equal([0.8123457, 0.1, 1e-05, 1.0], predictions.Scores);
    }

    [Fact]
    public void AStreamWithAByteOrderMarkAndCrLfEndingsReadsTheSame()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Good.Replace("\n", "\r\n", StringComparison.Ordinal))).ToArray();

        var predictions = HeldOutPredictions.Parse(new MemoryStream(bytes));

        Assert.Equal([0.8123457, 0.1, 1e-05, 1.0], predictions.Scores);
    }

    [Fact]
    public void ColumnsAreFoundByNameInAnyOrder()
    {
        var predictions = HeldOutPredictions.Parse(new StringReader("probability,label\n0.25,1\n0.75,0\n"));

        Assert.Equal([0.25, 0.75], predictions.Scores);
        Assert.Equal([true, false], predictions.Labels);
    }

    [Fact]
    public void TheParsedFileBuildsACurve()
    {
        var curve = HeldOutPredictions.Parse(new StringReader(Good)).ToCurve();

        // ≥ 0.5: 0.8123457 (1) and 1 (0) → TP 1, FP 1; below: 0.1 (0), 1E-05 (1) → TN 1, FN 1.
        Assert.Equal(new ConfusionCounts(1, 1, 1, 1), curve.At(0.5));
    }

    [Theory]
    [InlineData("row,id,label,probability\n1,a,1,0.5\n2,b,1,0.5\n3,c,2,0.5\n", 4, "label")]
    [InlineData("row,id,label,probability\n1,a,1,0.5\n2,b,0,abc\n", 3, "probability")]
    [InlineData("row,id,label,probability\n1,a,1,0.5\n2,b,0,1.5\n", 3, "probability")]
    [InlineData("row,id,label,probability\n1,a,1,NaN\n", 2, "probability")]
    [InlineData("row,id,label,probability\n1,a,1,0.5\n2,b,0\n", 3, "fields")]
    [InlineData("row,id,label,probability\n1,a,1,0.5\n2,\"b,0,0.5\n", 3, "quoted")]
    [InlineData("row,id,label,probability\n1,a\"b,1,0.5\n", 2, "quote")]
    [InlineData("row,id,label,probability\n1,\"a\"b,1,0.5\n", 2, "quote")]
    // The quoted id spans lines 2–3, so the bad row after it is on line 4.
    [InlineData("row,id,label,probability\n1,\"a\nb\",1,0.5\n2,c,x,0.5\n", 4, "label")]
    public void ABadLineIsReportedByItsLineNumber(string text, int line, string about)
    {
        var error = Assert.Throws<InvalidDataException>(() => HeldOutPredictions.Parse(new StringReader(text)));

        Assert.StartsWith($"Line {line}:", error.Message);
        Assert.Contains(about, error.Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("row,id,label,probability\n", "no prediction rows")]
    [InlineData("row,id,score\n1,a,0.5\n", "header")]
    public void AFileWithoutUsableRowsSaysWhy(string text, string about) =>
        Assert.Contains(about, Assert.Throws<InvalidDataException>(() => HeldOutPredictions.Parse(new StringReader(text))).Message);

    [Fact]
    public void MoreRowsThanTheLimitAreRefusedAtTheFirstRowOver()
    {
        var text = "label,probability\n" + string.Concat(Enumerable.Repeat("1,0.5\n", 4));

        Assert.Equal(3, HeldOutPredictions.Parse(new StringReader("label,probability\n1,0.5\n0,0.5\n1,0.5\n"), maxRows: 3).Count);
        var error = Assert.Throws<InvalidDataException>(() => HeldOutPredictions.Parse(new StringReader(text), maxRows: 3));
        Assert.StartsWith("Line 5:", error.Message);
        Assert.Contains("more than 3", error.Message);
    }

    [Fact]
    public void AnEndlessLineStopsAtTheDefaultLengthLimitWithoutReadingTheRest()
    {
        var reader = new EndlessLineReader("row,id,label,probability\n1,");

        var error = Assert.Throws<InvalidDataException>(() => HeldOutPredictions.Parse(reader));

        Assert.StartsWith("Line 2:", error.Message);
        Assert.Contains("longer than", error.Message);
        // Read in 64K-character blocks, so stopping early means a few blocks at most, not the gigabyte on offer.
        Assert.True(reader.CharsRead < 1 << 20, $"read {reader.CharsRead:N0} characters");
    }

    [Fact]
    public void ALineOfExactlyTheMaximumLengthIsAccepted()
    {
        // Longer than the 17-character header, so the row is the line the limit bites on.
        var row = "1,0." + new string('5', 20);

        Assert.Equal(1, HeldOutPredictions.Parse(new StringReader("label,probability\n" + row + "\n"), maxLineLength: row.Length).Count);
        Assert.Throws<InvalidDataException>(() => HeldOutPredictions.Parse(new StringReader("label,probability\n" + row + "\n"), maxLineLength: row.Length - 1));
    }

    /// <summary>A prefix followed by a gigabyte of 'x' without a line break.</summary>
    private sealed class EndlessLineReader(string prefix) : TextReader
    {
        private const long Length = 1L << 30;
        public long CharsRead { get; private set; }

        public override int Read(char[] buffer, int index, int count)
        {
            var n = (int)Math.Min(count, Length - CharsRead);
            for (var i = 0; i < n; i++)
                buffer[index + i] = CharsRead + i < prefix.Length ? prefix[(int)(CharsRead + i)] : 'x';
            CharsRead += n;
            return n;
        }
    }
}
