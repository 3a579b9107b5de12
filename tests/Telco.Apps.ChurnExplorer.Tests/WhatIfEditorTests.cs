using Bunit;
using MudBlazor;
using Telco.Apps.ChurnExplorer.Components;

namespace Telco.Apps.ChurnExplorer.Tests;

public sealed class WhatIfEditorTests : ExplorerTestContext
{
    private static readonly string[] Editable = ["Contract", "MonthlyCharges", "tenure", "TotalCharges"];

    private readonly List<IReadOnlyDictionary<string, object?>> _changes = [];

    [Fact]
    public void InputsWithLevelsAreListsNumbersAreNumberFieldsAndTheRestReadOnly()
    {
        var cut = RenderEditor(Customers.AtRisk());

        Assert.Single(cut.FindComponents<MudSelect<string>>());
        Assert.Equal(2, cut.FindComponents<MudNumericField<double?>>().Count);
        // tenure is listed as editable but can never change; Notes is not an input the row has, so it is not shown.
        Assert.True(cut.Find("#whatif-tenure").HasAttribute("readonly"));
        Assert.Empty(cut.FindAll("#whatif-Notes"));
        Assert.Equal(["Contract", "tenure", "MonthlyCharges", "TotalCharges"], cut.FindAll("label").Select(l => l.TextContent.Trim()));
    }

    [Fact]
    public void AValidEditSendsTheEditedRowAndLeavesTheCustomersRowAlone()
    {
        var row = Customers.AtRisk();
        var cut = RenderEditor(row);

        cut.Find("#whatif-MonthlyCharges").Change("70");

        cut.WaitForAssertion(() => Assert.Single(_changes));
        var edited = Assert.Single(_changes);
        Assert.Equal(70.0, edited["MonthlyCharges"]);
        Assert.Equal("Month-to-month", edited["Contract"]);
        Assert.Equal(95.0, row["MonthlyCharges"]);
        Assert.Empty(cut.FindAll(".mud-input-error"));
    }

    [Fact]
    public void ANegativeChargeIsRefusedInlineAndNotSent()
    {
        var cut = RenderEditor(Customers.AtRisk());

        cut.Find("#whatif-MonthlyCharges").Change("-5");

        cut.WaitForAssertion(() => Assert.Contains("MonthlyCharges cannot be negative", cut.Markup));
        Assert.Empty(_changes);
    }

    [Fact]
    public void AChargeOutsideTrainingIsSentButFlagged()
    {
        var cut = RenderEditor(Customers.AtRisk());

        cut.Find("#whatif-MonthlyCharges").Change("500");

        cut.WaitForAssertion(() => Assert.Single(_changes));
        Assert.Equal(500.0, Assert.Single(_changes)["MonthlyCharges"]);
        Assert.Contains("outside what the model was trained on", cut.Find("#whatif-flag-MonthlyCharges").TextContent);
    }

    [Fact]
    public async Task ALevelChosenFromTheListIsSentAndALevelTrainingNeverSawIsRefused()
    {
        var cut = RenderEditor(Customers.AtRisk());
        var select = cut.FindComponent<MudSelect<string>>();

        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("Two year"));
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("Ten year"));

        Assert.Equal("Two year", Assert.Single(_changes)["Contract"]);
        Assert.Contains("Contract must be one of", cut.Markup);
    }

    [Fact]
    public void ResetSendsTheCustomerAsTheyAre()
    {
        var row = Customers.AtRisk();
        var cut = RenderEditor(row);
        cut.Find("#whatif-MonthlyCharges").Change("70");
        // MudNumericField hands its value on asynchronously: the reset button is enabled only once it has.
        cut.WaitForAssertion(() => Assert.Single(_changes));

        cut.Find("#whatif-reset").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, _changes.Count));
        Assert.Equal(row, _changes[1]);
        Assert.True(cut.Find("#whatif-reset").HasAttribute("disabled"));
    }

    private IRenderedComponent<WhatIfEditor> RenderEditor(IReadOnlyDictionary<string, object?> row) =>
        Render<WhatIfEditor>(p => p
            .Add(x => x.Row, row)
            .Add(x => x.Hints, WhatIfCheckTests.Hints)
            .Add(x => x.Editable, Editable)
            .Add(x => x.OnChange, r => _changes.Add(r)));
}
