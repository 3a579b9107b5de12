using Telco.InsightPortal.Core.Parsing;

namespace Telco.InsightPortal.Core.Tests.Parsing;

public sealed class FilterParserTests
{
    internal static readonly FilterGrammar Prefixed = new(["metrics", "tags"], bareKeys: false, "a prefixed key");
    internal static readonly FilterGrammar Bare = new(["tags"], bareKeys: true, "a key");

    internal static FilterNode? Parse(string text, FilterGrammar? grammar = null) => FilterParser.Parse(text, grammar ?? Bare, c => c);

    [Fact]
    public void QuotedTextIsOneValueWhateverItHolds()
    {
        var tree = Parse("name = 'rock and roll' or name LIKE 'a or (b%' and tags.k = 'x'' y' or name = \"say \"\"hi\"\"\"");

        var any = Assert.IsType<FilterAny>(tree);
        Assert.Equal(3, any.Terms.Count);
        Assert.Equal("rock and roll", Assert.IsType<FilterComparison>(any.Terms[0]).Value);
        var all = Assert.IsType<FilterAll>(any.Terms[1]);
        Assert.Equal((FilterOperators.Like, "a or (b%"), (((FilterComparison)all.Terms[0]).Operator, ((FilterComparison)all.Terms[0]).Value));
        Assert.Equal((new FilterKey("tags", "k"), "x' y"), (((FilterComparison)all.Terms[1]).Key, ((FilterComparison)all.Terms[1]).Value));
        Assert.Equal("say \"hi\"", Assert.IsType<FilterComparison>(any.Terms[2]).Value);
    }

    [Theory]
    [InlineData("metrics.`log loss` < 0.3", "metrics", "log loss")]
    [InlineData("metrics.\"log loss\" < 0.3", "metrics", "log loss")]
    [InlineData("TAGS.`a``b` = 'x'", "TAGS", "a`b")]
    [InlineData("metrics.val/auc:1 < 0.3", "metrics", "val/auc:1")]
    [InlineData("metrics.a.b < 0.3", "metrics", "a.b")]
    public void KeysMayBeQuotedOrCarryDotsSlashesAndColons(string filter, string prefix, string name)
    {
        var comparison = Assert.IsType<FilterComparison>(Parse(filter, Prefixed));

        Assert.Equal(new FilterKey(prefix, name), comparison.Key);
    }

    [Theory]
    [InlineData("name IN ('a', \"b\")", FilterOperators.In)]
    [InlineData("name not in ('a')", FilterOperators.NotIn)]
    [InlineData("name iLike 'a%'", FilterOperators.ILike)]
    [InlineData("name != 'a'", FilterOperators.NotEqual)]
    [InlineData("name >= 1e3", FilterOperators.GreaterOrEqual)]
    public void OperatorsAreReadInAnyCase(string filter, string op)
    {
        Assert.Equal(op, Assert.IsType<FilterComparison>(Parse(filter)).Operator);
    }

    [Fact]
    public void NumbersAreDoublesAndListsKeepTheirOrder()
    {
        var comparison = Assert.IsType<FilterComparison>(Parse("metrics.auc in (1, -2.5, 3e-2, 'x')", Prefixed));

        Assert.Equal([1.0, -2.5, 0.03, "x"], Assert.IsAssignableFrom<IReadOnlyList<object>>(comparison.Value));
    }

    [Theory]
    [InlineData("tags.a = 'a' and and", "position 17: expected a prefixed key, got 'and'")]
    [InlineData("auc > 1", "position 0: expected a prefixed key, got 'auc'")]
    [InlineData("metrics. > 1", "position 8: expected a key after the prefix")]
    [InlineData("metrics.a ~ 1", "position 10: operator '~' is not supported")]
    [InlineData("metrics.a in (1, (2))", "position 17: expected a number or a quoted string")]
    [InlineData("metrics.a = 1 \u0001", "position 14: unexpected '\u0001'")]
    [InlineData("metrics.a = 'x\0y'", "position 14: NUL characters are not allowed")]
    [InlineData("metrics.a = `x`", "position 12: expected a number or a quoted string")]
    [InlineData("metrics.a = 'x", "position 14: unterminated ' quote")]
    [InlineData("name = 'a' or in = 'b'", "position 14: expected a key, got 'in'")]
    public void RefusalsNameThePositionAndWhatWasFound(string filter, string says)
    {
        var error = Assert.Throws<ParseException>(() => Parse(filter, filter.StartsWith("name") ? Bare : Prefixed));

        Assert.Contains(says, error.Message);
    }

    [Fact]
    public void UnpairedSurrogatesAreRefusedAndNotEchoed()
    {
        var error = Assert.Throws<ParseException>(() => Parse("name = 'x\ud800' or name = '🙂'"));

        Assert.Equal("Invalid filter 'name = 'x\uFFFD' or name = '🙂'' at position 9: an unpaired surrogate is not text.", error.Message);
    }

    [Fact]
    public void NestingPastTheLimitIsRefusedAtTheBracketThatPassesIt()
    {
        var limit = ParserLimits.Filter.MaxDepth;
        var within = new string('(', limit) + "name = 'a'" + new string(')', limit);
        var past = "name = 'a' or " + new string('(', 8_000) + "name = 'a'" + new string(')', 8_000);

        var parsed = Parse(within);
        var error = Assert.Throws<ParseException>(() => Parse(past));

        Assert.IsType<FilterComparison>(parsed);
        Assert.Equal(14 + limit, error.Position);
        Assert.Contains($"brackets nest deeper than the limit of {limit}", error.Message);
    }

    [Fact]
    public void TextPastTheLengthLimitIsRefusedBeforeParsingAndNotEchoed()
    {
        var text = "name = '" + new string('(', 1 << 20) + "'";

        var error = Assert.Throws<ParseException>(() => Parse(text));

        Assert.Equal("Invalid filter: it is 1,048,585 characters long; the limit is 16,384.", error.Message);
    }

    [Fact]
    public void LongRefusedTextIsEchoedAsAWindowAroundThePosition()
    {
        var text = "name = '" + new string('a', 10_000) + "' xor name = 'b'";

        var error = Assert.Throws<ParseException>(() => Parse(text));

        Assert.Contains("at position 10010: unexpected 'xor'", error.Message);
        Assert.StartsWith("Invalid filter '…aaaa", error.Message);
        Assert.Contains("aaaa' xor name = 'b'' at position", error.Message);
        Assert.True(error.Message.Length < 250, error.Message);
    }

    [Fact]
    public void OrderByReadsKeyAndDirectionAndRefusesMore()
    {
        var orders = FilterParser.ParseOrderBy(["metrics.auc DESC", "tags.`a b`", " metrics.f1 asc "], Prefixed);
        var extra = Assert.Throws<ParseException>(() => FilterParser.ParseOrderBy(["metrics.auc DESC x"], Prefixed));
        var direction = Assert.Throws<ParseException>(() => FilterParser.ParseOrderBy(["metrics.auc UP"], Prefixed));

        Assert.Equal([new FilterOrder(new("metrics", "auc"), false), new FilterOrder(new("tags", "a b"), true), new FilterOrder(new("metrics", "f1"), true)], orders);
        Assert.Contains("Invalid order_by clause 'metrics.auc DESC x' at position 17: unexpected 'x' after the direction", extra.Message);
        Assert.Contains("the direction must be ASC or DESC, got 'UP'", direction.Message);
    }
}
