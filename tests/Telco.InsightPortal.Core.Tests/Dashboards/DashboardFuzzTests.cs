using Telco.InsightPortal.Core.Dashboards;

namespace Telco.InsightPortal.Core.Tests.Dashboards;

/// <summary>Thousands of drafts mutated from a valid one: each is accepted (and then writes back to a document that
/// reads the same) or refused with a <see cref="DashboardException"/> naming a path — never anything else.</summary>
public sealed class DashboardFuzzTests
{
    private static readonly string[] Pieces =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "0", "-1", "1e999", "13", "\"charts\"", "\"texts\"",
        "\"filters\"", "\"layout\"", "\"spec\"", "\"markdown\"", "\"values\"", "\"<script>alert(1)</script>\"", "\"'; DROP TABLE dashboards; --\"", "é",
    ];

    [Fact]
    public void RandomDraftsAreAcceptedOrRefusedWithADashboardException()
    {
        var random = new Random(20261206);
        var accepted = 0;
        for (var i = 0; i < 4_000; i++)
        {
            var text = JsonMutations.Mutated(random, DashboardDocumentParserTests.Full.Replace("SPEC", DashboardDocumentParserTests.Spec), Pieces);
            try
            {
                var draft = DashboardDocumentParser.ParseDraft(text);
                var written = DashboardDocumentWriter.Write(draft.Document);
                Assert.Equal(written, DashboardDocumentWriter.Write(DashboardDocumentParser.ParseDocument(written)));
                accepted++;
            }
            catch (DashboardException e)
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
