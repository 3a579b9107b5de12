using System.Security.Cryptography;

namespace Telco.InsightPortal.TestSupport;

/// <summary>The settings of a portal instance started as a process of its own on a test store: the store, its data
/// folder, no demo data, fresh keys, and sign-in unthrottled for the test's clients.</summary>
public static class InstanceSettings
{
    public static Dictionary<string, string?> For(TestStore store) => new()
    {
        ["Store:Provider"] = store.Provider.ToString(),
        ["ConnectionStrings:Portal"] = store.ConnectionString,
        ["Portal:DataDir"] = store.Directory,
        ["Portal:Demo:Enabled"] = "false",
        ["Portal:Bootstrap:AdminPassword"] = PortalFactory.AdminPassword,
        ["Portal:Security:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Audit:CheckpointKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Auth:SignInPerMinute"] = "1000",
    };
}
