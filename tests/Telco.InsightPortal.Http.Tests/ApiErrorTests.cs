using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Telco.InsightPortal.Core.Errors;

namespace Telco.InsightPortal.Http.Tests;

public sealed class ApiErrorTests
{
    [Theory]
    [InlineData("/api/v1/deployments", ApiFamily.Portal)]
    [InlineData("/api/serving/openapi.json", ApiFamily.Portal)]
    [InlineData("/api/2.0/mlflow/runs/search", ApiFamily.Mlflow)]
    [InlineData("/api/2.0/mlflow-artifacts/artifacts/1/x", ApiFamily.Mlflow)]
    [InlineData("/get-artifact", ApiFamily.Mlflow)]
    [InlineData("/serving/churn/invocations", ApiFamily.Serving)]
    [InlineData("/experiments", ApiFamily.None)]
    [InlineData("/apix", ApiFamily.None)]
    [InlineData("/servingx/a", ApiFamily.None)]
    public void EachPathBelongsToOneFamily(string path, ApiFamily family) =>
        Assert.Equal(family, ApiFamilies.Of(new PathString(path)));

    [Fact]
    public void ADomainRefusalKeepsItsStatusCodeMessageAndDetails()
    {
        var refusal = new PortalException(ErrorKind.Conflict, "Run is FINISHED.") { Details = new Dictionary<string, object?> { ["status"] = "FINISHED" } };

        var error = ApiError.From(refusal);

        Assert.Equal((409, ErrorCodes.InvalidState, "Run is FINISHED.", "FINISHED"), (error!.Status, error.Code, error.Message, error.Details!["status"]));
    }

    [Fact]
    public void AFrameworkBindingFailureOnJsonIsA400NamingWhereTheJsonBroke()
    {
        var json = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, int>>("{\"replicas\": \"four\"}"));
        var binding = new BadHttpRequestException("Failed to read parameter \"ScaleBody? body\" from the request body as JSON.", json);

        var error = ApiError.From(binding);

        Assert.Equal(400, error!.Status);
        Assert.Equal(ErrorCodes.InvalidParameter, error.Code);
        Assert.StartsWith("Malformed JSON in the request body at line 1, position", error.Message);
        Assert.Contains("($.replicas)", error.Message);
        Assert.DoesNotContain("ScaleBody", error.Message);
        Assert.DoesNotContain("System.", error.Message);
    }

    [Fact]
    public void AWrongContentTypeKeepsTheFrameworksStatus()
    {
        var error = ApiError.From(new BadHttpRequestException("Expected a supported JSON media type but got \"text/plain\".", 415));

        Assert.Equal((415, ErrorCodes.BadRequest), (error!.Status, error.Code));
    }

    [Fact]
    public void AMissingBodyIsAnsweredWithWhatToSendNotTheHandlersParameterName()
    {
        var error = ApiError.From(new BadHttpRequestException("Implicit body inferred for parameter \"TrainRequestDto body\" but no body was provided.", 400));

        Assert.Equal("The request body is missing or empty; send a JSON object.", error!.Message);
    }

    [Fact]
    public void AnExceptionNobodyMeantToRaiseIsNotARefusal() =>
        Assert.Null(ApiError.From(new NullReferenceException("bug")));
}
