namespace Telco.InsightPortal.Core.Data.Generators;

/// <summary>The generators the portal offers, looked up by their (case-insensitive) name.</summary>
public sealed class GeneratorCatalog
{
    private readonly Dictionary<string, IDataGenerator> _byName;

    public GeneratorCatalog(IEnumerable<IDataGenerator> generators)
    {
        All = [.. generators];
        _byName = new Dictionary<string, IDataGenerator>(StringComparer.OrdinalIgnoreCase);
        foreach (var generator in All)
        {
            if (!_byName.TryAdd(generator.Name, generator))
                throw new ArgumentException($"Two generators are named '{generator.Name}'.", nameof(generators));
        }
    }

    /// <summary>The generators built into the portal.</summary>
    public static GeneratorCatalog BuiltIn { get; } = new([new TelcoChurnGenerator(), new CellTowerGenerator()]);

    public IReadOnlyList<IDataGenerator> All { get; }

    public IDataGenerator? Find(string name) => _byName.GetValueOrDefault(name);
}
