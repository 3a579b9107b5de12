using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Web.Tests.Security;

public sealed partial class FirstAdminTests
{
    [GeneratedRegex("one-time password (\\S+)")]
    private static partial Regex OneTimePassword();

    [Fact]
    public async Task WithoutABootstrapPasswordTheFirstAdminGetsAOneTimePasswordThatMustBeChanged()
    {
        var log = new CapturedLog();
        await using var portal = await PortalFactory.CreateAsync(
            settings: new Dictionary<string, string?> { ["Portal:Bootstrap:AdminPassword"] = "" },
            services: s => s.AddSingleton<ILoggerProvider>(log));
        _ = portal.Services;
        var password = OneTimePassword().Match(string.Join("\n", log.Lines)).Groups[1].Value;

        var (client, signIn) = await portal.SignInAsync("admin", password);
        var blocked = await client.GetAsync("/data");
        var change = await client.PostAsync("/account/password", await CookieSignIn.FormAsync(client, "/account/password", new()
        {
            ["_handler"] = "change-password", ["Input.Current"] = password, ["Input.New"] = "Fresh-Harbor-Secret-31", ["Input.Confirm"] = "Fresh-Harbor-Secret-31",
        }));
        var open = await client.GetAsync("/data");

        Assert.NotEmpty(password);
        Assert.Equal("/account/password", signIn.Headers.Location!.OriginalString);
        Assert.Equal("/account/password", blocked.Headers.Location!.OriginalString);
        Assert.True(change.StatusCode == HttpStatusCode.Redirect, await change.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }

    private sealed class CapturedLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));
        public void Dispose() { }
    }
}
