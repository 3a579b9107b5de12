using System.Text;
using Telco.InsightPortal.Core.Data.Ingestion;

namespace Telco.InsightPortal.Core.Tests;

public sealed class CsvRecordReaderTests
{
    private static List<List<string>> ReadAll(string text) => ReadAll(Encoding.UTF8.GetBytes(text));

    private static List<List<string>> ReadAll(byte[] bytes)
    {
        using var reader = new CsvRecordReader(new MemoryStream(bytes));
        var records = new List<List<string>>();
        var fields = new List<string>();
        while (reader.Read(fields)) records.Add([.. fields]);
        return records;
    }

    [Fact]
    public void QuotedFieldsKeepCommasEscapedQuotesAndNewlines()
    {
        var records = ReadAll("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["x,1", "say \"hi\"", "two\nlines"], records[1]);
    }

    [Fact]
    public void ByteOrderMarkIsNotPartOfTheFirstHeader()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("id,v\n1,2\n")).ToArray();

        var records = ReadAll(bytes);

        Assert.Equal("id", records[0][0]);
    }

    [Fact]
    public void TrailingEmptyFieldAndBlankLinesAreHandled()
    {
        var records = ReadAll("a,b\n1,\n\n2,3");

        Assert.Equal([["a", "b"], ["1", ""], ["2", "3"]], records);
    }

    [Theory]
    [InlineData("a,b\n\"open,2\n", "never closed")]
    [InlineData("a,b\nx\"y,2\n", "quote appears inside an unquoted field")]
    [InlineData("a,b\n\"x\"y,2\n", "after a closing quote")]
    [InlineData("a,b\n1\0,2\n", "NUL byte")]
    public void MalformedFilesAreFormatErrors(string text, string expected)
    {
        var e = Assert.Throws<CsvFormatException>(() => ReadAll(text));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void InvalidUtf8IsAFormatError()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,").Concat(new byte[] { 0xC3, 0x28, 0x0A }).ToArray();

        var e = Assert.Throws<CsvFormatException>(() => ReadAll(bytes));

        Assert.Contains("not valid UTF-8", e.Message);
    }

    [Fact]
    public void OverLongFieldIsAFormatError()
    {
        using var reader = new CsvRecordReader(new MemoryStream(Encoding.UTF8.GetBytes("a\n" + new string('x', 5000))), maxFieldLength: 4096);
        var fields = new List<string>();
        reader.Read(fields);

        var e = Assert.Throws<CsvFormatException>(() => reader.Read(fields));

        Assert.Contains("longer than the limit", e.Message);
    }
}
