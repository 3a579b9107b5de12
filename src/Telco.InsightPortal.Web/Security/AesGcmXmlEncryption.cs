using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Telco.InsightPortal.Web.Security;

/// <summary>The key-encryption key protecting data-protection keys at rest. It lives outside the store
/// (configuration, or a file in the data folder), so a copy of the database alone cannot forge cookies.</summary>
public sealed class KeyEncryptionKey(byte[] key)
{
    public byte[] Key { get; } = key.Length == 32 ? key : throw new ArgumentException("The key-encryption key must be 32 bytes.");
}

public sealed class AesGcmXmlEncryptor(KeyEncryptionKey kek) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(kek.Key, tag.Length)) aes.Encrypt(nonce, plain, cipher, tag);
        var element = new XElement("aesGcm",
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(cipher)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

/// <summary>Activated by data protection through the service provider when a key is read back.</summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var kek = services.GetRequiredService<KeyEncryptionKey>();
        var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        var cipher = Convert.FromBase64String((string)encryptedElement.Element("value")!);
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(kek.Key, tag.Length)) aes.Decrypt(nonce, cipher, tag, plain);
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plain));
    }
}
