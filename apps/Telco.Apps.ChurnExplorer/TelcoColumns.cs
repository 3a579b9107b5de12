namespace Telco.Apps.ChurnExplorer;

/// <summary>The telco dataset's column names the app refers to by name, spelled as the IBM sample spells them.</summary>
public static class TelcoColumns
{
    public const string CustomerId = "customerID";
    public const string Gender = "gender";
    public const string SeniorCitizen = "SeniorCitizen";
    public const string Tenure = "tenure";
    public const string Contract = "Contract";
    public const string PaymentMethod = "PaymentMethod";
    public const string InternetService = "InternetService";
    public const string TechSupport = "TechSupport";
    public const string OnlineSecurity = "OnlineSecurity";
    public const string MonthlyCharges = "MonthlyCharges";
    public const string TotalCharges = "TotalCharges";
    public const string Churn = "Churn";

    /// <summary>Who the customer is or what happened to them: no offer can change these, and a what-if must not either.</summary>
    public static IReadOnlySet<string> Unchangeable { get; } =
        new HashSet<string>([CustomerId, Gender, SeniorCitizen, Tenure, Churn], StringComparer.OrdinalIgnoreCase);

    /// <summary>Charges are amounts billed: a negative one is a typing slip, whatever range training saw.</summary>
    public static IReadOnlySet<string> NonNegative { get; } = new HashSet<string>([MonthlyCharges, TotalCharges], StringComparer.OrdinalIgnoreCase);

    /// <summary>Values that mean the service does not exist for this customer, so an offer of it cannot apply.</summary>
    public static IReadOnlySet<string> NotApplicable { get; } = new HashSet<string>(["No internet service", "No phone service"], StringComparer.Ordinal);
}
