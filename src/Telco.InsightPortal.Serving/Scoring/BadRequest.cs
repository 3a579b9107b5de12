namespace Telco.InsightPortal.Serving.Scoring;

/// <summary>A request serving refuses, with the status and MLflow error code it answers and a message naming the problem.</summary>
public sealed class BadRequest(string message, int status = StatusCodes.Status400BadRequest, string errorCode = BadRequest.Code) : Exception(message)
{
    public const string Code = "BAD_REQUEST";

    public int Status { get; } = status;
    public string ErrorCode { get; } = errorCode;
}
