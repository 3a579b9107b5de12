namespace Telco.InsightPortal.Verifier;

// Not top-level statements: those would declare a public global Program, which clashes with the web host's in any
// test project that references both.
internal static class Program
{
    private static int Main(string[] args) => VerifierCommand.Run(args, Console.Out, Console.Error);
}
