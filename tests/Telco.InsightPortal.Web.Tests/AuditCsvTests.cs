using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Web.Audit;

namespace Telco.InsightPortal.Web.Tests;

public sealed class AuditCsvTests
{
    [Theory]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("=1,2", "\"'=1,2\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("plain", "plain")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void CellNeutralisesFormulasAndQuotesPerRfc4180(string? value, string expected)
    {
        var cell = AuditCsv.Cell(value);

        Assert.Equal(expected, cell);
    }

    [Fact]
    public async Task ExportStreamsHeaderAndOneCrlfLinePerEntry()
    {
        var entries = new[]
        {
            new AuditEntry { Seq = 1, At = DateTimeOffset.UnixEpoch, Actor = "-bob", Action = "snapshot.commit", TargetType = "dataset", TargetId = "a,b", Outcome = "success", Details = "{\"x\":\"y\"}" },
        }.ToAsyncEnumerable();
        using var output = new MemoryStream();

        var count = await AuditCsv.WriteAsync(entries, output, CancellationToken.None);

        var text = System.Text.Encoding.UTF8.GetString(output.ToArray());
        Assert.Equal(1, count);
        Assert.Equal(AuditCsv.Header + "\r\n1,1970-01-01T00:00:00.0000000+00:00,'-bob,,,snapshot.commit,dataset,\"a,b\",success,\"{\"\"x\"\":\"\"y\"\"}\",,,\r\n", text);
    }
}
