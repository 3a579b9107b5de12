namespace Telco.Apps.ChurnExplorer;

/// <summary>What a what-if edit of one field gives: usable, usable with a warning, or not usable.</summary>
public enum FieldStatus
{
    Fine,

    /// <summary>Usable, but outside what the model saw in training, so its score is less reliable.</summary>
    Flagged,

    /// <summary>Not a value the model can take; the edit is not applied.</summary>
    Refused,
}
