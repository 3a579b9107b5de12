using Telco.InsightPortal.Apps;

namespace Telco.Apps.ChurnExplorer.Tests;

public sealed class WhatIfCheckTests
{
    public static readonly IReadOnlyList<AppInputHint> Hints =
    [
        new("Contract", "text", ["Month-to-month", "Two year", "One year"], null, null),
        new("tenure", "integer", null, 0, 72),
        new("MonthlyCharges", "real", null, 18.25, 118.75),
        new("TotalCharges", "real", null, null, null),
        new("Discount", "real", null, -50, 50),
        new("Notes", "text", null, null, null),
    ];

    [Theory]
    [InlineData("Contract", "One year", FieldStatus.Fine, null)]
    [InlineData("Contract", "Three year", FieldStatus.Refused, "must be one of: Month-to-month, Two year, One year")]
    [InlineData("Contract", null, FieldStatus.Refused, "must be one of")]
    [InlineData("Notes", "anything", FieldStatus.Fine, null)]
    [InlineData("MonthlyCharges", 50.0, FieldStatus.Fine, null)]
    [InlineData("MonthlyCharges", "50.5", FieldStatus.Fine, null)]
    [InlineData("MonthlyCharges", 150.0, FieldStatus.Flagged, "outside what the model was trained on (18.25 to 118.75)")]
    [InlineData("MonthlyCharges", 10.0, FieldStatus.Flagged, "outside")]
    [InlineData("MonthlyCharges", -1.0, FieldStatus.Refused, "cannot be negative")]
    [InlineData("MonthlyCharges", "cheap", FieldStatus.Refused, "must be a number")]
    [InlineData("MonthlyCharges", null, FieldStatus.Refused, "must be a number")]
    [InlineData("MonthlyCharges", double.NaN, FieldStatus.Refused, "must be a number")]
    [InlineData("TotalCharges", -0.01, FieldStatus.Refused, "cannot be negative")]
    [InlineData("TotalCharges", 1e6, FieldStatus.Fine, null)]
    [InlineData("tenure", -3L, FieldStatus.Refused, "cannot be negative")]
    [InlineData("tenure", 12.5, FieldStatus.Refused, "whole number")]
    [InlineData("tenure", 80L, FieldStatus.Flagged, "outside")]
    [InlineData("Discount", -10.0, FieldStatus.Fine, null)]
    [InlineData("Discount", -60.0, FieldStatus.Flagged, "outside")]
    public void EachEditIsFineFlaggedOrRefusedWithAMessage(string column, object? value, FieldStatus status, string? message)
    {
        var check = WhatIfCheck.Field(Hints.Single(h => h.Name == column), column, value);

        Assert.Equal((column, status), (check.Column, check.Status));
        if (message is null) Assert.Null(check.Message);
        else Assert.Contains(message, check.Message);
    }

    [Fact]
    public void AChargeWithoutAHintIsStillRefusedWhenNegative()
    {
        Assert.Equal(FieldStatus.Refused, WhatIfCheck.Field(null, "MonthlyCharges", -5.0).Status);
        Assert.Equal(FieldStatus.Fine, WhatIfCheck.Field(null, "Unknown", "x").Status);
    }

    [Fact]
    public void EveryEditedFieldIsCheckedInOrder()
    {
        var checks = WhatIfCheck.Check(Hints, new Dictionary<string, object?> { ["Contract"] = "One year", ["MonthlyCharges"] = -2.0, ["tenure"] = 100L });

        Assert.Equal([FieldStatus.Fine, FieldStatus.Refused, FieldStatus.Flagged], checks.Select(c => c.Status));
        Assert.Equal(["Contract", "MonthlyCharges", "tenure"], checks.Select(c => c.Column));
    }
}
