using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Telco.InsightPortal.Ml.Featurisation;

/// <summary>Builds the ML.NET transforms from a plan: one-hot text, missing indicators and mean replacement
/// for numbers, one feature vector, min-max scaling when the trainer needs it.</summary>
internal static class FeaturePipeline
{
    public const string FeaturesColumn = "__features__";

    public static IEstimator<ITransformer> Build(MLContext ml, FeaturePlan plan, bool normalise)
    {
        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        var text = plan.Features.Where(f => f.IsText).Select(f => new InputOutputColumnPair(f.Name)).ToArray();
        var numeric = plan.Features.Where(f => !f.IsText).Select(f => new InputOutputColumnPair(f.Name)).ToArray();
        var indicators = plan.Features.Where(f => f.IndicateMissing)
            .Select(f => new InputOutputColumnPair(f.Name + PlannedFeature.MissingSuffix, f.Name)).ToArray();

        if (text.Length > 0)
            chain = chain.Append(ml.Transforms.Categorical.OneHotEncoding(text, OneHotEncodingEstimator.OutputKind.Indicator));
        if (indicators.Length > 0)
        {
            chain = chain.Append(ml.Transforms.IndicateMissingValues(indicators))
                .Append(ml.Transforms.Conversion.ConvertType(indicators.Select(p => new InputOutputColumnPair(p.OutputColumnName)).ToArray(), DataKind.Single));
        }
        if (numeric.Length > 0)
            chain = chain.Append(ml.Transforms.ReplaceMissingValues(numeric, MissingValueReplacingEstimator.ReplacementMode.Mean));

        var parts = plan.Features.Select(f => f.Name).Concat(indicators.Select(p => p.OutputColumnName)).ToArray();
        chain = chain.Append(ml.Transforms.Concatenate(FeaturesColumn, parts));
        if (normalise) chain = chain.Append(ml.Transforms.NormalizeMinMax(FeaturesColumn));
        return chain;
    }
}
