using System.Text.Json;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Http;
using Telco.InsightPortal.Ml.Scoring;

namespace Telco.InsightPortal.Serving.Scoring;

/// <summary>Scoring responses written straight to the response body with Utf8JsonWriter.</summary>
public static class ScoringResponses
{
    /// <summary>One prediction per row; a row that carried id values gets them back as <c>"id": {column: value}</c>, so
    /// a caller can tell whose each prediction is without relying on the order.</summary>
    public static async Task PredictionsAsync(HttpResponse response, Guid[] uuids, float[] probabilities, int[] labels, string modelVersion, RowIds ids)
    {
        response.ContentType = "application/json";
        await using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteStartArray("predictions");
            for (var i = 0; i < uuids.Length; i++)
            {
                json.WriteStartObject();
                json.WriteString("uuid", uuids[i]);
                json.WriteNumber("probability", probabilities[i]);
                json.WriteNumber("label", labels[i]);
                json.WriteString("modelVersion", modelVersion);
                if (ids.Of(i) is { } values) WriteIds(json, ids.Columns, values);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        await response.BodyWriter.FlushAsync();
    }

    private static void WriteIds(Utf8JsonWriter json, IReadOnlyList<Core.Data.DatasetColumn> columns, string?[] values)
    {
        json.WriteStartObject("id");
        for (var c = 0; c < columns.Count; c++)
            if (values[c] is { } value) json.WriteString(columns[c].Name, value);
        json.WriteEndObject();
    }

    public static async Task ExplanationsAsync(HttpResponse response, IReadOnlyList<RowExplanation> rows, string modelVersion)
    {
        response.ContentType = "application/json";
        await using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteString("modelVersion", modelVersion);
            json.WriteStartArray("explanations");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteNumber("probability", row.Probability);
                json.WriteNumber("score", row.Score);
                if (row.Bias is { } bias) json.WriteNumber("bias", bias); else json.WriteNull("bias");
                json.WriteStartArray("contributions");
                foreach (var c in row.Contributions)
                {
                    json.WriteStartObject();
                    json.WriteString("column", c.Column);
                    json.WriteNumber("contribution", c.Contribution);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        await response.BodyWriter.FlushAsync();
    }

    public static IResult Error(int status, string message, string code = ErrorCodes.BadRequest) =>
        ApiErrorWriter.Result(new ApiError(status, code, message));

    public static IResult Refusal(PortalException e) => Error(e.Status, e.Message, e.Code);

    /// <summary>A stopped deployment: MLflow's code for a service that is unavailable for now (503), since starting
    /// it again brings the same endpoint back.</summary>
    public static IResult Stopped(string deployment) =>
        Error(StatusCodes.Status503ServiceUnavailable, $"Deployment '{deployment}' is stopped.", ErrorCodes.Unavailable);
}
