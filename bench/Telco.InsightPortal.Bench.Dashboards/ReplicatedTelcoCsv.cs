using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace Telco.InsightPortal.Bench.Dashboards;

/// <summary>
/// The IBM sample (../shared/data, never copied into the repository) repeated to any number of rows, as a CSV upload
/// stream: row i is sample row i mod n, so the categories keep their real mix (contract, internet, payment, churn), with
/// its own customer id and its charges moved by up to ±5 %, so copies are not identical rows. Rendered on a
/// background task into a pipe, a line at a time, so a million rows never sit in memory.
/// </summary>
internal static class ReplicatedTelcoCsv
{
    private const int CustomerId = 0;
    private const int MonthlyCharges = 18;
    private const int TotalCharges = 19;

    public static Stream Open(string samplePath, long rows)
    {
        var lines = File.ReadAllLines(samplePath);
        var header = lines[0];
        // The sample has no quoted fields (checked: no '"' in the file), so a plain split reads it.
        var sample = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var pipe = new Pipe();
        _ = Task.Run(async () =>
        {
            try
            {
                await using var writer = new StreamWriter(pipe.Writer.AsStream(), new UTF8Encoding(false), 1 << 16);
                await writer.WriteAsync(header + "\n");
                for (long i = 0; i < rows; i++) await writer.WriteAsync(Render(sample[i % sample.Length], i, i / sample.Length));
                await writer.FlushAsync();
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception e)
            {
                await pipe.Writer.CompleteAsync(e);
            }
        });
        return pipe.Reader.AsStream();
    }

    private static string Render(string[] source, long i, long copy)
    {
        var fields = (string[])source.Clone();
        var factor = 0.95 + (i * 2654435761L % 1001) / 10_000.0; // 0.95 … 1.05, spread evenly over the copies
        fields[CustomerId] = string.Create(CultureInfo.InvariantCulture, $"{source[CustomerId]}-{copy:D3}");
        fields[MonthlyCharges] = Scale(source[MonthlyCharges], factor);
        // A blank total (tenure 0) stays blank: ingestion must still see that quirk.
        if (!string.IsNullOrWhiteSpace(source[TotalCharges])) fields[TotalCharges] = Scale(source[TotalCharges], factor);
        return string.Join(',', fields) + "\n";
    }

    private static string Scale(string value, double factor) =>
        Math.Round(double.Parse(value, CultureInfo.InvariantCulture) * factor, 2).ToString("R", CultureInfo.InvariantCulture);
}
