using Microsoft.Extensions.DependencyInjection;

namespace Telco.InsightPortal.Apps;

/// <summary>
/// A hosted app: one Razor class library under <c>apps/</c>. The catalog lists it, routing finds its pages in its
/// assembly, and it works only once bound to a deployment whose served schema has <see cref="RequiredInputs"/>.
/// </summary>
public interface IPortalApp
{
    /// <summary>Lower-case letters, digits and dashes; the app's pages live under <c>/apps/{Id}</c>.</summary>
    string Id { get; }

    string Name { get; }

    /// <summary>One or two sentences for the catalog card: what a business user gets from it.</summary>
    string Description { get; }

    /// <summary>A MudBlazor icon (SVG markup from <c>Icons.Material</c>), never user text.</summary>
    string Icon { get; }

    /// <summary>The role the app is made for; roles that may bind apps (<c>apps:write</c>) always see it too.</summary>
    string RequiredRole { get; }

    /// <summary>The model inputs the app reads and edits; binding refuses a deployment that lacks one or types it otherwise.</summary>
    IReadOnlyList<AppInput> RequiredInputs { get; }

    /// <summary>The app's own services (its computations, its caches); called once at start.</summary>
    void AddServices(IServiceCollection services)
    {
    }
}

/// <summary>A model input an app needs: its name and its kind — <c>number</c> (served as <c>integer</c> or <c>real</c>),
/// <c>text</c> or <c>timestamp</c>.</summary>
public sealed record AppInput(string Name, string Type)
{
    public static AppInput Number(string name) => new(name, "number");

    public static AppInput Text(string name) => new(name, "text");
}
