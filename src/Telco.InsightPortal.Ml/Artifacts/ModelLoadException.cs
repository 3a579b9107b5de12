namespace Telco.InsightPortal.Ml.Artifacts;

/// <summary>A model file was refused: outside the artifact root, missing, or not the file that was recorded.</summary>
public sealed class ModelLoadException(string message) : Core.Errors.PortalException(Core.Errors.ErrorKind.Unprocessable, message);
