using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Web.Hosting;

/// <summary>Checks the configuration at start-up so that a bad value stops the portal with a message
/// naming the setting, instead of failing later in a request.</summary>
public sealed class PortalOptionsValidator(IConfiguration configuration) : IValidateOptions<PortalOptions>, IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDir))
            errors.Add("Portal:DataDir must name a folder for the store file and artifacts (default ./data).");
        else if (options.DataDir.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            errors.Add($"Portal:DataDir '{options.DataDir}' is not a valid path.");
        if (options.Demo.Seed < 0)
            errors.Add($"Portal:Demo:Seed must be a non-negative integer; got {options.Demo.Seed}.");
        if (options.Demo.TelcoRows is < 100 or > 1_000_000)
            errors.Add($"Portal:Demo:TelcoRows must be 100..1000000; got {options.Demo.TelcoRows}.");
        if (options.Demo.CellTowerRows is < 100 or > 1_000_000)
            errors.Add($"Portal:Demo:CellTowerRows must be 100..1000000; got {options.Demo.CellTowerRows}.");
        if (options.Upload.MaxBytes is < 1024 or > 10L * 1024 * 1024 * 1024)
            errors.Add($"Portal:Upload:MaxBytes must be between 1 KiB and 10 GiB; got {options.Upload.MaxBytes}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        if (!Enum.TryParse<StoreProvider>(options.Provider, ignoreCase: true, out var provider))
            return ValidateOptionsResult.Fail($"Store:Provider must be 'Sqlite' or 'Postgres'; got '{options.Provider}'.");
        if (provider == StoreProvider.Postgres && string.IsNullOrWhiteSpace(configuration.GetConnectionString("Portal")))
            return ValidateOptionsResult.Fail("Store:Provider is 'Postgres' but ConnectionStrings:Portal is empty; set it (env ConnectionStrings__Portal).");
        return ValidateOptionsResult.Success;
    }
}
