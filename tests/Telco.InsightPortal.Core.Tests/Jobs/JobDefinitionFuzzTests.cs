using Telco.InsightPortal.Core.Jobs;

namespace Telco.InsightPortal.Core.Tests.Jobs;

/// <summary>Thousands of definitions mutated from the demo pipeline: each is accepted (and writes back to text that
/// reads the same) or refused with a <see cref="JobDefinitionException"/> naming a path — never anything else.</summary>
public sealed class JobDefinitionFuzzTests
{
    private static readonly string[] Pieces =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "0", "-1", "1e999", "\"$\"", "\"$train.\"",
        "\"$ingest.rows\"", "\"steps\"", "\"when\"", "\"op\"", "\">=\"", "\"* * * * *\"", "\"'; DROP TABLE jobs; --\"", "é", "\"pipeline\"",
    ];

    [Fact]
    public void RandomDefinitionsAreAcceptedOrRefusedWithAJobDefinitionException()
    {
        var random = new Random(20261206);
        var accepted = 0;
        for (var i = 0; i < 4_000; i++)
        {
            var text = JsonMutations.Mutated(random, JobDefinitionParserTests.Pipeline, Pieces);
            try
            {
                var written = JobDefinitionWriter.Write(JobDefinitionParser.Parse(text));
                Assert.Equal(written, JobDefinitionWriter.Write(JobDefinitionParser.Parse(written)));
                accepted++;
            }
            catch (JobDefinitionException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Path), $"input {i} was refused without a path");
            }
            catch (Exception e)
            {
                Assert.Fail($"input {i} threw {e.GetType().Name}: {e.Message}\n{text}");
            }
        }
        Assert.InRange(accepted, 50, 3_950);
    }
}
