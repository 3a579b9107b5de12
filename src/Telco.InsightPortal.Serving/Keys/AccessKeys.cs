using System.Security.Cryptography;
using System.Text;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Serving.Keys;

/// <summary>Deployment access keys: "tsk_" and 256 random bits, shown once; the store keeps only their SHA-256.
/// A key of that entropy needs no slow hash: nothing can be guessed from its digest.</summary>
public static class AccessKeys
{
    public const string Prefix = "tsk_";

    public static (string Secret, NewKey Stored) Create(string name)
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (secret, new NewKey(name, Hash(secret), secret[..12]));
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool LooksLikeKey(string secret) => secret.StartsWith(Prefix, StringComparison.Ordinal) && secret.Length is > 20 and < 128;
}
