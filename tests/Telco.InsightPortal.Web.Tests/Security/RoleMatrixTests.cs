using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Security;

/// <summary>The README's table, the hand-written <see cref="ExpectedRoleMatrix"/> and the code (<see cref="RoleMatrix"/>
/// and the policies the running portal enforces) must say the same thing.</summary>
public sealed class RoleMatrixTests
{
    [Fact]
    public void TheReadmeTableIsTheExpectedMatrix()
    {
        var (header, rows) = ExpectedRoleMatrix.ReadmeTable();

        Assert.Equal(["area", .. ExpectedRoleMatrix.Roles], header);
        Assert.Equal(ExpectedRoleMatrix.Areas, rows.Select(r => r.Area));
        var disagreements = rows.SelectMany(row => ExpectedRoleMatrix.Roles.Select((role, i) => (row.Area, role, Written: row.Cells[i])))
            .Where(c => Written(c.Written) != ExpectedRoleMatrix.Of(c.Area, c.role))
            .Select(c => $"{c.Area} × {c.role}: README says '{c.Written}', expected {ExpectedRoleMatrix.Of(c.Area, c.role)}")
            .ToList();
        Assert.Empty(disagreements);
    }

    [Fact]
    public void TheCodesMatrixIsTheExpectedMatrix()
    {
        var disagreements = ExpectedRoleMatrix.Areas.SelectMany(area => ExpectedRoleMatrix.Roles.Select(role => (area, role)))
            .Where(c => RoleMatrix.Of(c.area, c.role) != ExpectedRoleMatrix.Of(c.area, c.role))
            .Select(c => $"{c.area} × {c.role}: RoleMatrix says {RoleMatrix.Of(c.area, c.role)}, expected {ExpectedRoleMatrix.Of(c.area, c.role)}")
            .ToList();

        Assert.Equal(ExpectedRoleMatrix.Areas, RoleMatrix.Areas);
        Assert.Equal(ExpectedRoleMatrix.Roles, Roles.All);
        Assert.Empty(disagreements);
    }

    [Fact]
    public async Task EachAreaPolicyOfThePortalAdmitsExactlyTheExpectedRoles()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var provider = portal.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var problems = new List<string>();

        foreach (var policy in ExpectedRoleMatrix.Areas.SelectMany(a => new[] { a.ToLowerInvariant() + ":read", a.ToLowerInvariant() + ":write" }))
        {
            var expected = ExpectedRoleMatrix.RolesAdmittedBy(policy);
            var actual = await provider.GetPolicyAsync(policy);
            // An area nobody may write has no write policy at all, so nothing can name it by mistake.
            if (expected.Count == 0 && actual is null) continue;
            var admitted = actual?.Requirements.OfType<RolesAuthorizationRequirement>().SingleOrDefault()?.AllowedRoles.Order().ToList();
            if (admitted is null || !admitted.SequenceEqual(expected.Order()))
                problems.Add($"{policy}: admits [{string.Join(", ", admitted ?? [])}], expected [{string.Join(", ", expected)}]");
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task NegotiatingTheCircuitRequiresSignIn()
    {
        await using var portal = await PortalFactory.CreateAsync();

        var response = await portal.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/_blazor?id=circuit-of-someone-else");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Access Written(string cell) => cell switch
    {
        "write" => Access.Write,
        "read" => Access.Read,
        "—" => Access.None,
        _ => throw new InvalidOperationException($"The README's role matrix has a cell '{cell}'; write read, write or —."),
    };
}
