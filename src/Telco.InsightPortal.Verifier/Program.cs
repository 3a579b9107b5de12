using Telco.InsightPortal.Verifier;

return VerifierCommand.Run(args, Console.Out, Console.Error);
