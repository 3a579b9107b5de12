namespace Telco.Apps.ChurnExplorer.Tests;

public sealed class AtRiskCsvTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"a,b\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\"")]
    [InlineData("a=1", "a=1")]
    [InlineData("Fiber optic", "Fiber optic")]
    [InlineData("", "")]
    public void TextThatASpreadsheetWouldRunGetsAnApostropheAndQuotingFollowsRfc4180(string text, string field) =>
        Assert.Equal($"x\r\n{field}\r\n", Csv(["x"], new Dictionary<string, object?> { ["x"] = text }));

    [Fact]
    public void NumbersStayNumbersWhateverTheCulture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var row = new Dictionary<string, object?> { ["a"] = -3.5, ["b"] = 1234567L, ["c"] = -0.25m, ["d"] = null, ["e"] = 0.1f };

            Assert.Equal("a,b,c,d,e\r\n-3.5,1234567,-0.25,,0.1\r\n", Csv(["a", "b", "c", "d", "e"], row));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void HeadersAreEscapedAndMissingColumnsAreEmpty()
    {
        var rows = new[]
        {
            new Dictionary<string, object?> { ["customerID"] = "7590-VHVEG", ["note"] = "said \"bye\",\nthen left" },
            new Dictionary<string, object?> { ["customerID"] = "5575-GNVDE" },
        };

        var csv = Csv(["customerID", "=note", "note"], rows);

        Assert.Equal("customerID,'=note,note\r\n7590-VHVEG,,\"said \"\"bye\"\",\nthen left\"\r\n5575-GNVDE,,\r\n", csv);
    }

    private static string Csv(IReadOnlyList<string> columns, params IReadOnlyDictionary<string, object?>[] rows)
    {
        var writer = new StringWriter();
        AtRiskCsv.Write(writer, columns, rows);
        return writer.ToString();
    }
}
