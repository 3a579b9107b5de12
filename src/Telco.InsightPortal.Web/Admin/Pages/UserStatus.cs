using Telco.InsightPortal.Data.Security;

namespace Telco.InsightPortal.Web.Admin.Pages;

public static class UserStatus
{
    public static string Describe(UserRecord user, DateTimeOffset now) =>
        user.Disabled ? "disabled"
        : user.IsLockedAt(now) ? $"locked until {user.LockedUntil:yyyy-MM-dd HH:mm} UTC"
        : "active";
}
