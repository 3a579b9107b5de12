using Telco.InsightPortal.Core.Jobs;

namespace Telco.InsightPortal.Core.Tests.Jobs;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("0 2 * * *", "0 0 2 * * ?")]
    [InlineData("*/15 * * * *", "0 */15 * * * ?")]
    [InlineData("30 6 * * MON-FRI", "0 30 6 ? * MON-FRI")]
    [InlineData("0 0 3 1 * ?", "0 0 3 1 * ?")]
    [InlineData("  0/5 * * * * ?  ", "0/5 * * * * ?")]
    public void UnixAndQuartzFormsBecomeQuartzExpressions(string text, string quartz) =>
        Assert.Equal(quartz, CronSchedule.Normalize(text));

    [Fact]
    public void TheNextFireTimeIsInUtc()
    {
        var next = CronSchedule.Next(CronSchedule.Normalize("0 2 * * *"), new DateTimeOffset(2026, 12, 6, 19, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero), next);
    }

    [Theory]
    [InlineData("")]
    [InlineData("* * *")]
    [InlineData("0 0 0 31 2 ? 2020")]
    [InlineData("a b c d e")]
    [InlineData("99 * * * *")]
    [InlineData("0 25 * * *")]
    public void BadSchedulesAreRefusedWithAReason(string text) =>
        Assert.Equal("schedule", Assert.Throws<JobDefinitionException>(() => CronSchedule.Normalize(text)).Path);

    [Fact]
    public void RandomTextNeverThrowsAnythingButAJobDefinitionException()
    {
        var random = new Random(1206);
        const string alphabet = "0123456789*/?-,LW#ABCDEFGHIJKLMNOPQRSTUVWXYZ \t";
        for (var i = 0; i < 5_000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            try
            {
                var quartz = CronSchedule.Normalize(text);
                Assert.NotNull(CronSchedule.Next(quartz, DateTimeOffset.UtcNow));
            }
            catch (JobDefinitionException)
            {
            }
        }
    }
}
