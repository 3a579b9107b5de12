using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Security;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("short1!", "at least 12")]
    [InlineData("aaaaaaaaaaaaaaaa", "five different")]
    [InlineData("P@ssw0rd2024!", "too common")]
    [InlineData("Password123456", "too common")]
    [InlineData("qwertyuiop123", "too common")]
    [InlineData("monkeymonkeymonkey", "too common")]
    [InlineData("Welcome1Welcome1", "too common")]
    [InlineData("alice-is-the-best-1", "username")]
    public void WeakAndCommonPasswordsAreRefusedWithAReason(string password, string reason)
    {
        var problem = PasswordPolicy.Problem(password, "alice");

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Correct-Horse-Battery-9")]
    [InlineData("tundra otter violin 42")]
    public void LongUncommonPasswordsAreAccepted(string password) => Assert.Null(PasswordPolicy.Problem(password, "alice"));
}
