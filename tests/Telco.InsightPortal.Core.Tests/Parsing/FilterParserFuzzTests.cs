using System.Globalization;
using System.Text;
using Telco.InsightPortal.Core.Parsing;

namespace Telco.InsightPortal.Core.Tests.Parsing;

/// <summary>Thousands of seeded inputs, hostile and well-formed: the parser either returns a tree within its limits or
/// refuses with a <see cref="ParseException"/> that says why in a few hundred characters; and every filter written
/// from a random tree parses back to that tree.</summary>
public sealed class FilterParserFuzzTests
{
    private const int Inputs = 5_000;

    // Pieces that steer random text into the parser's corners: keywords, brackets, quotes of each kind, operators,
    // prefixes, numbers, and characters that are nothing (NUL, controls, a lone surrogate, a right-to-left mark).
    private static readonly string[] Pieces =
    [
        "(", ")", "((((", "))))", "'", "\"", "`", "''", ",", " ", "  ", "\t", "\n", "=", "!=", "<", "<=", ">", ">=", "!", "~", ";",
        "and", "OR", "not", "in", "like", "ILIKE", "metrics.", "tags.", "params.auc", "name", "run_id", "metrics.`a b`", "tags.\"k\"",
        "0", "-1.5", "1e308", "1e999", "+.", "-", "e", ".", "'x'' y'", "'rock and roll'", "\0", "\u0001", "\u001b", "\u007f",
        "\ud800", "\u200f", "é", "🙂", "%", "_", "\\", "/", ":",
    ];

    [Fact]
    public void RandomTextIsParsedOrRefusedWithAShortMessage()
    {
        var random = new Random(20261203);

        for (var i = 0; i < Inputs; i++)
        {
            var text = RandomText(random);
            foreach (var grammar in new[] { FilterParserTests.Prefixed, FilterParserTests.Bare })
            {
                try
                {
                    var tree = FilterParserTests.Parse(text, grammar);
                    Assert.True(tree is null || Depth(tree) <= 2 * (ParserLimits.Filter.MaxDepth + 1), $"input {i} nests too deep");
                }
                catch (ParseException e)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Message), $"input {i} was refused without a message");
                    Assert.True(e.Message.Length < 400, $"input {i}: {e.Message.Length} characters of message");
                }
            }
        }
    }

    [Fact]
    public void RandomOrderByClausesAreParsedOrRefused()
    {
        var random = new Random(7);

        for (var i = 0; i < Inputs; i++)
        {
            var clauses = Enumerable.Range(0, random.Next(1, 20)).Select(_ => RandomText(random, maxPieces: 8)).ToList();
            var refusal = Record.Exception(() => FilterParser.ParseOrderBy(clauses, FilterParserTests.Prefixed));
            Assert.True(refusal is null or ParseException, $"input {i}: {refusal}");
        }
    }

    [Fact]
    public void EveryFilterWrittenFromATreeParsesBackToThatTree()
    {
        var random = new Random(42);

        for (var i = 0; i < Inputs; i++)
        {
            var tree = RandomTree(random, depth: 0);
            var text = Write(tree, parent: null);

            var parsed = FilterParserTests.Parse(text, FilterParserTests.Prefixed);

            Assert.True(Describe(tree) == Describe(parsed!), $"input {i}: {text}");
        }
    }

    private static string RandomText(Random random, int maxPieces = 200)
    {
        var text = new StringBuilder();
        var pieces = random.Next(0, maxPieces);
        for (var p = 0; p < pieces; p++)
            text.Append(random.Next(4) == 0 ? (char)random.Next(0, 0x3000) : Pieces[random.Next(Pieces.Length)]);
        // Now and then a long run of one piece: deep brackets, a long quote, a long list.
        if (random.Next(20) == 0) text.Insert(random.Next(text.Length + 1), string.Concat(Enumerable.Repeat(Pieces[random.Next(Pieces.Length)], random.Next(1, 20_000))));
        return text.ToString();
    }

    private static FilterNode RandomTree(Random random, int depth)
    {
        if (depth >= 4 || random.Next(3) == 0) return RandomComparison(random);
        var terms = Enumerable.Range(0, random.Next(2, 4)).Select(_ => RandomTree(random, depth + 1)).ToList();
        return random.Next(2) == 0 ? new FilterAll(terms) : new FilterAny(terms);
    }

    private static FilterComparison RandomComparison(Random random)
    {
        string[] names = ["auc", "a.b", "log loss", "it's", "and", "x`y", "(", "é/ü:1"];
        var key = new FilterKey(random.Next(2) == 0 ? "metrics" : "tags", names[random.Next(names.Length)]);
        string[] ops = [FilterOperators.Equal, FilterOperators.NotEqual, FilterOperators.Less, FilterOperators.GreaterOrEqual, FilterOperators.Like, FilterOperators.ILike, FilterOperators.In, FilterOperators.NotIn];
        var op = ops[random.Next(ops.Length)];
        object Value() => random.Next(2) == 0
            ? Math.Round(random.NextDouble() * 2000 - 1000, random.Next(0, 4))
            : new[] { "rock and roll", "x' y", "a or (b", "\"", "", "%_", "in (1)", "\t\n\u0001" }[random.Next(8)];
        object value = op is FilterOperators.In or FilterOperators.NotIn ? Enumerable.Range(0, random.Next(1, 4)).Select(_ => Value()).ToList() : Value();
        return new FilterComparison(key, op, value, 0);
    }

    /// <summary>Writes a tree the way a person would: and/or groups inside another group get parentheses, keys and
    /// strings are quoted with their quotes doubled.</summary>
    private static string Write(FilterNode node, FilterNode? parent) => node switch
    {
        FilterAll all => Group(string.Join(" AND ", all.Terms.Select(t => Write(t, node))), parent),
        FilterAny any => Group(string.Join(" or ", any.Terms.Select(t => Write(t, node))), parent),
        FilterComparison c => $"{c.Key.Prefix}.`{c.Key.Name.Replace("`", "``")}` {c.Operator} {Value(c.Value)}",
        _ => throw new InvalidOperationException(),
    };

    private static string Group(string text, FilterNode? parent) => parent is null ? text : "(" + text + ")";

    private static string Value(object value) => value switch
    {
        IEnumerable<object> list => "(" + string.Join(", ", list.Select(Value)) + ")",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => "'" + s.Replace("'", "''") + "'",
        _ => throw new InvalidOperationException(),
    };

    private static string Describe(FilterNode node) => node switch
    {
        FilterAll all => "all[" + string.Join("; ", all.Terms.Select(Describe)) + "]",
        FilterAny any => "any[" + string.Join("; ", any.Terms.Select(Describe)) + "]",
        FilterComparison c => $"{c.Key.Prefix}|{c.Key.Name}|{c.Operator}|{Value(c.Value)}",
        _ => throw new InvalidOperationException(),
    };

    private static int Depth(FilterNode node) => node switch
    {
        FilterAll all => 1 + all.Terms.Max(Depth),
        FilterAny any => 1 + any.Terms.Max(Depth),
        _ => 0,
    };
}
