using System.Security.Cryptography;

namespace Telco.InsightPortal.Web.Security;

/// <summary>A secret that must live outside the store: taken from configuration (base64) when set, else
/// created once in a file readable only by the portal's user, so a first run needs no set-up.</summary>
public static class SecretFile
{
    public static byte[] LoadOrCreate(string? configured, string settingName, string path, int bytes, ILogger log)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var key = Convert.TryFromBase64String(configured, new byte[configured.Length], out var n) ? Convert.FromBase64String(configured) : null;
            if (key is null || n < bytes) throw new InvalidOperationException($"{settingName} must be base64 of at least {bytes} random bytes.");
            return key[..bytes];
        }
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim())[..bytes];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var created = RandomNumberGenerator.GetBytes(bytes);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(path, options))
        using (var writer = new StreamWriter(file)) writer.Write(Convert.ToBase64String(created));
        log.LogWarning("{Setting} is not set; created a key in {Path}. Set it from a secret store in production, and share it between instances.",
            settingName, path);
        return created;
    }
}
