namespace Telco.Apps.ChurnExplorer;

/// <summary>What the search found for a customer.</summary>
public enum RetentionOutcome
{
    /// <summary>The customer is already under the threshold: no offer is needed.</summary>
    NotAtRisk,

    /// <summary>An offer set brings the customer under the threshold; the cheapest is chosen.</summary>
    Crosses,

    /// <summary>No offer set brings the customer under the threshold; the one with the largest drop per unit of cost is chosen.</summary>
    NoneCrosses,

    /// <summary>No offer applies to the customer or none lowers their probability.</summary>
    NoOfferHelps,
}
