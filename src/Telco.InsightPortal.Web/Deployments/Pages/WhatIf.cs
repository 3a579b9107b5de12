using System.Globalization;
using Telco.InsightPortal.Web.Deployments.Client;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>
/// The try-it form's values as a what-if: a derived input (<see cref="DerivedInput"/>) follows its sources while it
/// is linked, and the user's own edit of it unlinks it (their number wins) until they link it again. Also says which
/// values lie where training never looked.
/// </summary>
public sealed class WhatIf(ServedSchema schema)
{
    private readonly HashSet<string> _unlinked = new(StringComparer.Ordinal);

    public Dictionary<string, string?> Values { get; } = schema.Inputs.ToDictionary(i => i.Name, _ => (string?)null, StringComparer.Ordinal);

    public IReadOnlyList<DerivedInput> Rules { get; } = DerivedInput.For(schema);

    public DerivedInput? RuleFor(string column) => Rules.FirstOrDefault(r => r.Target == column);

    public bool IsLinked(string column) => RuleFor(column) is not null && !_unlinked.Contains(column);

    /// <summary>A user's edit: a derived input they type into stops following; inputs that follow this one move with it.</summary>
    public void Set(string column, string? value)
    {
        Values[column] = value;
        if (RuleFor(column) is not null) _unlinked.Add(column);
        foreach (var rule in Rules.Where(r => r.Sources.Contains(column) && IsLinked(r.Target))) Follow(rule);
    }

    /// <summary>Follows the formula again (at once) or stops following it.</summary>
    public void Link(string column, bool linked)
    {
        if (RuleFor(column) is not { } rule) return;
        if (!linked)
        {
            _unlinked.Add(column);
            return;
        }
        _unlinked.Remove(column);
        Follow(rule);
    }

    /// <summary>Brings the linked targets in line with their sources, except <paramref name="keep"/>: a logged request's
    /// values are a real customer's, while typical values (medians, each on its own) are not one customer.</summary>
    public void Settle(IReadOnlySet<string> keep)
    {
        foreach (var rule in Rules.Where(r => !keep.Contains(r.Target) && IsLinked(r.Target))) Follow(rule);
    }

    private void Follow(DerivedInput rule)
    {
        if (rule.From(Values) is { } value) Values[rule.Target] = value;
    }

    /// <summary>What the form warns about a column's value: outside what training saw, or far from its formula.</summary>
    public IReadOnlyList<string> Warnings(ServedInput input)
    {
        var warnings = new List<string>();
        if (TryItRow.IsNumber(input) && DerivedInput.Number(Values.GetValueOrDefault(input.Name)) is { } v
            && input is { Min: { } min, Max: { } max } && (v < min || v > max))
            warnings.Add($"outside the training range {Number(min)}..{Number(max)}");
        if (RuleFor(input.Name) is { } rule && rule.IsUnusual(Values))
            warnings.Add($"unusual combination: far from {rule.Formula} ≈ {rule.From(Values)}");
        return warnings;
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
