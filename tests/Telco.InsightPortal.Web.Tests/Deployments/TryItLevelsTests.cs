using System.Globalization;
using Bunit;
using Telco.InsightPortal.Web.Deployments.Client;
using Telco.InsightPortal.Web.Deployments.Pages;

namespace Telco.InsightPortal.Web.Tests.Deployments;

/// <summary>The try-it form over a real deployment: the choices and hints it builds from the schema's levels and ranges.</summary>
[Collection(nameof(DeployedPortalCollection))]
public sealed class TryItLevelsTests(DeployedPortal portal) : DeploymentsTestContext(portal)
{
    private async Task<(IRenderedComponent<TryItForm> Form, ServedSchema Schema, string Key)> RenderFormAsync(string name)
    {
        var key = await DeployAsync(name);
        SignInScientist();
        _popover = Render<MudBlazor.MudPopoverProvider>();
        var deployment = (await Portal.Get<Data.Deployments.DeploymentStore>().GetAsync(name, Ct))!;
        var form = Render<TryItForm>(p => p.Add(x => x.Deployment, deployment));
        // The first call loads the model into serving: more than bUnit's default wait on a busy machine.
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("#try-inputs [role=combobox]")), TimeSpan.FromSeconds(20));
        return (form, await Portal.Get<ServingClient>().SchemaAsync(name, key, Ct), key);
    }

    /// <summary>What a select shows: MudSelect renders a focusable combobox (the keyboard's way in) over a hidden input.</summary>
    private static string Chosen(IRenderedComponent<TryItForm> form, string column) => Combobox(form, column).TextContent.Trim();

    private static AngleSharp.Dom.IElement Combobox(IRenderedComponent<TryItForm> form, string column) =>
        form.Find($"#try-inputs [role=combobox][data-column='{column}']");

    private static double Probability(IRenderedComponent<TryItForm> form) => TryItResult.Probability(form.Find("#try-result").TextContent);

    [Fact]
    public async Task ATextInputIsASelectOfItsTrainedLevelsAndTheChosenLevelIsScored()
    {
        var (form, schema, key) = await RenderFormAsync("churn-levels");
        var contract = schema.Inputs.Single(i => i.Name == "Contract");
        form.Find("#try-score").Click();
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("#try-result")), TimeSpan.FromSeconds(20));
        var typical = Probability(form);

        Combobox(form, "Contract").Closest(".mud-input-control")!.MouseDown();
        form.WaitForAssertion(() => Assert.NotEmpty(Popover().FindAll(".mud-list-item")));
        var offered = Popover().FindAll(".mud-list-item").Select(i => i.TextContent.Trim()).ToList();
        Popover().FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "Two year").Click();
        form.WaitForAssertion(() => Assert.Equal("Two year", Chosen(form, "Contract")));
        form.Find("#try-score").Click();
        form.WaitForAssertion(() => Assert.NotEqual(typical, Probability(form)), TimeSpan.FromSeconds(20));

        Assert.Equal(contract.Levels, offered);
        Assert.Equal(["Month-to-month", "Two year", "One year"], contract.Levels);
        // Typical values, except that TotalCharges follows tenure × MonthlyCharges rather than sitting at its own median.
        var whatIf = new WhatIf(schema);
        TryItRow.FillTypical(schema, whatIf.Values);
        whatIf.Settle(new HashSet<string>());
        whatIf.Set("Contract", "Two year");
        Assert.Null(TryItRow.Build(schema, whatIf.Values, out var row));
        var expected = (await Portal.Get<ServingClient>().InvokeAsync("churn-levels", key, [row], Ct)).Single().Probability;
        Assert.Equal(expected, Probability(form), 4);
    }

    [Fact]
    public async Task TheFormStartsFromTheMostFrequentLevelsAndMedianNumbersWithTheTrainingRangeAsHint()
    {
        var (form, schema, _) = await RenderFormAsync("churn-typical");

        var tenure = schema.Inputs.Single(i => i.Name == "tenure");
        var field = form.Find("#try-inputs input[data-column='tenure']");
        Assert.Equal(tenure.Median!.Value.ToString(CultureInfo.InvariantCulture), field.GetAttribute("value"));
        Assert.Equal("number", field.GetAttribute("type"));
        Assert.Contains($"integer, {tenure.Min} to {tenure.Max} in training, median {tenure.Median}", form.Markup);
        Assert.All(schema.Inputs.Where(i => i.Levels is not null), i =>
            Assert.Equal(i.Levels![0], Chosen(form, i.Name)));
        Assert.Equal(schema.Inputs.Count(i => i.Levels is not null), form.FindAll("#try-inputs [role=combobox]").Count);
        Assert.Contains("prefilled with typical training values", form.Markup);
    }

    private IRenderedComponent<MudBlazor.MudPopoverProvider>? _popover;

    /// <summary>Where an open select lists its items (the layout's popover provider, here rendered by the test).</summary>
    private IRenderedComponent<MudBlazor.MudPopoverProvider> Popover() => _popover!;
}
