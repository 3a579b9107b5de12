namespace Telco.InsightPortal.Core.Governance;

/// <summary>The governance policies, from configuration section <c>Governance</c>. Each can be switched off, and each
/// can block promotion to Production when it fails (off by default: the checks then only report).</summary>
public sealed record GovernanceOptions
{
    public const string Section = "Governance";

    public GovernancePolicies Policies { get; init; } = new();

    /// <summary>What is wrong with the configuration, one sentence per setting; empty when it is usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Policies.MinTestAuc.Floor is var floor && (double.IsNaN(floor) || floor is < 0 or > 1))
            problems.Add($"Governance:Policies:MinTestAuc:Floor must be between 0 and 1; got {floor}.");
        if (Policies.NoStaleDriftAlert.MaxAgeDays is < 0 or > 3650)
            problems.Add($"Governance:Policies:NoStaleDriftAlert:MaxAgeDays must be between 0 and 3650; got {Policies.NoStaleDriftAlert.MaxAgeDays}.");
        return problems;
    }

    /// <exception cref="InvalidOperationException">The configuration names an unusable value; the message names it.</exception>
    public GovernanceOptions Validated()
    {
        var problems = Problems();
        return problems.Count == 0 ? this : throw new InvalidOperationException(string.Join(" ", problems));
    }
}

public sealed record GovernancePolicies
{
    public PolicySwitch CompleteCard { get; init; } = new();
    public PolicySwitch FourEyes { get; init; } = new();
    public AucFloorPolicy MinTestAuc { get; init; } = new();
    public DriftAgePolicy NoStaleDriftAlert { get; init; } = new();
}

/// <summary>A policy that is checked when <see cref="Enabled"/>, and refuses promotion when it fails and
/// <see cref="Blocking"/>.</summary>
public record PolicySwitch
{
    public bool Enabled { get; init; } = true;
    public bool Blocking { get; init; }
}

public sealed record AucFloorPolicy : PolicySwitch
{
    /// <summary>The test ROC AUC a Production version must be above.</summary>
    public double Floor { get; init; } = 0.75;
}

public sealed record DriftAgePolicy : PolicySwitch
{
    /// <summary>How many days a drift alert on a deployment serving the version may stay unresolved.</summary>
    public int MaxAgeDays { get; init; } = 7;
}
