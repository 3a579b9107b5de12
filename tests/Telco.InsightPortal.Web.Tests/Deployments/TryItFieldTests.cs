using Bunit;
using Telco.InsightPortal.Web.Deployments.Client;
using Telco.InsightPortal.Web.Deployments.Pages;

namespace Telco.InsightPortal.Web.Tests.Deployments;

/// <summary>One field of the try-it form for each kind of input the schema can describe.</summary>
public sealed class TryItFieldTests : PortalTestContext
{
    private IRenderedComponent<TryItField> Field(ServedInput input) =>
        Render<TryItField>(p => p.Add(x => x.Input, input).Add(x => x.Value, TryItRow.Typical(input)));

    [Fact]
    public void AFreeTextInputIsATextFieldThatSaysWhy()
    {
        var cut = Field(new ServedInput("customerID", "text", true, FreeText: true));

        Assert.Empty(cut.FindAll("[role=combobox]"));
        Assert.Equal("text", cut.Find("input[data-column='customerID']").GetAttribute("type"));
        Assert.Contains("text, free text (too many values in training to list), required", cut.Markup);
    }

    [Fact]
    public void AnInputFromAModelTrainedBeforeLevelsIsAnEmptyTextField()
    {
        var cut = Field(new ServedInput("Contract", "text", false));

        Assert.Empty(cut.FindAll("[role=combobox]"));
        Assert.Null(cut.Find("input[data-column='Contract']").GetAttribute("value"));
        Assert.Contains(">text<", cut.Markup.Replace(" ", ""));
    }

    [Fact]
    public void ARealNumberStartsAtItsMedianAndShowsItsRange()
    {
        var cut = Field(new ServedInput("MonthlyCharges", "real", true, Min: 18.25, Max: 118.75, Median: 70.35));

        Assert.Equal("70.35", cut.Find("input[data-column='MonthlyCharges']").GetAttribute("value"));
        Assert.Contains("number, 18.25 to 118.75 in training, median 70.35, required", cut.Markup);
    }

    [Fact]
    public void AnOptionalLevelCanBeClearedAndARequiredOneCannot()
    {
        var optional = Field(new ServedInput("PaymentMethod", "text", false, ["Electronic check", "Mailed check"]));
        var required = Field(new ServedInput("gender", "text", true, ["Male", "Female"]));

        Assert.Equal("Electronic check", optional.Find("[role=combobox][data-column='PaymentMethod']").TextContent);
        Assert.NotEmpty(optional.FindAll(".mud-input-clear-button"));
        Assert.Empty(required.FindAll(".mud-input-clear-button"));
        Assert.Contains("text, 2 values in training, required", required.Markup);
    }
}
