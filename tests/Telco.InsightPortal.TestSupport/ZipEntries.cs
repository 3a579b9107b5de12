using System.IO.Compression;
using System.Text;

namespace Telco.InsightPortal.TestSupport;

/// <summary>Reads and changes files inside a zip held in memory: how the evidence pack tests tamper with a pack.</summary>
public static class ZipEntries
{
    public static byte[] Read(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var stream = (archive.GetEntry(name) ?? throw new InvalidOperationException($"The zip has no {name}.")).Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The same zip with <paramref name="from"/> replaced by <paramref name="to"/> in the text of file
    /// <paramref name="name"/> (which must contain it); every other file byte for byte.</summary>
    public static byte[] Replace(byte[] zip, string name, string from, string to)
    {
        using var input = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in input.Entries)
            {
                var bytes = Read(zip, entry.FullName);
                if (entry.FullName == name)
                {
                    var text = Encoding.UTF8.GetString(bytes);
                    Assert.Contains(from, text);
                    bytes = Encoding.UTF8.GetBytes(text.Replace(from, to));
                }
                using var write = archive.CreateEntry(entry.FullName).Open();
                write.Write(bytes);
            }
        return output.ToArray();
    }
}
