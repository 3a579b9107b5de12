using Telco.InsightPortal.Core.Dashboards;

namespace Telco.InsightPortal.Core.Tests.Dashboards;

/// <summary>Who gets what on a dashboard owned by ana and shared with BusinessUser (viewer) and with bob (editor).</summary>
public sealed class DashboardPermissionsTests
{
    private static readonly DashboardShare[] Shares =
        [new(DashboardShare.Role, "BusinessUser", DashboardAccess.Viewer), new(DashboardShare.User, "bob", DashboardAccess.Editor)];

    [Theory]
    [InlineData("ana", "Analyst", true, false, false, DashboardAccess.Owner)]
    [InlineData("ANA", "Analyst", true, false, false, DashboardAccess.Owner)]
    [InlineData("bob", "Analyst", true, false, false, DashboardAccess.Editor)]
    [InlineData("bob", "BusinessUser", false, false, false, DashboardAccess.Viewer)]
    [InlineData("bella", "BusinessUser", false, false, false, DashboardAccess.Viewer)]
    [InlineData("carl", "Analyst", true, false, false, DashboardAccess.None)]
    [InlineData("otto", "Auditor", false, true, false, DashboardAccess.Viewer)]
    [InlineData("adam", "Admin", true, true, true, DashboardAccess.Owner)]
    public void AccessFollowsOwnershipSharesAndRoles(string user, string role, bool canWrite, bool seesAll, bool managesAll, DashboardAccess expected)
    {
        var who = new DashboardUser(user, new HashSet<string> { role }, canWrite, seesAll, managesAll);

        Assert.Equal(expected, DashboardPermissions.For("ana", Shares, who));
    }
}
