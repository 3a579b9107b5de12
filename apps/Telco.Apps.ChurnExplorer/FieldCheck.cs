namespace Telco.Apps.ChurnExplorer;

/// <summary>The check of one edited field, with a message for the form when it is flagged or refused.</summary>
public sealed record FieldCheck(string Column, FieldStatus Status, string? Message)
{
    public static FieldCheck Fine(string column) => new(column, FieldStatus.Fine, null);
}
