using Microsoft.Extensions.Options;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Datasets;

/// <summary>Everything that turns bytes into a snapshot goes through here: uploads from the UI and the
/// API, and generated batches, which are rendered as CSV so they take exactly the upload's path.</summary>
public sealed class DatasetIngestService(SnapshotWriter writer, DatasetStore store, PortalPaths paths,
    IOptions<PortalOptions> options, IngestLimits limits)
{
    public long MaxUploadBytes => options.Value.Upload.MaxBytes;

    public Task<SpooledUpload> SpoolAsync(Stream source, IProgress<long>? progress, CancellationToken ct) =>
        SpooledUpload.WriteAsync(source, paths.Uploads, MaxUploadBytes, progress, ct);

    /// <summary>Proposes a schema from a spooled file for review before a new dataset is created.</summary>
    public SchemaProposal ProposeSchema(SpooledUpload upload)
    {
        using var stream = upload.OpenRead();
        return SchemaProposal.Read(stream, limits);
    }

    public async Task<IngestResult> IngestAsync(string dataset, SpooledUpload upload, IngestOptions ingest, CancellationToken ct)
    {
        await using var stream = upload.OpenRead();
        return await writer.IngestAsync(dataset, stream, ingest, ct);
    }

    public async Task<IngestResult> GenerateAsync(string datasetName, string generatorName, GeneratorRequest request, Who actor, CancellationToken ct)
    {
        var generator = GeneratorCatalog.BuiltIn.Find(generatorName);
        if (generator is null)
            return IngestResult.Fail(IngestFailure.BadRequest,
                $"Unknown generator '{generatorName}'; known: {string.Join(", ", GeneratorCatalog.BuiltIn.All.Select(g => g.Name))}.");
        var dataset = await store.GetAsync(datasetName, ct);
        if (dataset is not null && dataset.Generator != generator.Name)
            return IngestResult.Fail(IngestFailure.BadRequest,
                $"Dataset '{datasetName}' is not fed by the '{generator.Name}' generator" +
                (dataset.Generator is null ? "." : $"; it uses '{dataset.Generator}'."));
        // Each batch of a dataset draws new ids, so appends never repeat a customer.
        var batch = dataset is null ? 0 : (await store.SnapshotsAsync(dataset.Id, ct)).Count;
        await using var csv = new GeneratorCsvStream(generator, request with { Batch = batch });
        return await writer.IngestAsync(datasetName, csv, new IngestOptions
        {
            Actor = actor,
            Generator = generator.Name,
            Schema = generator.Schema,
            Source = $"generator:{generator.Name} rows={request.Rows} seed={request.Seed} drift={request.Drift:0.##} batch={batch}",
        }, ct);
    }
}

/// <summary>A proposed schema for a new dataset, or the reason the file cannot be read.</summary>
public sealed record SchemaProposal(DatasetSchema? Schema, string? Error, long SampleRows)
{
    public static SchemaProposal Read(Stream stream, IngestLimits limits)
    {
        try
        {
            using var reader = new CsvRecordReader(stream, limits.MaxFieldLength);
            var header = new List<string>();
            if (!reader.Read(header)) return new SchemaProposal(null, "The file is empty: expected a header line and at least one data row.", 0);
            HeaderMap.CheckHeader(header, expectedColumns: 0);
            var sample = new List<IReadOnlyList<string>>();
            var record = new List<string>();
            while (sample.Count < limits.InferenceSampleRows && reader.Read(record)) sample.Add(record.ToArray());
            if (sample.Count == 0) return new SchemaProposal(null, "The file has a header but no data rows.", 0);
            var schema = SchemaInference.Infer(header, sample);
            var problems = schema.Validate();
            return problems.Count > 0 ? new SchemaProposal(null, string.Join(" ", problems), sample.Count) : new SchemaProposal(schema, null, sample.Count);
        }
        catch (CsvFormatException e)
        {
            return new SchemaProposal(null, e.Message, 0);
        }
    }
}
