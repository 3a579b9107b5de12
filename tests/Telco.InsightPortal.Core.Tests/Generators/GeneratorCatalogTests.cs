using Telco.InsightPortal.Core.Data.Generators;

namespace Telco.InsightPortal.Core.Tests.Generators;

public sealed class GeneratorCatalogTests
{
    [Fact]
    public void BuiltInCatalogListsTelcoChurnAndCellTowers()
    {
        var names = GeneratorCatalog.BuiltIn.All.Select(g => g.Name);

        Assert.Equal(["telco-churn", "cell-towers"], names);
    }

    [Fact]
    public void FindIgnoresCaseAndReturnsNullForAnUnknownName()
    {
        var catalog = GeneratorCatalog.BuiltIn;

        Assert.IsType<TelcoChurnGenerator>(catalog.Find("Telco-Churn"));
        Assert.IsType<CellTowerGenerator>(catalog.Find("cell-towers"));
        Assert.Null(catalog.Find("no-such-generator"));
    }

    [Fact]
    public void TwoGeneratorsWithOneNameAreRefused()
    {
        IDataGenerator[] generators = [new TelcoChurnGenerator(), new TelcoChurnGenerator()];

        var error = Assert.Throws<ArgumentException>(() => new GeneratorCatalog(generators));

        Assert.Contains("'telco-churn'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBuiltInSchemaIsValidAndHasALabel()
    {
        foreach (var generator in GeneratorCatalog.BuiltIn.All)
        {
            Assert.Empty(generator.Schema.Validate());
            Assert.NotNull(generator.Schema.Label);
            Assert.False(string.IsNullOrWhiteSpace(generator.Description));
        }
    }
}
