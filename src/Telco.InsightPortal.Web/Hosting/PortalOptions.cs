using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Web.Hosting;

/// <summary>The <c>Portal</c> section of the configuration.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Where the SQLite store and the artifacts live. Relative paths are from the content root.</summary>
    public string DataDir { get; set; } = "./data";

    public DemoOptions Demo { get; set; } = new();

    public UploadOptions Upload { get; set; } = new();

    public sealed class DemoOptions
    {
        /// <summary>Seed the demo datasets on first start.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>Train, register and deploy the demo models in the background (see Web/Demo). Unset, it follows
        /// <see cref="Enabled"/>: on wherever demo data is seeded.</summary>
        public bool? Models { get; set; }

        public bool ModelsEnabled => Models ?? Enabled;

        public int Seed { get; set; } = 42;

        public int TelcoRows { get; set; } = 5000;

        public int CellTowerRows { get; set; } = 10000;
    }

    public sealed class UploadOptions
    {
        public long MaxBytes { get; set; } = 200L * 1024 * 1024;
    }
}

/// <summary>The <c>Store</c> section; the connection string is <c>ConnectionStrings:Portal</c>.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    public string Provider { get; set; } = nameof(StoreProvider.Sqlite);

    public StoreProvider ParsedProvider => Enum.Parse<StoreProvider>(Provider, ignoreCase: true);
}
