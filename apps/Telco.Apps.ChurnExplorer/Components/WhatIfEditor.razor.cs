using System.Globalization;
using Microsoft.AspNetCore.Components;
using Telco.InsightPortal.Apps;

namespace Telco.Apps.ChurnExplorer.Components;

public partial class WhatIfEditor
{
    /// <summary>The customer's row as stored; never changed, edits go to a copy.</summary>
    [Parameter, EditorRequired] public required IReadOnlyDictionary<string, object?> Row { get; set; }

    /// <summary>The deployment's inputs, with the levels and ranges training saw; they decide the fields and their order.</summary>
    [Parameter, EditorRequired] public required IReadOnlyList<AppInputHint> Hints { get; set; }

    /// <summary>The columns the user may edit; the rest, and the unchangeable ones whatever this says, are shown read-only.</summary>
    [Parameter, EditorRequired] public required IReadOnlyCollection<string> Editable { get; set; }

    /// <summary>The edited row (a copy with every accepted edit) after each accepted edit or a reset.</summary>
    [Parameter] public EventCallback<IReadOnlyDictionary<string, object?>> OnChange { get; set; }

    private Dictionary<string, object?> _edited = [];
    private Dictionary<string, FieldCheck> _checks = [];
    private IReadOnlyDictionary<string, object?>? _shown;
    private bool _changed;

    private IEnumerable<AppInputHint> Fields => Hints.Where(h => Row.ContainsKey(h.Name));

    protected override void OnParametersSet()
    {
        // A new customer starts a new what-if; a re-render of the same one keeps the edits.
        if (ReferenceEquals(Row, _shown)) return;
        _shown = Row;
        Reset();
    }

    private bool CanEdit(string column) => Editable.Contains(column) && !TelcoColumns.Unchangeable.Contains(column);

    private static bool IsNumber(AppInputHint hint) => hint.Type is "integer" or "real";

    private async Task EditAsync(AppInputHint hint, object? value)
    {
        var check = WhatIfCheck.Field(hint, hint.Name, value);
        _checks[hint.Name] = check;
        if (check.Status == FieldStatus.Refused) return;
        // The form's numbers are doubles; an integer input goes back as the whole number the model was trained on.
        _edited[hint.Name] = hint.Type == "integer" && value is double d ? (long)d : value;
        _changed = true;
        await OnChange.InvokeAsync(new Dictionary<string, object?>(_edited));
    }

    private async Task ResetAsync()
    {
        Reset();
        await OnChange.InvokeAsync(new Dictionary<string, object?>(_edited));
    }

    private void Reset()
    {
        _edited = new Dictionary<string, object?>(Row);
        _checks = [];
        _changed = false;
    }

    private static string? Show(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture);
}
