using System.Text;
using Telco.InsightPortal.Core.Dashboards;

namespace Telco.InsightPortal.Core.Tests.Dashboards;

/// <summary>Thousands of seeded specs, mutated from valid ones and pieced together at random: the parser and the
/// validator either accept them or refuse with a <see cref="ChartSpecException"/>, never anything else; and whatever is
/// accepted writes back to text that parses to the same spec.</summary>
public sealed class ChartSpecFuzzTests
{
    private const int Inputs = 5_000;

    private static readonly string[] Seeds =
    [
        ChartSpecParserTests.Full,
        """{"version":1,"source":{"kind":"snapshot","dataset":"d","snapshot":"latest"},"type":"histogram","x":{"field":"tenure","bin":{"width":10}},"group":"Contract"}""",
        """{"version":1,"source":{"kind":"snapshot","dataset":"d","snapshot":3},"type":"line","x":{"field":"signup_at","bin":{"unit":"week"}},"measures":[{"field":"MonthlyCharges","agg":"max"}],"sort":{"by":0,"desc":true},"limit":5}""",
        """{"version":1,"source":{"kind":"snapshot","dataset":"d"},"type":"table","filters":[{"field":"signup_at","op":"range","min":"2024-01-01","max":"2024-02-01"},{"field":"customerID","op":"eq","value":"A-1"}],"sort":{"by":"tenure"}}""",
        """{"version":1,"source":{"kind":"snapshot","dataset":"d"},"type":"kpi","measures":[{"agg":"count"},{"field":"Contract","agg":"count_distinct"}]}""",
        """{"version":1,"source":{"kind":"predictions","deployment":"p"},"type":"kpi","filters":[{"field":"signup_at","op":"last","value":7,"unit":"day"}],"compare":{"previous":7,"unit":"week"}}""",
        """{"version":1,"source":{"dataset":"d"},"type":"kpi","measures":[{"field":"tenure","agg":"sum"}],"compare":"previous_snapshot"}""",
        """{"version":1,"source":{"kind":"runs","experiment":"e"},"type":"bar","x":{"field":"Contract"},"filters":[{"field":"signup_at","op":"last","value":3,"unit":"month"}]}""",
    ];

    // Pieces that steer mutations into the corners: JSON punctuation, every word of the vocabulary, field names of
    // the test schema (one in the wrong case), odd numbers and characters that are not text.
    private static readonly string[] Pieces =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "false", "0", "-1", "1e308", "1e999", "3.5", "9223372036854775808",
        "\"version\"", "\"source\"", "\"type\"", "\"x\"", "\"bin\"", "\"width\"", "\"unit\"", "\"measures\"", "\"agg\"", "\"group\"", "\"filters\"",
        "\"op\"", "\"value\"", "\"values\"", "\"min\"", "\"max\"", "\"sort\"", "\"by\"", "\"desc\"", "\"limit\"", "\"title\"", "\"latest\"",
        "\"bar\"", "\"kpi\"", "\"table\"", "\"box\"", "\"pie\"", "\"heatmap\"", "\"count\"", "\"sum\"", "\"median\"", "\"in\"", "\"range\"", "\"null\"",
        "\"day\"", "\"month\"", "\"last\"", "\"compare\"", "\"previous\"", "\"previous_snapshot\"", "\"kind\"", "\"predictions\"", "\"runs\"", "\"deployment\"", "\"experiment\"", "3650", "3651", "\"tenure\"", "\"Contract\"", "\"contract\"", "\"MonthlyCharges\"", "\"signup_at\"", "\"customerID\"", "\"email\"",
        "\"'; DROP TABLE x; --\"", "\"2024-13-45\"", "\"2024-01-01T00:00:00Z\"", " ", "\n", "é", "🙂",
    ];

    [Fact]
    public void RandomSpecsAreAcceptedOrRefusedWithAChartSpecException()
    {
        var random = new Random(20261206);
        var accepted = 0;

        for (var i = 0; i < Inputs; i++)
        {
            var text = random.Next(4) == 0 ? Pieced(random) : Mutated(random, Seeds[random.Next(Seeds.Length)]);
            var pii = random.Next(2) == 0;
            try
            {
                var spec = ChartSpecParser.Parse(text);
                var written = ChartSpecWriter.Write(spec);
                Assert.Equal(written, ChartSpecWriter.Write(ChartSpecParser.Parse(written)));
                ChartSpecValidator.Validate(spec, ChartSpecValidatorTests.Schema, pii);
                accepted++;
            }
            catch (ChartSpecException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Path), $"input {i} was refused without a path");
                Assert.True(e.Message.Length < 400, $"input {i}: {e.Message.Length} characters of message");
            }
            catch (Exception e)
            {
                Assert.Fail($"input {i} threw {e.GetType().Name}: {e.Message}\n{text}");
            }
        }

        // The mutations are small enough that some specs survive, so the accepting path is fuzzed too.
        Assert.True(accepted > 50, $"only {accepted} accepted");
    }

    private static string Mutated(Random random, string seed)
    {
        var text = new StringBuilder(seed);
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = random.Next(text.Length + 1);
            switch (random.Next(4))
            {
                case 0 when text.Length > 0 && at < text.Length:
                    text.Remove(at, Math.Min(random.Next(1, 8), text.Length - at));
                    break;
                case 1:
                    text.Insert(at, Pieces[random.Next(Pieces.Length)]);
                    break;
                case 2:
                    // Replace one quoted word with another, which keeps the JSON valid and tests the vocabulary.
                    var start = seed.IndexOf('"', random.Next(seed.Length));
                    var end = start < 0 ? -1 : seed.IndexOf('"', start + 1);
                    if (end > 0 && end < text.Length) text.Remove(start, end - start + 1).Insert(start, Pieces[random.Next(19, Pieces.Length - 3)]);
                    break;
                default:
                    if (random.Next(50) == 0) text.Insert(at, new string('[', 40));
                    break;
            }
        }
        return text.ToString();
    }

    private static string Pieced(Random random)
    {
        var text = new StringBuilder();
        for (var n = random.Next(1, 40); n > 0; n--) text.Append(Pieces[random.Next(Pieces.Length)]);
        return text.ToString();
    }
}
