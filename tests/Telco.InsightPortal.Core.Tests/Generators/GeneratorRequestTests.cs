using Telco.InsightPortal.Core.Data.Generators;

namespace Telco.InsightPortal.Core.Tests.Generators;

public sealed class GeneratorRequestTests
{
    public static TheoryData<GeneratorRequest, string, string> InvalidRequests => new()
    {
        { new GeneratorRequest(0, 1), "Rows", "Rows must be between 1 and 10,000,000." },
        { new GeneratorRequest(10_000_001, 1), "Rows", "Rows must be between 1 and 10,000,000." },
        { new GeneratorRequest(10, 1, Drift: -0.1), "Drift", "Drift must be between 0 (no drift) and 1 (full drift)." },
        { new GeneratorRequest(10, 1, Drift: 1.5), "Drift", "Drift must be between 0 (no drift) and 1 (full drift)." },
        { new GeneratorRequest(10, 1, Drift: double.NaN), "Drift", "Drift must be between 0 (no drift) and 1 (full drift)." },
        { new GeneratorRequest(10, 1, Batch: -1), "Batch", "Batch must be between 0 and 10,000." },
        { new GeneratorRequest(10, 1, Batch: 10_001), "Batch", "Batch must be between 0 and 10,000." },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public void InvalidRequestIsRejectedBeforeAnyRowIsRead(GeneratorRequest request, string parameter, string message)
    {
        foreach (var generator in GeneratorCatalog.BuiltIn.All)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(request));

            Assert.Equal(parameter, error.ParamName);
            Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CsvStreamRejectsAnInvalidRequestWhenCreated()
    {
        var request = new GeneratorRequest(0, 1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GeneratorCsvStream(new TelcoChurnGenerator(), request));

        Assert.Equal("Rows", error.ParamName);
    }

    [Fact]
    public void BoundaryValuesAreAccepted()
    {
        var request = new GeneratorRequest(GeneratorRequest.MaxRows, int.MinValue, Drift: 1, Batch: GeneratorRequest.MaxBatch);

        request.Validate();

        Assert.Single(new TelcoChurnGenerator().Generate(request with { Rows = 1 }));
    }
}
