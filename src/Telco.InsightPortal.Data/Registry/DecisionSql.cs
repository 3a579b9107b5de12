namespace Telco.InsightPortal.Data.Registry;

/// <summary>SQL of the decisions saved on model versions, and of copying their thresholds to the targets serving them.</summary>
internal static class DecisionSql
{
    private const string Columns = """
        d.threshold AS Threshold, d.tp_value AS TruePositiveValue, d.tn_value AS TrueNegativeValue, d.fp_cost AS FalsePositiveCost,
        d.fn_cost AS FalseNegativeCost, d.set_by AS SetBy, d.set_at AS SetAt
        """;

    public const string Get = "SELECT " + Columns + """
         FROM model_decisions d JOIN registered_models m ON m.model_id = d.model_id WHERE m.name = @Name AND d.version = @Version
        """;

    public const string Delete = "DELETE FROM model_decisions WHERE model_id = @ModelId AND version = @Version";

    public const string Insert = """
        INSERT INTO model_decisions (model_id, version, threshold, tp_value, tn_value, fp_cost, fn_cost, set_by, set_at)
        VALUES (@ModelId, @Version, @Threshold, @TruePositiveValue, @TrueNegativeValue, @FalsePositiveCost, @FalseNegativeCost, @SetBy, @Now)
        """;

    /// <summary>The current generation's targets that serve the version (by the name and number they were copied with).</summary>
    private const string ServingTargets = """
        model = @Name AND version = @VersionText
        AND generation = (SELECT g.generation FROM deployments g WHERE g.id = deployment_targets.deployment_id)
        """;

    /// <summary>Serving notices a change by the revision: bumped first, from the targets as they are.</summary>
    public const string TouchServingDeployments =
        "UPDATE deployments SET revision = revision + 1, updated_at = @Now WHERE id IN (SELECT deployment_id FROM deployment_targets WHERE "
        + ServingTargets + ")";

    public const string CopyToServingTargets = "UPDATE deployment_targets SET threshold = @Threshold WHERE " + ServingTargets;

    /// <summary>The threshold a new target copies: the decision saved on its version, if any.</summary>
    public const string ThresholdOf = """
        (SELECT d.threshold FROM model_decisions d JOIN registered_models m ON m.model_id = d.model_id
         WHERE m.name = @Model AND CAST(d.version AS TEXT) = @Version)
        """;
}
