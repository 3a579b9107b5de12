namespace Telco.InsightPortal.Core.Parsing;

public enum FilterTokenKind { End, Word, String, Number, Symbol, Unknown }

/// <summary>One token of a filter. A <see cref="FilterTokenKind.Word"/> is a key or a keyword (<c>metrics.auc</c>,
/// <c>name</c>, <c>and</c>); a word ending in a dot followed by a quoted or backticked name (<c>tags.`team name`</c>)
/// carries that name in <see cref="QuotedName"/>. A <see cref="FilterTokenKind.String"/>'s text is its value with
/// doubled quotes undone; a number's text is as written.</summary>
public readonly record struct FilterToken(FilterTokenKind Kind, int Position, string Text, string? QuotedName = null)
{
    public bool IsSymbol(string symbol) => Kind == FilterTokenKind.Symbol && Text == symbol;

    public bool IsKeyword(string keyword) =>
        Kind == FilterTokenKind.Word && QuotedName is null && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);
}
